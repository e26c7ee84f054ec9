import { z } from 'zod';
import type { LossEventView, PartnerView, RiskView } from '../../risk-register/index.js';
import { moneyJson, MoneySchema } from '../money-json.js';

/** Response shapes of the risk-register routes (src/api/routes/risk-register.ts). */
const Grid = z.object({
  likelihood: z.number(),
  impact: z.number(),
  score: z.number(),
  band: z.string(),
});

export const RiskSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  cause: z.string(),
  consequence: z.string(),
  ownerId: z.string(),
  inherent: Grid,
  residual: Grid,
  appetiteScore: z.number(),
  toleranceScore: z.number(),
  toleranceStatus: z.string(),
  treatment: z.string(),
  treatmentPlan: z.string(),
  transferCover: z.string().nullable(),
  reviewCadenceDays: z.number(),
  nextReviewOn: z.string(),
  reviewState: z.string(),
  status: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const AssessmentRowSchema = z.object({
  id: z.string(),
  reason: z.string(),
  inherent: z.object({ likelihood: z.number(), impact: z.number(), score: z.number() }),
  residual: z.object({ likelihood: z.number(), impact: z.number(), score: z.number() }),
  toleranceStatus: z.string(),
  controlBasis: z.unknown(),
  note: z.string().nullable(),
  assessedBy: z.string(),
  assessedAt: z.string(),
});

export const LinkedControlSchema = z.object({
  controlId: z.string(),
  code: z.string(),
  title: z.string(),
  kind: z.string(),
  declaredEffectiveness: z.string(),
  latestOutcome: z.string().nullable(),
  latestRanAt: z.string().nullable(),
  effectiveness: z.string(),
  linkedBy: z.string(),
  linkedAt: z.string(),
});

export const AssessmentOutcomeSchema = z.object({
  assessmentId: z.string(),
  inherent: z.object({ likelihood: z.number(), impact: z.number() }),
  residual: z.object({ likelihood: z.number(), impact: z.number() }),
  toleranceStatus: z.string(),
  changed: z.boolean(),
});

export const LossTotalsSchema = z.object({
  currency: z.string(),
  events: z.number(),
  nearMisses: z.number(),
  gross: MoneySchema,
  recovered: MoneySchema,
  net: MoneySchema,
});

export function lossTotalsJson(
  totals: readonly {
    currency: string;
    events: number;
    nearMisses: number;
    grossLossMinor: bigint;
    recoveredMinor: bigint;
    netLossMinor: bigint;
  }[],
) {
  return totals.map((t) => ({
    currency: t.currency,
    events: t.events,
    nearMisses: t.nearMisses,
    gross: moneyJson(t.grossLossMinor, t.currency),
    recovered: moneyJson(t.recoveredMinor, t.currency),
    net: moneyJson(t.netLossMinor, t.currency),
  }));
}

export const LossEventSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.string(),
  causeCategory: z.string(),
  cause: z.string(),
  occurredOn: z.string(),
  discoveredOn: z.string(),
  bookedOn: z.string().nullable(),
  grossLoss: MoneySchema,
  potentialLoss: MoneySchema,
  recoveryInsurance: MoneySchema,
  recoveryGuarantee: MoneySchema,
  recoveryOther: MoneySchema,
  netLoss: MoneySchema,
  riskIds: z.array(z.string()),
  caseIds: z.array(z.string()),
  incidentIds: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function lossEventJson(event: LossEventView) {
  const money = (minor: bigint) => moneyJson(minor, event.currency);
  return {
    id: event.id,
    platformId: event.platformId,
    title: event.title,
    description: event.description,
    kind: event.kind,
    causeCategory: event.causeCategory,
    cause: event.cause,
    occurredOn: event.occurredOn,
    discoveredOn: event.discoveredOn,
    bookedOn: event.bookedOn,
    grossLoss: money(event.grossLossMinor),
    potentialLoss: money(event.potentialLossMinor),
    recoveryInsurance: money(event.recoveryInsuranceMinor),
    recoveryGuarantee: money(event.recoveryGuaranteeMinor),
    recoveryOther: money(event.recoveryOtherMinor),
    netLoss: money(event.netLossMinor),
    riskIds: event.riskIds,
    caseIds: event.caseIds,
    incidentIds: event.incidentIds,
    createdBy: event.createdBy,
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
  };
}

export const PartnerSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  name: z.string(),
  kind: z.string(),
  services: z.string(),
  ownerId: z.string(),
  rating: z.string().nullable(),
  reviewCadenceDays: z.number(),
  nextReviewOn: z.string(),
  lastReviewedOn: z.string().nullable(),
  reviewState: z.string(),
  status: z.string(),
  riskIds: z.array(z.string()),
  qualificationsExpiring: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const QualificationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  issuer: z.string(),
  reference: z.string(),
  validFrom: z.string(),
  expiresOn: z.string().nullable(),
  state: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const DueDiligenceViewSchema = z.object({
  id: z.string(),
  reviewedOn: z.string(),
  reviewerId: z.string(),
  scope: z.string(),
  findings: z.string(),
  rating: z.string(),
  nextReviewOn: z.string(),
  createdAt: z.string(),
});

export const ResponsibilitiesSchema = z.object({
  principalId: z.string(),
  risks: z.array(RiskSchema),
  partners: z.array(PartnerSchema),
  controls: z.array(
    z.object({
      platformId: z.string().nullable(),
      controlId: z.string(),
      code: z.string(),
      title: z.string(),
      latestOutcome: z.string().nullable(),
      latestRanAt: z.string().nullable(),
      riskIds: z.array(z.string()),
    }),
  ),
  overdue: z.array(
    z.object({
      subjectType: z.string(),
      subjectId: z.string(),
      platformId: z.string(),
      label: z.string(),
      dueOn: z.string(),
    }),
  ),
  reminders: z.array(
    z.object({
      subjectType: z.string(),
      subjectId: z.string(),
      platformId: z.string(),
      dueOn: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export type RiskJson = RiskView;
export type PartnerJson = PartnerView;

import { z } from 'zod';
import { isIsoDate } from './review-schedule.js';
import { RISK_LIMITS } from './risk-limits.js';
import {
  CONTROL_KINDS,
  DUE_DILIGENCE_SCOPES,
  EFFECTIVENESS_RATINGS,
  LOSS_KINDS,
  PARTNER_KINDS,
  PARTNER_RATINGS,
  RISK_CATEGORIES,
  RISK_STATUSES,
  RISK_TREATMENTS,
} from './risk-types.js';

/** Inputs of the risk register, shared by the API and the CLI. Unknown fields are refused. */
const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z]+_[0-9a-z]+$/, 'not an identifier');
export const ScalePoint = z.number().int().min(1).max(5);
export const Score = z.number().int().min(1).max(25);
export const IsoDate = z.string().refine(isIsoDate, 'a YYYY-MM-DD date');
const Cadence = z.number().int().min(7).max(730);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const NewRiskSchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, 'upper-case letters, digits and -'),
    title: Text(200),
    description: z.string().max(4000).default(''),
    category: z.enum(RISK_CATEGORIES),
    cause: Text(2000),
    consequence: Text(2000),
    ownerId: Id,
    likelihood: ScalePoint,
    impact: ScalePoint,
    appetiteScore: Score,
    toleranceScore: Score,
    treatment: z.enum(RISK_TREATMENTS),
    treatmentPlan: z.string().max(2000).default(''),
    transferCover: Text(500).nullable().default(null),
    reviewCadenceDays: Cadence.optional(),
  })
  .strict();
export type NewRisk = z.output<typeof NewRiskSchema>;

export const RiskChangeSchema = z
  .object({
    title: Text(200),
    description: z.string().max(4000),
    category: z.enum(RISK_CATEGORIES),
    cause: Text(2000),
    consequence: Text(2000),
    ownerId: Id,
    appetiteScore: Score,
    toleranceScore: Score,
    treatment: z.enum(RISK_TREATMENTS),
    treatmentPlan: z.string().max(2000),
    transferCover: Text(500).nullable(),
    reviewCadenceDays: Cadence,
    status: z.enum(RISK_STATUSES),
  })
  .partial()
  .strict();
export type RiskChange = z.output<typeof RiskChangeSchema>;

export const AssessmentSchema = z
  .object({
    likelihood: ScalePoint,
    impact: ScalePoint,
    note: Text(2000),
    nextReviewOn: IsoDate.optional(),
  })
  .strict();
export type AssessmentInput = z.output<typeof AssessmentSchema>;

export const ControlLinkSchema = z
  .object({
    kind: z.enum(CONTROL_KINDS),
    declaredEffectiveness: z.enum(EFFECTIVENESS_RATINGS),
  })
  .strict();
export type ControlLinkInput = z.output<typeof ControlLinkSchema>;

/** Decimal amounts travel as strings ("1234.56") and become minor units by the currency. */
const Decimal = z.string().regex(/^\d{1,16}(\.\d{1,4})?$/, 'a decimal amount such as 1234.56');
const Links = z.array(Id).max(RISK_LIMITS.linksPerLossEventMax);

export const NewLossEventSchema = z
  .object({
    title: Text(200),
    description: z.string().max(4000).default(''),
    kind: z.enum(LOSS_KINDS),
    causeCategory: z.enum(RISK_CATEGORIES),
    cause: Text(2000),
    occurredOn: IsoDate,
    discoveredOn: IsoDate,
    bookedOn: IsoDate.nullable().default(null),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY'),
    grossLoss: Decimal.default('0'),
    potentialLoss: Decimal.default('0'),
    recoveryInsurance: Decimal.default('0'),
    recoveryGuarantee: Decimal.default('0'),
    recoveryOther: Decimal.default('0'),
    riskIds: Links.default([]),
    caseIds: Links.default([]),
    incidentIds: Links.default([]),
  })
  .strict();
export type NewLossEvent = z.output<typeof NewLossEventSchema>;

export const LossEventChangeSchema = z
  .object({
    bookedOn: IsoDate.nullable(),
    recoveryInsurance: Decimal,
    recoveryGuarantee: Decimal,
    recoveryOther: Decimal,
    riskIds: Links,
    caseIds: Links,
    incidentIds: Links,
  })
  .partial()
  .strict();
export type LossEventChange = z.output<typeof LossEventChangeSchema>;

const RiskIds = z.array(Id).max(RISK_LIMITS.risksPerPartnerMax);

export const NewPartnerSchema = z
  .object({
    name: Text(200),
    kind: z.enum(PARTNER_KINDS),
    services: z.string().max(2000).default(''),
    ownerId: Id,
    reviewCadenceDays: Cadence.optional(),
    riskIds: RiskIds.default([]),
  })
  .strict();
export type NewPartner = z.output<typeof NewPartnerSchema>;

export const PartnerChangeSchema = z
  .object({
    services: z.string().max(2000),
    ownerId: Id,
    reviewCadenceDays: Cadence,
    status: z.enum(['active', 'terminated']),
    riskIds: RiskIds,
  })
  .partial()
  .strict();
export type PartnerChange = z.output<typeof PartnerChangeSchema>;

export const DueDiligenceSchema = z
  .object({
    reviewedOn: IsoDate,
    scope: z.enum(DUE_DILIGENCE_SCOPES),
    findings: Text(4000),
    rating: z.enum(PARTNER_RATINGS),
    nextReviewOn: IsoDate.optional(),
  })
  .strict();
export type DueDiligenceInput = z.output<typeof DueDiligenceSchema>;

export const QualificationSchema = z
  .object({
    name: Text(200),
    issuer: Text(200),
    reference: z.string().max(200).default(''),
    validFrom: IsoDate,
    expiresOn: IsoDate.nullable().default(null),
  })
  .strict();
export type QualificationInput = z.output<typeof QualificationSchema>;

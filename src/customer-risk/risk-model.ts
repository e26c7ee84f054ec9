import { z } from 'zod';
import { RISK_LIMITS } from './risk-limits.js';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const PEP_STATUSES = [
  'none',
  'domestic',
  'foreign',
  'international_org',
  'associate',
] as const;
export type PepStatus = (typeof PEP_STATUSES)[number];

/** What the screening module says of a customer; `not_screened` when it says nothing. */
export const SANCTIONS_STATUSES = [
  'clear',
  'not_screened',
  'potential_match',
  'confirmed_match',
] as const;
export type SanctionsStatus = (typeof SANCTIONS_STATUSES)[number];

export const CHANNELS = ['face_to_face', 'remote'] as const;
export type OnboardingChannel = (typeof CHANNELS)[number];

export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function higherLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return levelRank(a) >= levelRank(b) ? a : b;
}

const Points = z.number().int().min(0).max(RISK_LIMITS.factorPointsMax);
const Code = z.string().regex(/^[a-z_]{1,40}$/, 'a lower-case code such as money_services');
const Country = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code');
const PointsByCode = z
  .record(Code, Points)
  .refine((r) => Object.keys(r).length <= RISK_LIMITS.modelListEntriesMax, 'too many entries');
const Countries = z.array(Country).max(RISK_LIMITS.modelListEntriesMax);
const Level = z.enum(RISK_LEVELS);
const EddItems = z.array(Code).max(RISK_LIMITS.eddItemsMax);

/**
 * A risk scoring model: points per factor value, the score thresholds of the levels, the
 * floors that certain facts impose whatever the score, the review cadence per level and the
 * enhanced due diligence each level requires. Stored per platform in versions (customer_risk_models).
 *
 * Every point is non-negative and the refinements below order the points of each factor by
 * severity, so that adding a risk fact never lowers a score (the scoring is monotonic).
 */
export const RiskModelSchema = z
  .object({
    name: z.string().min(1).max(100),
    thresholds: z.object({
      mediumFrom: z.number().int().min(1),
      highFrom: z.number().int().min(1),
    }),
    customerType: z.object({ person: Points, entity: Points }).strict(),
    occupation: z.object({ points: PointsByCode, unknownPoints: Points }).strict(),
    industry: z.object({ points: PointsByCode, unknownPoints: Points }).strict(),
    geography: z
      .object({
        homeCountry: Country,
        callForAction: Countries,
        increasedMonitoring: Countries,
        callForActionPoints: Points,
        increasedMonitoringPoints: Points,
        foreignPoints: Points,
        unknownPoints: Points,
      })
      .strict(),
    products: z.object({ points: PointsByCode, unlistedPoints: Points }).strict(),
    channel: z.object({ remotePoints: Points, sharedDevicePoints: Points }).strict(),
    pep: z
      .object({ domestic: Points, foreign: Points, international_org: Points, associate: Points })
      .strict(),
    sanctions: z
      .object({ not_screened: Points, potential_match: Points, confirmed_match: Points })
      .strict(),
    behaviour: z
      .object({
        lookbackDays: z.number().int().min(1).max(3_650),
        alertPoints: Points,
        alertPointsMax: Points,
        casePoints: Points,
        casePointsMax: Points,
        strPoints: Points,
        strPointsMax: Points,
      })
      .strict(),
    ownership: z.object({ ownersUnknownPoints: Points }).strict(),
    floors: z
      .object({
        callForActionCountry: Level,
        foreignPep: Level,
        otherPep: Level,
        potentialSanctionsMatch: Level,
        confirmedSanctionsMatch: Level,
        strFiled: Level,
      })
      .strict(),
    reviewMonths: z
      .object({
        low: z.number().int().min(1).max(120),
        medium: z.number().int().min(1).max(120),
        high: z.number().int().min(1).max(120),
      })
      .strict(),
    edd: z.object({ low: EddItems, medium: EddItems, high: EddItems }).strict(),
  })
  .strict()
  .refine((m) => m.thresholds.mediumFrom < m.thresholds.highFrom, {
    message: 'thresholds.mediumFrom must be below thresholds.highFrom',
  })
  .refine(
    (m) =>
      m.geography.callForActionPoints >= m.geography.increasedMonitoringPoints &&
      m.geography.increasedMonitoringPoints >= m.geography.foreignPoints &&
      m.geography.increasedMonitoringPoints >= m.geography.unknownPoints,
    {
      message:
        'geography points must rank call-for-action ≥ increased monitoring ≥ foreign, unknown',
    },
  )
  .refine(
    (m) =>
      m.sanctions.confirmed_match >= m.sanctions.potential_match &&
      m.sanctions.potential_match >= m.sanctions.not_screened,
    { message: 'sanctions points must rank confirmed ≥ potential ≥ not screened' },
  )
  .refine(
    (m) =>
      m.reviewMonths.high <= m.reviewMonths.medium && m.reviewMonths.medium <= m.reviewMonths.low,
    { message: 'a higher level must be reviewed at least as often' },
  )
  .refine(
    (m) =>
      m.behaviour.alertPoints <= m.behaviour.alertPointsMax &&
      m.behaviour.casePoints <= m.behaviour.casePointsMax &&
      m.behaviour.strPoints <= m.behaviour.strPointsMax,
    { message: 'behaviour points per item must not exceed their cap' },
  )
  .refine(
    (m) =>
      m.floors.confirmedSanctionsMatch === 'high' &&
      m.floors.foreignPep === 'high' &&
      m.floors.callForActionCountry === 'high',
    {
      message:
        'a confirmed sanctions match, a foreign PEP and a call-for-action country always rate high',
      path: ['floors'],
    },
  )
  .refine(
    (m) =>
      m.geography.callForAction.every((c) => !m.geography.increasedMonitoring.includes(c)) &&
      !m.geography.callForAction.includes(m.geography.homeCountry),
    { message: 'a country is on one FATF list at most, and never the home country' },
  );
export type RiskModel = z.infer<typeof RiskModelSchema>;

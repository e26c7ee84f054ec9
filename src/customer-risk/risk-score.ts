import { assert } from '../assert.js';
import {
  higherLevel,
  type OnboardingChannel,
  type PepStatus,
  type RiskLevel,
  type RiskModel,
  type SanctionsStatus,
} from './risk-model.js';

/** Everything the model looks at for one customer, read by risk-inputs-store.ts. */
export interface RiskInputs {
  customerKind: 'person' | 'entity';
  occupationCategory: string | null;
  industryCategory: string | null;
  /** Nationality, residence, incorporation country and the beneficial owners' nationalities. */
  countries: readonly string[];
  products: readonly string[];
  onboardingChannel: OnboardingChannel;
  sharedDeviceAlerts: number;
  pep: PepStatus;
  sanctions: SanctionsStatus;
  /** Counted over the model's look-back window. */
  alerts: number;
  cases: number;
  strsFiled: number;
  /** Entities only: how many ultimate beneficial owners (UBOs) are recorded. */
  beneficialOwners: number;
}

export const RISK_FACTORS = [
  'customer_type',
  'occupation',
  'industry',
  'geography',
  'product',
  'channel',
  'pep',
  'sanctions',
  'behaviour',
  'ownership',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** One factor's part of a rating: its points, what it saw, and a level it imposes, if any. */
export interface RiskReason {
  factor: RiskFactor;
  points: number;
  detail: string;
  floor?: RiskLevel;
}

export interface RiskScore {
  score: number;
  level: RiskLevel;
  reasons: RiskReason[];
}

function levelOfScore(model: RiskModel, score: number): RiskLevel {
  if (score >= model.thresholds.highFrom) return 'high';
  if (score >= model.thresholds.mediumFrom) return 'medium';
  return 'low';
}

function categoryReason(
  factor: 'occupation' | 'industry',
  table: { points: Record<string, number>; unknownPoints: number },
  category: string | null,
): RiskReason {
  if (category === null) return { factor, points: table.unknownPoints, detail: 'not declared' };
  const points = table.points[category];
  if (points === undefined)
    return { factor, points: table.unknownPoints, detail: `${category} (not in the model)` };
  return { factor, points, detail: category };
}

function geographyReason(model: RiskModel, countries: readonly string[]): RiskReason {
  const g = model.geography;
  const unique = [...new Set(countries)].sort();
  if (unique.length === 0)
    return { factor: 'geography', points: g.unknownPoints, detail: 'no country known' };
  const black = unique.filter((c) => g.callForAction.includes(c));
  if (black.length > 0)
    return {
      factor: 'geography',
      points: g.callForActionPoints,
      detail: `FATF call for action: ${black.join(', ')}`,
      floor: model.floors.callForActionCountry,
    };
  const grey = unique.filter((c) => g.increasedMonitoring.includes(c));
  if (grey.length > 0)
    return {
      factor: 'geography',
      points: g.increasedMonitoringPoints,
      detail: `FATF increased monitoring: ${grey.join(', ')}`,
    };
  const foreign = unique.filter((c) => c !== g.homeCountry);
  if (foreign.length > 0)
    return {
      factor: 'geography',
      points: g.foreignPoints,
      detail: `foreign: ${foreign.join(', ')}`,
    };
  return { factor: 'geography', points: 0, detail: `domestic: ${g.homeCountry}` };
}

function productReason(model: RiskModel, products: readonly string[]): RiskReason {
  let points = 0;
  let worst = 'none';
  for (const product of [...new Set(products)].sort()) {
    const own = model.products.points[product] ?? model.products.unlistedPoints;
    if (own > points) {
      points = own;
      worst = product;
    }
  }
  const detail = products.length === 0 ? 'no product recorded' : `highest: ${worst}`;
  return { factor: 'product', points, detail };
}

function channelReason(model: RiskModel, inputs: RiskInputs): RiskReason {
  const remote = inputs.onboardingChannel === 'remote' ? model.channel.remotePoints : 0;
  const shared = inputs.sharedDeviceAlerts > 0 ? model.channel.sharedDevicePoints : 0;
  const parts = [inputs.onboardingChannel === 'remote' ? 'non-face-to-face' : 'face to face'];
  if (shared > 0) parts.push(`shared device or IP alerts: ${inputs.sharedDeviceAlerts}`);
  return { factor: 'channel', points: remote + shared, detail: parts.join('; ') };
}

function pepReason(model: RiskModel, pep: PepStatus): RiskReason {
  if (pep === 'none') return { factor: 'pep', points: 0, detail: 'not a PEP' };
  const floor = pep === 'foreign' ? model.floors.foreignPep : model.floors.otherPep;
  return { factor: 'pep', points: model.pep[pep], detail: `PEP: ${pep}`, floor };
}

function sanctionsReason(model: RiskModel, status: SanctionsStatus): RiskReason {
  if (status === 'clear') return { factor: 'sanctions', points: 0, detail: 'screened, clear' };
  const points = model.sanctions[status];
  if (status === 'potential_match')
    return {
      factor: 'sanctions',
      points,
      detail: status,
      floor: model.floors.potentialSanctionsMatch,
    };
  if (status === 'confirmed_match')
    return {
      factor: 'sanctions',
      points,
      detail: status,
      floor: model.floors.confirmedSanctionsMatch,
    };
  return { factor: 'sanctions', points, detail: 'not screened' };
}

function behaviourReason(model: RiskModel, inputs: RiskInputs): RiskReason {
  const b = model.behaviour;
  const points =
    Math.min(b.alertPointsMax, inputs.alerts * b.alertPoints) +
    Math.min(b.casePointsMax, inputs.cases * b.casePoints) +
    Math.min(b.strPointsMax, inputs.strsFiled * b.strPoints);
  const detail =
    `${inputs.alerts} alerts, ${inputs.cases} cases, ${inputs.strsFiled} STRs ` +
    `in ${b.lookbackDays} days`;
  return inputs.strsFiled > 0
    ? { factor: 'behaviour', points, detail, floor: model.floors.strFiled }
    : { factor: 'behaviour', points, detail };
}

function ownershipReason(model: RiskModel, inputs: RiskInputs): RiskReason {
  if (inputs.customerKind !== 'entity')
    return { factor: 'ownership', points: 0, detail: 'natural person' };
  if (inputs.beneficialOwners > 0)
    return {
      factor: 'ownership',
      points: 0,
      detail: `${inputs.beneficialOwners} UBOs recorded`,
    };
  return {
    factor: 'ownership',
    points: model.ownership.ownersUnknownPoints,
    detail: 'no UBO recorded',
  };
}

/**
 * Scores one customer. Pure. The score is the sum of the factors' points; the level is the
 * one its score reaches, raised to the highest floor a factor imposes. Every factor appears
 * once in the reasons, so the reasons always add up to the score.
 */
export function scoreCustomer(model: RiskModel, inputs: RiskInputs): RiskScore {
  assert(inputs.alerts >= 0 && inputs.cases >= 0 && inputs.strsFiled >= 0, 'counts are >= 0');
  const reasons: RiskReason[] = [
    {
      factor: 'customer_type',
      points: model.customerType[inputs.customerKind],
      detail: inputs.customerKind,
    },
    inputs.customerKind === 'person'
      ? categoryReason('occupation', model.occupation, inputs.occupationCategory)
      : { factor: 'occupation', points: 0, detail: 'not applicable to an entity' },
    inputs.customerKind === 'entity' || inputs.industryCategory !== null
      ? categoryReason('industry', model.industry, inputs.industryCategory)
      : { factor: 'industry', points: 0, detail: 'no business declared' },
    geographyReason(model, inputs.countries),
    productReason(model, inputs.products),
    channelReason(model, inputs),
    pepReason(model, inputs.pep),
    sanctionsReason(model, inputs.sanctions),
    behaviourReason(model, inputs),
    ownershipReason(model, inputs),
  ];
  let score = 0;
  let level: RiskLevel = 'low';
  for (const reason of reasons) {
    assert(Number.isInteger(reason.points) && reason.points >= 0, `${reason.factor}: bad points`);
    score += reason.points;
    if (reason.floor !== undefined) level = higherLevel(level, reason.floor);
  }
  level = higherLevel(level, levelOfScore(model, score));
  assert(reasons.length === 10, 'every factor is reasoned once');
  return { score, level, reasons };
}

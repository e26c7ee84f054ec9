import type { CustomerProfile } from '../../monitor/monitored-event.js';
import { DAY_MS } from './cn-clock.js';
import type { Prng } from './prng.js';
import type { CustomerRole, SimCustomer } from './sim-customer.js';
import type { SimulationOptions } from './sim-options.js';

type Occupation = NonNullable<CustomerProfile['occupation']>;

/** Median declared monthly income by occupation (yuan) and its spread (log sigma). */
const INCOME_BY_OCCUPATION: Record<Occupation, { medianYuan: number; sigma: number }> = {
  employed: { medianYuan: 9_000, sigma: 0.5 },
  self_employed: { medianYuan: 15_000, sigma: 0.8 },
  retired: { medianYuan: 4_500, sigma: 0.4 },
  student: { medianYuan: 1_800, sigma: 0.3 },
  other: { medianYuan: 6_000, sigma: 0.6 },
};
const OCCUPATIONS: readonly Occupation[] = [
  ...Array<Occupation>(60).fill('employed'),
  ...Array<Occupation>(15).fill('self_employed'),
  ...Array<Occupation>(12).fill('retired'),
  ...Array<Occupation>(5).fill('student'),
  ...Array<Occupation>(8).fill('other'),
];

export const INVESTOR_SHARE = 0.7;
const ENTITY_SHARE_INVESTORS = 0.04;
const ENTITY_SHARE_BORROWERS = 0.1;
const WEALTHY_SHARE = 0.03;
const HOUSEHOLD_SHARE = 0.08;
const LATE_HOURS_SHARE = 0.04;
/** Opened during the history, during the window, or long before. */
const OPENED_IN_HISTORY_SHARE = 0.15;
const OPENED_IN_WINDOW_SHARE = 0.05;
/** Old customers whose last activity lies long before the history (dormant). */
export const DORMANT_SHARE = 0.03;

export interface PopulationPlan {
  customers: SimCustomer[];
  /** Dormant customers (their legacy activity is scheduled separately). */
  dormant: SimCustomer[];
}

/** Draws the platform's customers; every draw comes from `prng` in index order. */
export function buildPopulation(prng: Prng, options: SimulationOptions): PopulationPlan {
  const customers: SimCustomer[] = [];
  const dormant: SimCustomer[] = [];
  for (let index = 0; index < options.customers; index += 1) {
    const role: CustomerRole = prng.chance(INVESTOR_SHARE) ? 'investor' : 'borrower';
    // Households are pairs: a customer sharing with the previous one is never shared with.
    const previous = customers[index - 1];
    const free =
      previous !== undefined && previous.deviceId === `dev_${previous.index.toString(36)}`;
    const shareWith = free && prng.chance(HOUSEHOLD_SHARE) ? previous : null;
    const openedDay = drawOpenedDay(prng, options);
    const customer = createSimCustomer(prng, options, { index, role, openedDay, shareWith });
    if (openedDay < -options.historyDays && prng.chance(DORMANT_SHARE)) {
      customer.activeUntilDay = -options.historyDays - 1;
      dormant.push(customer);
    }
    customers.push(customer);
  }
  return { customers, dormant };
}

function drawOpenedDay(prng: Prng, options: SimulationOptions): number {
  const roll = prng.float();
  if (roll < OPENED_IN_WINDOW_SHARE) return prng.int(0, options.days - 1);
  if (roll < OPENED_IN_WINDOW_SHARE + OPENED_IN_HISTORY_SHARE && options.historyDays > 0) {
    return prng.int(-options.historyDays, -1);
  }
  return -options.historyDays - prng.int(30, 5 * 365);
}

export interface NewCustomerSpec {
  index: number;
  role: CustomerRole;
  openedDay: number;
  shareWith: SimCustomer | null;
  kind?: 'person' | 'entity';
  occupation?: Occupation;
}

/** One customer with a profile drawn to fit its role; also used for planted new accounts. */
export function createSimCustomer(
  prng: Prng,
  options: SimulationOptions,
  spec: NewCustomerSpec,
): SimCustomer {
  const entityShare = spec.role === 'investor' ? ENTITY_SHARE_INVESTORS : ENTITY_SHARE_BORROWERS;
  const kind = spec.kind ?? (prng.chance(entityShare) ? 'entity' : 'person');
  const wealthy = kind === 'person' && spec.role === 'investor' && prng.chance(WEALTHY_SHARE);
  const occupation = kind === 'person' ? (spec.occupation ?? prng.pick(OCCUPATIONS)) : undefined;
  const monthlyYuan = declaredMonthlyYuan(prng, kind, occupation, wealthy);
  const customerId = `cus_${String(spec.index).padStart(7, '0')}`;
  const openedAtMs = options.windowStartMs + spec.openedDay * DAY_MS + prng.int(9, 20) * 3_600_000;
  const profile: CustomerProfile = {
    customerId,
    platformId: options.platformId,
    kind,
    openedAtMs,
    declaredMonthlyMinor: BigInt(monthlyYuan) * 100n,
    ...(occupation === undefined ? {} : { occupation }),
    riskRating: 'low',
  };
  const savingsShare = kind === 'entity' ? 0.08 : prng.between(0.25, 0.45);
  return {
    index: spec.index,
    customerId,
    accountId: `acc_${customerId.slice(4)}_cny`,
    profile,
    role: spec.role,
    deviceId: spec.shareWith?.deviceId ?? `dev_${spec.index.toString(36)}`,
    ip: spec.shareWith?.ip ?? ipFor(spec.index),
    lateHours: prng.chance(LATE_HOURS_SHARE),
    activity: prng.logNormal(1, 0.5),
    depositMedianYuan: Math.max(200, Math.round(monthlyYuan * savingsShare)),
    activeFromDay: spec.openedDay,
    activeUntilDay: Number.MAX_SAFE_INTEGER,
    balanceMinor: 0n,
    dayStartBalanceMinor: 0n,
    spentTodayMinor: 0n,
    plantedFromDay: Number.MAX_SAFE_INTEGER,
    sharesHeld: 0,
    hasLoan: false,
    loanFreeFromDay: Number.MIN_SAFE_INTEGER,
    firstSeenDay: Number.MAX_SAFE_INTEGER,
    legacyInflowMinor: 0n,
    legacySpanDays: 0,
  };
}

function declaredMonthlyYuan(
  prng: Prng,
  kind: 'person' | 'entity',
  occupation: Occupation | undefined,
  wealthy: boolean,
): number {
  if (kind === 'entity') return Math.round(prng.logNormal(2_000_000, 0.6) / 1000) * 1000;
  if (wealthy) return Math.round(prng.logNormal(60_000, 0.4) / 100) * 100;
  const income = INCOME_BY_OCCUPATION[occupation ?? 'other'];
  return Math.max(500, Math.round(prng.logNormal(income.medianYuan, income.sigma) / 100) * 100);
}

/** One home address per household, from the shared address space 100.64.0.0/10. */
function ipFor(index: number): string {
  return `100.${64 + ((index >>> 16) & 63)}.${(index >>> 8) & 255}.${index & 255}`;
}

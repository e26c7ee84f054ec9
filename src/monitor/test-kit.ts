import type { CustomerProfile, MonitoredEvent } from './monitored-event.js';
import type { RuleDefinitionInput } from './rule-definition.js';
import { RulePackSchema, type RulePack, type RulePackInput } from './rule-pack.js';

/** Builders shared by the monitoring tests. */
export const T0_MS = Date.UTC(2026, 2, 2, 4, 0, 0); // 12:00 CST on a Monday
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

let sequence = 0;

export function event(overrides: Partial<MonitoredEvent> = {}): MonitoredEvent {
  sequence += 1;
  return {
    eventId: `ev${sequence}`,
    platformId: 'p1',
    atMs: T0_MS,
    kind: 'transfer',
    purpose: 'transfer',
    amountMinor: 100_00n,
    currency: 'CNY',
    payerCustomerId: 'payer',
    payeeCustomerId: 'payee',
    payerAccountId: 'acc_payer',
    payeeAccountId: 'acc_payee',
    ...overrides,
  };
}

export function deposit(
  customerId: string,
  amountMinor: bigint,
  overrides: Partial<MonitoredEvent> = {},
) {
  return event({
    kind: 'deposit',
    purpose: 'topup',
    amountMinor,
    payerCustomerId: null,
    payerAccountId: null,
    payeeCustomerId: customerId,
    payeeAccountId: `acc_${customerId}`,
    ...overrides,
  });
}

export function withdrawal(
  customerId: string,
  amountMinor: bigint,
  overrides: Partial<MonitoredEvent> = {},
) {
  return event({
    kind: 'withdrawal',
    purpose: 'withdrawal',
    amountMinor,
    payerCustomerId: customerId,
    payerAccountId: `acc_${customerId}`,
    payeeCustomerId: null,
    payeeAccountId: null,
    ...overrides,
  });
}

export function transfer(
  from: string,
  to: string,
  amountMinor: bigint,
  overrides: Partial<MonitoredEvent> = {},
) {
  return event({
    amountMinor,
    payerCustomerId: from,
    payerAccountId: `acc_${from}`,
    payeeCustomerId: to,
    payeeAccountId: `acc_${to}`,
    ...overrides,
  });
}

export function profile(
  customerId: string,
  overrides: Partial<CustomerProfile> = {},
): CustomerProfile {
  return {
    customerId,
    platformId: 'p1',
    kind: 'person',
    openedAtMs: T0_MS - 400 * DAY,
    ...overrides,
  };
}

export function rule(
  overrides: Partial<RuleDefinitionInput> & Pick<RuleDefinitionInput, 'template' | 'params'>,
) {
  return {
    id: 'r.test',
    version: 1,
    severity: 'medium',
    mode: 'async',
    description: 'a test rule',
    basis: 'test',
    ...overrides,
  } as RuleDefinitionInput;
}

export function pack(
  rules: RuleDefinitionInput[],
  typologies: RulePackInput['typologies'] = [],
): RulePack {
  return RulePackSchema.parse({ id: 'test', rules, typologies });
}

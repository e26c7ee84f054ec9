import { describe, expect, it } from 'vitest';
import type { MonitoringAlert } from './alert.js';
import { cnRulePack } from './cn-rule-pack.js';
import type { MonitoredEvent } from './monitored-event.js';
import { MonitoringEngine } from './monitoring-engine.js';
import { DAY, deposit, event, HOUR, profile, T0_MS, transfer, withdrawal } from './test-kit.js';

const yuan = (amount: number) => BigInt(Math.round(amount * 100));
const LENDERS = Array.from({ length: 12 }, (_, index) => `lender${index}`);
const PRINCIPAL_YUAN = 120_000;
const SHARE_YUAN = PRINCIPAL_YUAN / LENDERS.length;
/** Rules about unexplained flows: a P2P loan's ordinary legs must not raise them. */
const FLOW_RULES = [
  'cn.rapid_pass_through',
  'cn.fan_in_24h',
  'cn.fan_in_7d',
  'cn.fan_out_24h',
  'cn.dormant_reactivation',
  'cn.velocity_spike_count_24h',
  'cn.velocity_spike_amount_24h',
  'cn.velocity_spike_amount_7d',
  'cn.profile_income_mismatch',
  'cn.night_activity_share',
  'cn.night_large_single',
  'cn.early_repayment',
  'cn.typology.money_mule',
  'cn.typology.collection_account',
];

/**
 * One borrower's loan on the simulated platform's model: twelve lenders' bids
 * (`investment`), a service fee and the payout to the borrower's bank (`disbursement`,
 * at night), then monthly instalments: a `repayment_topup` and one `repayment` per lender.
 * `fundingPurpose` and `repaymentPurpose` let a test move the same money under other names.
 */
function loanCycle(
  startMs: number,
  termMonths: number,
  prepayOnDay: number | null,
  fundingPurpose = 'investment',
  repaymentPurpose = 'repayment',
): MonitoredEvent[] {
  const events: MonitoredEvent[] = LENDERS.map((lender, index) =>
    transfer(lender, 'b1', yuan(SHARE_YUAN), {
      purpose: fundingPurpose,
      atMs: startMs + index * 10 * 60_000,
    }),
  );
  const paidOutMs = startMs + 14 * HOUR; // 02:00 CST the next night
  const feeYuan = PRINCIPAL_YUAN * 0.03;
  events.push(
    event({
      kind: 'fee',
      purpose: 'service_fee',
      amountMinor: yuan(feeYuan),
      payerCustomerId: 'b1',
      payerAccountId: 'acc_b1',
      payeeCustomerId: null,
      payeeAccountId: null,
      atMs: paidOutMs,
    }),
    withdrawal('b1', yuan(PRINCIPAL_YUAN - feeYuan), {
      purpose: 'disbursement',
      atMs: paidOutMs + 1000,
    }),
  );
  const instalment = (dueMs: number, totalYuan: number) => {
    events.push(deposit('b1', yuan(totalYuan), { purpose: 'repayment_topup', atMs: dueMs }));
    LENDERS.forEach((lender, index) =>
      events.push(
        transfer('b1', lender, yuan(totalYuan / LENDERS.length), {
          purpose: repaymentPurpose,
          atMs: dueMs + (index + 1) * 60_000,
        }),
      ),
    );
  };
  const interestYuan = PRINCIPAL_YUAN * 0.008;
  if (prepayOnDay !== null) {
    instalment(paidOutMs + prepayOnDay * DAY, PRINCIPAL_YUAN + interestYuan);
    return events;
  }
  for (let month = 1; month <= termMonths; month += 1) {
    instalment(paidOutMs + month * 30 * DAY - 2 * HOUR, PRINCIPAL_YUAN / termMonths + interestYuan);
  }
  return events;
}

function run(events: MonitoredEvent[]): MonitoringAlert[] {
  const engine = new MonitoringEngine(cnRulePack());
  engine.upsertProfile(
    profile('b1', { declaredMonthlyMinor: yuan(8_000), openedAtMs: T0_MS - 400 * DAY }),
  );
  for (const lender of LENDERS) {
    engine.upsertProfile(profile(lender, { declaredMonthlyMinor: yuan(9_000) }));
  }
  const sorted = [...events].sort((a, b) => a.atMs - b.atMs);
  return sorted.flatMap((item) => engine.observe(item));
}

const fired = (alerts: MonitoringAlert[], ruleIds: readonly string[]) =>
  [...new Set(alerts.map((alert) => alert.ruleId))].filter((id) => ruleIds.includes(id)).sort();

/** Months of a borrower's own small top-ups and withdrawals, so baselines exist. */
function history(): MonitoredEvent[] {
  return Array.from({ length: 8 }, (_, index) => [
    deposit('b1', yuan(800), { atMs: T0_MS - (80 - index * 10) * DAY }),
    withdrawal('b1', yuan(700), { atMs: T0_MS - (79 - index * 10) * DAY }),
  ]).flat();
}

describe('P2P loan legs in the CN pack', () => {
  it('a funded, paid-out and monthly repaid loan raises none of the unexplained-flow rules', () => {
    const alerts = run([...history(), ...loanCycle(T0_MS, 3, null)]);
    expect(fired(alerts, FLOW_RULES)).toEqual([]);
  });

  it('a first loan on an account never used before is not a dormant reactivation', () => {
    expect(fired(run(loanCycle(T0_MS, 3, null)), FLOW_RULES)).toEqual([]);
  });

  it('the same money moved as debt transfers between customers is still seen', () => {
    const alerts = run([
      ...history(),
      ...loanCycle(T0_MS, 3, null, 'debt_transfer', 'debt_transfer'),
    ]);
    expect(fired(alerts, ['cn.fan_in_24h', 'cn.fan_in_7d', 'cn.fan_out_24h'])).toEqual([
      'cn.fan_in_24h',
      'cn.fan_out_24h',
    ]);
  });

  it('early repayment: the whole principal repaid within 30 days of the payout', () => {
    const early = run([...history(), ...loanCycle(T0_MS, 12, 12)]);
    const alert = early.find((item) => item.ruleId === 'cn.early_repayment');
    expect(alert?.customerId).toBe('b1');
    // Quotes the payout (principal less the fee), then the six lenders' parts that reach half of it.
    expect(alert?.explanation.eventIds).toHaveLength(7);
    expect(alert?.explanation.values['share']).toBeGreaterThanOrEqual(0.5);
    // Paid back after the window: nothing.
    expect(fired(run([...history(), ...loanCycle(T0_MS, 12, 31)]), FLOW_RULES)).toEqual([]);
  });
});

describe('dormant reactivation needs earlier activity', () => {
  const dormant = (withEarlierUse: boolean) => {
    const engine = new MonitoringEngine(cnRulePack());
    engine.upsertProfile(profile('c1', { openedAtMs: T0_MS - 900 * DAY }));
    const earlier = withEarlierUse ? [deposit('c1', yuan(500), { atMs: T0_MS - 400 * DAY })] : [];
    return [...earlier, deposit('c1', yuan(80_000))]
      .flatMap((item) => engine.observe(item))
      .filter((alert) => alert.ruleId === 'cn.dormant_reactivation');
  };

  it('a first top-up long after opening is not a reactivation; one after a long silence is', () => {
    expect(dormant(false)).toEqual([]);
    expect(dormant(true)).toHaveLength(1);
  });
});

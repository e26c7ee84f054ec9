import { z } from 'zod';
import { RISK_MODEL_LIMITS } from '../risk-model-limits.js';

/** What a saved scenario may contain: the API's body and the store's check on read. */
const Day = z.number().int().min(1).max(RISK_MODEL_LIMITS.stressHorizonDaysMax);
const BasisPoints = z.number().int().min(0).max(10_000);

export const StressShockSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('withdrawal_run'),
      shareBasisPoints: BasisPoints,
      basis: z.enum(['balances', 'customers']),
      largestFirst: z.boolean(),
      startDay: Day,
      days: Day,
    })
    .strict(),
  z
    .object({
      kind: z.literal('bank_failure'),
      bank: z.string().min(1).max(64).nullable(),
      lossShareBasisPoints: BasisPoints,
      day: Day,
    })
    .strict(),
  z.object({ kind: z.literal('default_increase'), repaymentLossBasisPoints: BasisPoints }).strict(),
  z
    .object({ kind: z.literal('reserve_shortfall'), reductionBasisPoints: BasisPoints, day: Day })
    .strict(),
]);

export const StressScenarioSchema = z
  .object({
    name: z.string().min(1).max(120),
    description: z.string().max(1_000),
    horizonDays: Day,
    shocks: z.array(StressShockSchema).min(1).max(RISK_MODEL_LIMITS.stressShocksMax),
  })
  .strict();

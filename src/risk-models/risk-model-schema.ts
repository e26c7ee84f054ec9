import { z } from 'zod';
import { RISK_MODEL_LIMITS } from './risk-model-limits.js';

/**
 * Bounds on model parameters: wide enough for any custody platform's losses (up to 10^15
 * minor units), narrow enough that a simulation never overflows float64.
 */
export const FrequencyModelSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('poisson'),
      meanPerYear: z.number().min(0).max(RISK_MODEL_LIMITS.meanPerYearMax),
    })
    .strict(),
  z
    .object({
      kind: z.literal('negative_binomial'),
      meanPerYear: z.number().min(0).max(RISK_MODEL_LIMITS.meanPerYearMax),
      size: z.number().min(0.01).max(1_000_000),
    })
    .strict(),
]);

export const SeverityModelSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('lognormal'),
      mu: z.number().min(0).max(35),
      sigma: z.number().min(0.000_001).max(5),
    })
    .strict(),
  z
    .object({
      kind: z.literal('pareto'),
      scaleMinor: z.number().min(1).max(1e15),
      alpha: z.number().min(0.5).max(100),
    })
    .strict(),
]);

export const ModelParametersSchema = z
  .object({
    frequency: FrequencyModelSchema,
    severity: SeverityModelSchema,
    perEventCapMinor: z.number().int().min(1).max(1e15).nullable(),
  })
  .strict();

import { z } from 'zod';
import {
  FrequencyModelSchema,
  ModelParametersSchema,
  SeverityModelSchema,
} from './risk-model-schema.js';
import { StressScenarioSchema } from './stress/stress-scenario-schema.js';

/** Response shapes of the risk-model routes: validation, serialization and OpenAPI. */
const Minor = z.string().regex(/^-?[0-9]+$/);

export const RiskModelViewSchema = z.object({
  riskId: z.string(),
  riskCode: z.string().nullable(),
  riskTitle: z.string().nullable(),
  currency: z.string(),
  expert: ModelParametersSchema.nullable(),
  model: z.object({
    frequency: FrequencyModelSchema,
    severity: SeverityModelSchema,
    perEventCapMinor: z.number().nullable(),
  }),
  frequencySource: z.enum(['expert', 'fitted']),
  severitySource: z.enum(['expert', 'fitted']),
  fitReport: z.record(z.string(), z.unknown()).nullable(),
  version: z.number(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const MonteCarloFiguresSchema = z.object({
  trials: z.number(),
  expectedLossMinor: Minor,
  standardDeviationMinor: Minor,
  standardErrorMinor: Minor,
  minimumMinor: Minor,
  maximumMinor: Minor,
  tail: z.array(
    z.object({ level: z.number(), valueAtRiskMinor: Minor, expectedShortfallMinor: Minor }),
  ),
  reserveExceedance: z
    .object({ reserveMinor: Minor, probability: z.number(), standardError: z.number() })
    .nullable(),
  histogram: z.object({
    bins: z.array(z.object({ fromMinor: Minor, toMinor: Minor, count: z.number() })),
    overflowFromMinor: Minor,
    overflowCount: z.number(),
  }),
  convergence: z.array(
    z.object({ trials: z.number(), meanMinor: Minor, standardErrorMinor: Minor }),
  ),
  closedForm: z.object({ meanMinor: Minor, standardDeviationMinor: Minor }).nullable(),
  risks: z.array(
    z.object({
      riskId: z.string(),
      riskCode: z.string().nullable(),
      riskTitle: z.string().nullable(),
      meanLossMinor: Minor,
      closedFormMeanMinor: Minor.nullable(),
    }),
  ),
  rounding: z.string(),
});

export const MonteCarloRunSchema = z.object({
  id: z.string(),
  platformId: z.string(),
  currency: z.string(),
  trials: z.number(),
  seed: z.number(),
  workers: z.number(),
  elapsedMs: z.number(),
  inputs: z.object({
    models: z.array(ModelParametersSchema.extend({ riskId: z.string() })),
    reserveSource: z.enum(['books', 'given']),
  }),
  figures: MonteCarloFiguresSchema,
  createdBy: z.string(),
  createdAt: z.string(),
});

export const MonteCarloRunSummarySchema = z.object({
  id: z.string(),
  currency: z.string(),
  trials: z.number(),
  seed: z.number(),
  risks: z.number(),
  expectedLossMinor: Minor,
  var99Minor: Minor,
  var999Minor: Minor,
  es99Minor: Minor,
  es999Minor: Minor,
  reserveMinor: Minor.nullable(),
  reserveExceedanceProbability: z.number().nullable(),
  elapsedMs: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const StressScenarioViewSchema = StressScenarioSchema.extend({
  id: z.string(),
  builtIn: z.boolean(),
  version: z.number(),
  createdBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

const LiquidityDaySchema = z.object({
  day: z.number(),
  date: z.string(),
  cashMinor: Minor,
  reserveMinor: Minor,
  inflowsMinor: Minor,
  outflowsMinor: Minor,
  withdrawalsMinor: Minor,
  lossesMinor: Minor,
  shortfallMinor: Minor,
});

export const LiquidityResultSchema = z.object({
  currency: z.string(),
  asOf: z.string(),
  horizonDays: z.number(),
  startCashMinor: Minor,
  liabilitiesMinor: Minor,
  survivalDays: z.number().nullable(),
  maxShortfallMinor: Minor,
  reserveExhaustedDay: z.number().nullable(),
  uncoveredDefaultsMinor: Minor,
  totalWithdrawalsMinor: Minor,
  path: z.array(LiquidityDaySchema),
});

const StressRunBase = z.object({
  id: z.string(),
  platformId: z.string(),
  scenarioRef: z.string(),
  scenarioVersion: z.number(),
  asOf: z.string(),
  survives: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
});

export const StressRunSchema = StressRunBase.extend({
  scenario: StressScenarioSchema,
  results: z.array(LiquidityResultSchema),
});

export const StressRunSummarySchema = StressRunBase.extend({
  scenarioName: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      survivalDays: z.number().nullable(),
      maxShortfallMinor: Minor,
    }),
  ),
});

export const LiquidityFlowSchema = z.object({
  id: z.string(),
  currency: z.string(),
  dueOn: z.string(),
  kind: z.enum(['loan_repayment', 'loan_disbursement', 'other_inflow', 'other_outflow']),
  amount: z.string(),
  amountMinor: Minor,
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});

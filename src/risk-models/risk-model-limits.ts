import { assert } from '../assert.js';

/** Every bound of the risk-model module in one place. */
export const RISK_MODEL_LIMITS = {
  /** Trials in one Monte Carlo run. */
  trialsMax: 5_000_000,
  trialsMin: 1_000,
  /** Runs the API performs synchronously up to this many trials. */
  apiTrialsMax: 2_000_000,
  /** Trials per block; each block has its own generator, derived from (seed, block). */
  blockTrials: 4_096,
  /** Risks in one simulation. */
  risksMax: 200,
  /** Expected loss events per trial over all risks: trials × this bounds the work. */
  expectedEventsPerTrialMax: 2_000,
  /** Severity draws in one run (trials × expected events per trial). */
  severityDrawsMax: 400_000_000,
  workersMax: 8,
  histogramBinsMax: 200,
  histogramBinsDefault: 40,
  convergenceCheckpointsMax: 64,
  /** Loss events read for one fit. */
  lossEventsPerFitMax: 100_000,
  /** Fewer events than this: severity keeps expert parameters. */
  severityFitEventsMin: 30,
  /** Fewer exceedances than this over the Pareto threshold: no Pareto fit. */
  paretoExceedancesMin: 20,
  /** Fewer observed years than this: frequency keeps expert parameters. */
  frequencyFitYearsMin: 3,
  /** Observation window of a frequency fit. */
  observationYearsMax: 100,
  meanPerYearMax: 10_000,
  /** Stored runs listed at once. */
  runsListMax: 200,
  stressHorizonDaysMax: 366,
  stressShocksMax: 16,
  stressScenariosMax: 200,
  liquidityFlowsMax: 20_000,
  customersReadMax: 1_000_000,
} as const;

assert(RISK_MODEL_LIMITS.apiTrialsMax <= RISK_MODEL_LIMITS.trialsMax, 'api trials within limit');
assert(RISK_MODEL_LIMITS.trialsMin >= RISK_MODEL_LIMITS.blockTrials / 8, 'blocks not too large');
assert(RISK_MODEL_LIMITS.paretoExceedancesMin <= RISK_MODEL_LIMITS.severityFitEventsMin, 'tail');

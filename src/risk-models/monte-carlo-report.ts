import { assert } from '../assert.js';
import type { LossStatistics } from './loss-statistics.js';

/**
 * The stored and served form of a run's figures. The simulation runs in float64; every
 * money figure is rounded to whole minor units and written as a decimal string.
 */
export const ROUNDING_NOTE = 'simulated in float64; money figures rounded to whole minor units';
/** Largest figure a bigint column holds. */
const INT8_MAX = 9_223_372_036_854_775_807n;

export function minorString(value: number): string {
  assert(Number.isFinite(value) && value >= 0, 'a finite, non-negative loss figure');
  return BigInt(Math.round(value)).toString();
}

export function fitsInt8(value: number): boolean {
  return Number.isFinite(value) && BigInt(Math.round(value)) <= INT8_MAX;
}

export interface RiskContribution {
  riskId: string;
  riskCode: string | null;
  riskTitle: string | null;
  meanLossMinor: string;
  closedFormMeanMinor: string | null;
}

export interface MonteCarloFigures {
  trials: number;
  expectedLossMinor: string;
  standardDeviationMinor: string;
  standardErrorMinor: string;
  minimumMinor: string;
  maximumMinor: string;
  tail: { level: number; valueAtRiskMinor: string; expectedShortfallMinor: string }[];
  reserveExceedance: { reserveMinor: string; probability: number; standardError: number } | null;
  histogram: {
    bins: { fromMinor: string; toMinor: string; count: number }[];
    overflowFromMinor: string;
    overflowCount: number;
  };
  convergence: { trials: number; meanMinor: string; standardErrorMinor: string }[];
  closedForm: { meanMinor: string; standardDeviationMinor: string } | null;
  risks: RiskContribution[];
  rounding: string;
}

export function monteCarloFigures(
  stats: LossStatistics,
  closedForm: { mean: number; variance: number } | null,
  risks: RiskContribution[],
): MonteCarloFigures {
  const closedFinite =
    closedForm !== null && Number.isFinite(closedForm.mean) && Number.isFinite(closedForm.variance);
  return {
    trials: stats.trials,
    expectedLossMinor: minorString(stats.mean),
    standardDeviationMinor: minorString(stats.standardDeviation),
    standardErrorMinor: minorString(stats.standardErrorOfMean),
    minimumMinor: minorString(stats.minimum),
    maximumMinor: minorString(stats.maximum),
    tail: stats.tail.map((t) => ({
      level: t.level,
      valueAtRiskMinor: minorString(t.valueAtRisk),
      expectedShortfallMinor: minorString(t.expectedShortfall),
    })),
    reserveExceedance:
      stats.reserveExceedance === null
        ? null
        : {
            reserveMinor: minorString(stats.reserveExceedance.reserve),
            probability: stats.reserveExceedance.probability,
            standardError: stats.reserveExceedance.standardError,
          },
    histogram: {
      bins: stats.histogram.bins.map((b) => ({
        fromMinor: minorString(b.from),
        toMinor: minorString(b.to),
        count: b.count,
      })),
      overflowFromMinor: minorString(stats.histogram.overflowFrom),
      overflowCount: stats.histogram.overflowCount,
    },
    convergence: stats.convergence.map((c) => ({
      trials: c.trials,
      meanMinor: minorString(c.mean),
      standardErrorMinor: minorString(c.standardError),
    })),
    closedForm:
      closedForm === null || !closedFinite
        ? null
        : {
            meanMinor: minorString(closedForm.mean),
            standardDeviationMinor: minorString(Math.sqrt(Math.max(closedForm.variance, 0))),
          },
    risks,
    rounding: ROUNDING_NOTE,
  };
}

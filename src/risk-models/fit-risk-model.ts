import { assert } from '../assert.js';
import { failure, success, type Result } from '../custody/errors.js';
import { annualCounts, fitFrequency, type FrequencyFit } from './fit-frequency.js';
import { fitLognormal, fitParetoTail, type SeverityFit } from './fit-severity.js';
import { RISK_MODEL_LIMITS } from './risk-model-limits.js';
import type { ModelSource, RiskModel } from './risk-model-types.js';

/** A recorded loss, as the risk register keeps it. */
export interface LossEvent {
  occurredOn: string;
  netLossMinor: bigint;
  currency: string;
}

export type SeverityChoice = 'lognormal' | 'pareto' | 'auto';

export interface FitRequest {
  riskId: string;
  currency: string;
  events: readonly LossEvent[];
  observedFrom: string;
  observedTo: string;
  severity: SeverityChoice;
  /**
   * Pareto or auto: losses below it are left out of both the severity and the frequency fit,
   * so every severity fit compared sees the same losses. Ignored by a lognormal-only fit.
   */
  thresholdMinor: number | null;
  /** Used for any part the data cannot support; null: such a part is refused. */
  expert: RiskModel | null;
}

export interface FitOutcome {
  model: RiskModel;
  frequencySource: ModelSource;
  severitySource: ModelSource;
  /** Why a part kept expert parameters, which fit won and why. */
  notes: string[];
  frequencyFit: FrequencyFit | null;
  severityFits: SeverityFit[];
  eventsUsed: number;
  eventsLeftOut: number;
}

const DAY_MS = 86_400_000;

function dayMs(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`);
}

function chooseSeverity(losses: number[], request: FitRequest, notes: string[]): SeverityFit[] {
  const limits = RISK_MODEL_LIMITS;
  const fits: SeverityFit[] = [];
  if (request.severity !== 'pareto') fits.push(fitLognormal(losses));
  if (request.severity !== 'lognormal') {
    const threshold = request.thresholdMinor ?? Math.min(...losses);
    const exceedances = losses.filter((x) => x >= threshold).length;
    const distinct = new Set(losses.filter((x) => x >= threshold)).size;
    if (exceedances >= limits.paretoExceedancesMin && distinct >= 2) {
      fits.push(fitParetoTail(losses, threshold));
    } else {
      notes.push(
        `Pareto tail not fitted: ${exceedances} losses at or above ${threshold}, fewer than ${limits.paretoExceedancesMin}`,
      );
    }
  }
  assert(
    fits.every((fit) => fit.sampleSize === losses.length),
    'severity fits compared on the same losses',
  );
  fits.sort((a, b) => a.aic - b.aic);
  if (fits.length > 1) notes.push(`severity: ${fits[0]?.model.kind} has the lower AIC`);
  return fits;
}

/**
 * Fits frequency and severity from loss events where there are enough of them: at least
 * `frequencyFitYearsMin` whole years observed for the frequency, `severityFitEventsMin`
 * losses for the severity. A part with too little data keeps the expert parameters, and the
 * outcome says so; with no expert parameters either, the fit is refused.
 */
export function fitRiskModel(request: FitRequest): Result<FitOutcome> {
  const limits = RISK_MODEL_LIMITS;
  const fromMs = dayMs(request.observedFrom);
  const toMs = dayMs(request.observedTo) + DAY_MS - 1;
  if (!(toMs > fromMs)) return failure('validation_failed', 'observedTo must follow observedFrom');
  if ((toMs - fromMs) / DAY_MS / 365 > limits.observationYearsMax) {
    return failure('validation_failed', `at most ${limits.observationYearsMax} years observed`);
  }
  // With a threshold the model describes losses at or above it: both the severity fits (so
  // `auto` compares likelihoods of the same sample) and the frequency count only those.
  const tailOnly =
    request.severity === 'pareto' ||
    (request.severity === 'auto' && request.thresholdMinor !== null);
  const threshold = tailOnly ? (request.thresholdMinor ?? 1) : 0;
  const used = request.events.filter((e) => {
    const atMs = dayMs(e.occurredOn);
    return (
      e.currency === request.currency &&
      e.netLossMinor > 0n &&
      Number(e.netLossMinor) >= threshold &&
      atMs >= fromMs &&
      atMs <= toMs
    );
  });
  const notes: string[] = [];
  if (tailOnly && request.thresholdMinor !== null) {
    notes.push(
      `threshold ${request.thresholdMinor}: only losses at or above it are counted and fitted; the model describes those losses`,
    );
  }
  const counts = annualCounts(
    used.map((e) => dayMs(e.occurredOn)),
    fromMs,
    toMs,
  );
  const losses = used.map((e) => Number(e.netLossMinor));
  const expert = request.expert;
  let frequencyFit: FrequencyFit | null = null;
  let frequency = expert?.frequency ?? null;
  let frequencySource: ModelSource = 'expert';
  if (counts.length >= limits.frequencyFitYearsMin) {
    frequencyFit = fitFrequency(counts);
    frequency = frequencyFit.model;
    frequencySource = 'fitted';
  } else {
    notes.push(
      `frequency: ${counts.length} whole years observed, fewer than ${limits.frequencyFitYearsMin}; expert parameters kept`,
    );
  }
  let severityFits: SeverityFit[] = [];
  let severity = expert?.severity ?? null;
  let severitySource: ModelSource = 'expert';
  if (losses.length >= limits.severityFitEventsMin) {
    severityFits = chooseSeverity(losses, request, notes);
    const best = severityFits[0];
    if (best !== undefined) {
      severity = best.model;
      severitySource = 'fitted';
    }
  } else {
    notes.push(
      `severity: ${losses.length} losses, fewer than ${limits.severityFitEventsMin}; expert parameters kept`,
    );
  }
  if (frequency === null || severity === null) {
    return failure('validation_failed', 'too few loss events to fit and no expert parameters', {
      notes,
    });
  }
  if (frequency.meanPerYear > limits.meanPerYearMax) {
    return failure('validation_failed', `fitted frequency above ${limits.meanPerYearMax} a year`);
  }
  return success({
    model: {
      riskId: request.riskId,
      frequency,
      severity,
      perEventCapMinor: expert?.perEventCapMinor ?? null,
    },
    frequencySource,
    severitySource,
    notes,
    frequencyFit,
    severityFits,
    eventsUsed: used.length,
    eventsLeftOut: request.events.length - used.length,
  });
}

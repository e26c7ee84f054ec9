import { performance } from 'node:perf_hooks';
import type { EvaluationEngine } from './engine-port.js';
import { EvaluationScorer, type EvaluationScore } from './evaluation-scorer.js';
import { InputError } from './jsonl-source.js';
import type { ReplayRecord } from './replay-record.js';

export interface ReplayResult {
  score: EvaluationScore;
  /** Time spent inside the engine's observe() calls. */
  engineMs: number;
  /** Time of the whole replay (reading or simulating included). */
  wallMs: number;
  eventsPerSecondEngine: number;
  eventsPerSecondWall: number;
}

export interface ReplayOptions {
  /** Called every `progressEvery` events. */
  onProgress?: (events: number, lastRecord: ReplayRecord) => void;
  progressEvery?: number;
}

/**
 * Feeds records to the engine in order and scores its alerts. Events out of time order are an
 * input error: the engine's windows assume time moves forward.
 */
export async function replay(
  records: AsyncIterable<ReplayRecord> | Iterable<ReplayRecord>,
  engine: EvaluationEngine,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const scorer = new EvaluationScorer();
  const every = options.progressEvery ?? 50_000;
  const wallStart = performance.now();
  let engineMs = 0;
  let events = 0;
  let lastMs = Number.NEGATIVE_INFINITY;
  for await (const record of records) {
    switch (record.type) {
      case 'window':
        scorer.setWindow(record.startMs, record.endMs);
        break;
      case 'profile': {
        scorer.addCustomer(record.profile.customerId);
        const started = performance.now();
        const alerts = engine.upsertProfile(record.profile);
        engineMs += performance.now() - started;
        for (const alert of alerts) scorer.addAlert(alert);
        break;
      }
      case 'custody_balance':
        engine.setCustodyBalance(record.platformId, record.currency, record.balanceMinor);
        break;
      case 'instance':
        scorer.addInstance(record);
        break;
      case 'event': {
        const { event } = record;
        if (event.atMs < lastMs)
          throw new InputError(`event ${event.eventId} is out of time order`);
        lastMs = event.atMs;
        scorer.addEvent(event, record.label, record.instanceId);
        const started = performance.now();
        const alerts = engine.observe(event);
        engineMs += performance.now() - started;
        for (const alert of alerts) scorer.addAlert(alert);
        events += 1;
        if (events % every === 0) options.onProgress?.(events, record);
        break;
      }
    }
  }
  const wallMs = performance.now() - wallStart;
  return {
    score: scorer.score(),
    engineMs,
    wallMs,
    eventsPerSecondEngine: engineMs === 0 ? 0 : (events * 1000) / engineMs,
    eventsPerSecondWall: wallMs === 0 ? 0 : (events * 1000) / wallMs,
  };
}

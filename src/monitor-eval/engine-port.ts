import type { CustomerProfile, MonitoredEvent } from '../monitor/monitored-event.js';

/** What the evaluation needs of an alert: who, which rule, when. */
export interface EvaluationAlert {
  customerId: string | null;
  ruleId: string;
  atMs: number;
}

/**
 * The part of a monitoring engine the evaluation drives. The real engine is adapted to it in
 * create-engine.ts; tests drive small engines of their own through the same port.
 */
export interface EvaluationEngine {
  /** Records a profile; returns the alerts it completes (a recorded closure looks back). */
  upsertProfile(profile: CustomerProfile): readonly EvaluationAlert[];
  setCustodyBalance(platformId: string, currency: string, balanceMinor: bigint): void;
  observe(event: MonitoredEvent): readonly EvaluationAlert[];
}

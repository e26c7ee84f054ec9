import { assert } from '../assert.js';
import {
  BACKOFF_BASE_MS_DEFAULT,
  BACKOFF_CAP_MS_DEFAULT,
  BACKOFF_JITTER_FRACTION,
} from './notify-limits.js';

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Share of the nominal delay that jitter may take off, in [0, 1). */
  jitterFraction: number;
}

export const BACKOFF_POLICY_DEFAULT: BackoffPolicy = {
  baseMs: BACKOFF_BASE_MS_DEFAULT,
  capMs: BACKOFF_CAP_MS_DEFAULT,
  jitterFraction: BACKOFF_JITTER_FRACTION,
};

/** The delay before retry number `attempt` (1 = after the first failure), without jitter. */
export function nominalBackoffMs(attempt: number, policy: BackoffPolicy): number {
  assert(Number.isInteger(attempt) && attempt >= 1, 'attempts count from 1');
  assert(policy.baseMs > 0 && policy.baseMs <= policy.capMs, 'backoff base within its cap');
  // 2^k overflows nothing here: past the cap the exponent stops mattering.
  const exponent = Math.min(attempt - 1, 52);
  return Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
}

/**
 * Exponential backoff with jitter: the nominal delay less a random share of it, so receivers
 * that failed together do not all retry in the same second. `random` is in [0, 1); with the same
 * random value the delays never shrink from one attempt to the next and never pass the cap.
 */
export function backoffDelayMs(
  attempt: number,
  random: number,
  policy = BACKOFF_POLICY_DEFAULT,
): number {
  assert(random >= 0 && random < 1, 'random is in [0, 1)');
  assert(policy.jitterFraction >= 0 && policy.jitterFraction < 1, 'jitter takes less than all');
  const nominal = nominalBackoffMs(attempt, policy);
  const delay = Math.floor(nominal * (1 - policy.jitterFraction * random));
  assert(delay > 0 && delay <= policy.capMs, 'a delay is positive and capped');
  return delay;
}

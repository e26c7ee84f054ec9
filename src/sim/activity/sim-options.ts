import { z } from 'zod';
import { assert } from '../../assert.js';
import { DAY_MS } from './cn-clock.js';

export const SIM_CUSTOMERS_MAX = 1_000_000;
export const SIM_DAYS_MAX = 366;
export const SIM_HISTORY_DAYS_MAX = 366;
/** Planted instances per typology per 1,000 customers, at most. */
export const SIM_PLANT_RATE_MAX = 50;

/**
 * One simulation. `days` is the evaluated window; `historyDays` of ordinary activity come
 * before it so that baselines (velocity, night habits, dormancy) exist when it starts.
 * Planted patterns happen only inside the window.
 */
export interface SimulationOptions {
  customers: number;
  days: number;
  historyDays: number;
  seed: number;
  /** Planted instances of each customer-level typology per 1,000 customers. */
  plantRatePerThousand: number;
  /** Local (UTC+8) midnight at which the evaluated window starts. */
  windowStartMs: number;
  platformId: string;
  currency: 'CNY';
}

/** Monday 2026-01-05 00:00 in China Standard Time. */
export const DEFAULT_WINDOW_START_MS = Date.UTC(2026, 0, 4, 16, 0, 0);

export const SimulationOptionsInput = z.object({
  customers: z.number().int().min(100).max(SIM_CUSTOMERS_MAX).default(10_000),
  days: z.number().int().min(7).max(SIM_DAYS_MAX).default(30),
  historyDays: z.number().int().min(0).max(SIM_HISTORY_DAYS_MAX).default(90),
  seed: z.number().int().min(0).max(0xffff_ffff).default(1),
  plantRatePerThousand: z.number().min(0).max(SIM_PLANT_RATE_MAX).default(2),
  windowStartMs: z.number().int().default(DEFAULT_WINDOW_START_MS),
  platformId: z.string().min(1).max(64).default('sim-p2p'),
});

export function resolveSimulationOptions(input: unknown): SimulationOptions {
  const parsed = SimulationOptionsInput.parse(input);
  assert((parsed.windowStartMs + 8 * 3_600_000) % DAY_MS === 0, 'window starts at local midnight');
  return { ...parsed, currency: 'CNY' };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiContext } from '../context.js';
import { IdSchema, PlatformParams } from '../schemas.js';

export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a real YYYY-MM-DD date');
export const RunParams = PlatformParams.extend({ runId: IdSchema });

/** Today's date in UTC as YYYY-MM-DD. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The Fastify instance the risk-model routes register on, and the database they use. */
export type App = Parameters<FastifyPluginAsyncZod<ApiContext>>[0];
export type Db = ApiContext['db'];

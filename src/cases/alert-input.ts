import { z } from 'zod';
import { ALERT_KEY_LENGTH_MAX, EXPLANATION_BYTES_MAX } from './case-limits.js';
import { SEVERITIES, type Severity } from './severity.js';

/** Every source an alert may come from: monitoring rules and typologies, and the others. */
export const ALERT_SOURCES = [
  'rule',
  'typology',
  'kri',
  'reconciliation',
  'security',
  'compliance',
] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** Work queues: rule and typology alerts share one. */
export const CASE_QUEUES = ['rules', 'kri', 'reconciliation', 'security', 'compliance'] as const;
export type CaseQueue = (typeof CASE_QUEUES)[number];

export function queueOf(source: AlertSource): CaseQueue {
  return source === 'rule' || source === 'typology' ? 'rules' : source;
}

/** Why an alert fired, in terms a person can check: observed values against thresholds. */
export interface AlertExplanation {
  summary: string;
  values: Record<string, unknown>;
  thresholds: Record<string, unknown>;
  eventIds: string[];
}

export interface AlertInput {
  /** Stable per episode: the same key again is a repeat, counted, not a new alert. */
  alertKey: string;
  platformId: string;
  source: AlertSource;
  ruleId: string;
  ruleVersion: number;
  severity: Severity;
  customerId: string | null;
  score: number;
  atMs: number;
  explanation: AlertExplanation;
}

const JsonRecord = z.record(z.string().max(100), z.unknown());

export const AlertInputSchema = z
  .object({
    alertKey: z.string().min(1).max(ALERT_KEY_LENGTH_MAX),
    platformId: z.string().min(1).max(64),
    source: z.enum(ALERT_SOURCES),
    ruleId: z.string().min(1).max(100),
    ruleVersion: z.number().int().min(0).max(2_147_483_647),
    severity: z.enum(SEVERITIES),
    customerId: z.string().min(1).max(64).nullable(),
    score: z.number().finite(),
    atMs: z.number().int().min(0).max(8_640_000_000_000_000),
    explanation: z
      .object({
        summary: z.string().min(1).max(2_000),
        values: JsonRecord,
        thresholds: JsonRecord,
        eventIds: z.array(z.string().min(1).max(100)).max(1_000),
      })
      .strict(),
  })
  .strict();

/** An explanation as stored: bigint amounts become decimal strings, and the size is bounded. */
export function storedExplanation(explanation: AlertExplanation): string {
  const text = JSON.stringify(explanation, (_key, item: unknown) =>
    typeof item === 'bigint' ? item.toString() : item,
  );
  if (Buffer.byteLength(text, 'utf8') <= EXPLANATION_BYTES_MAX) return text;
  // An oversized explanation keeps its summary and the first event ids; the rest is dropped
  // rather than refusing the alert, because losing an alert is worse than a shorter record.
  return JSON.stringify({
    summary: explanation.summary.slice(0, 2_000),
    values: {},
    thresholds: {},
    eventIds: explanation.eventIds.slice(0, 100),
    truncated: true,
  });
}

/**
 * The group an alert joins: the customer's open case, or for alerts without a customer the
 * platform's open case of that queue (a reconciliation break is not a security event).
 */
export function groupKeyOf(alert: Pick<AlertInput, 'customerId' | 'source'>): string {
  if (alert.customerId !== null) return `customer:${alert.customerId}`;
  return `platform:${queueOf(alert.source)}`;
}

/**
 * An alert about a platform's own duty rather than a customer (a scheduled job that failed, a
 * report past its deadline): no customer, score 1, rule version 1, and the explanation's
 * summary capped at 2,000 characters.
 */
export function platformDutyAlert(alert: {
  alertKey: string;
  platformId: string;
  source: AlertSource;
  ruleId: string;
  severity: Severity;
  atMs: number;
  summary: string;
  values: Record<string, unknown>;
  thresholds?: Record<string, unknown>;
  eventIds?: string[];
}): AlertInput {
  return {
    alertKey: alert.alertKey,
    platformId: alert.platformId,
    source: alert.source,
    ruleId: alert.ruleId,
    ruleVersion: 1,
    severity: alert.severity,
    customerId: null,
    score: 1,
    atMs: alert.atMs,
    explanation: {
      summary: alert.summary.slice(0, 2_000),
      values: alert.values,
      thresholds: alert.thresholds ?? {},
      eventIds: alert.eventIds ?? [],
    },
  };
}

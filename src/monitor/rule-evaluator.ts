import { createHash } from 'node:crypto';
import type { AlertExplanation, MonitoringAlert, Severity } from './alert.js';
import type { CustomerState } from './customer-state.js';
import { IN, OUT, SHARED, type EventContext, type Side } from './event-context.js';
import type { EventLink } from './event-chain.js';
import { ALERT_EVENT_IDS_MAX } from './limits.js';
import type { RuleDefinition } from './rule-definition.js';
import type { Direction, EventFilter } from './rule-schema-parts.js';

/** What the engine needs of a compiled rule, whatever its template. */
export interface RuleInfo {
  id: string;
  version: number;
  severity: Severity;
  /** Position in the pack: slot numbers and snapshot entries derive from it. */
  index: number;
  sync: boolean;
  syncAction: 'hold' | 'reject';
  enabled: boolean;
}

export interface RuleEvaluator {
  readonly info: RuleInfo;
  /**
   * The filters all of the rule's work on an event starts from: when the event conditions of
   * every one fail, observe() and peek() do nothing, so the engine may skip the rule (EventGates).
   * Absent: the rule is always called.
   */
  readonly eventFilters?: readonly EventFilter[];
  /** Updates state with the event and appends the alerts it completes. */
  observe(ctx: EventContext, out: MonitoringAlert[]): void;
  /** Appends the alerts the event would complete, changing nothing (check()). */
  peek(ctx: EventContext, out: MonitoringAlert[]): void;
  /**
   * Appends the alerts a closure just recorded in `customer`'s profile completes (rules that
   * decide at closure); changes nothing but cool-downs.
   */
  closure?(ctx: EventContext, customer: CustomerState, out: MonitoringAlert[]): void;
}

export function ruleInfo(rule: RuleDefinition, index: number): RuleInfo {
  return {
    id: rule.id,
    version: rule.version,
    severity: rule.severity,
    index,
    sync: rule.mode === 'sync',
    syncAction: rule.syncAction,
    enabled: rule.enabled,
  };
}

/** The bound of the case store on alert keys; longer keys are replaced by a digest. */
export const ALERT_KEY_LENGTH_MAX = 200;

export function boundedAlertKey(key: string): string {
  if (key.length <= ALERT_KEY_LENGTH_MAX) return key;
  const prefix = key.slice(0, key.indexOf(':'));
  return `${prefix}:sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** 0.5 at the threshold, rising linearly to 1 at twice the threshold. */
export function scoreOf(observed: number, threshold: number): number {
  if (!(threshold > 0)) return 1;
  return Math.min(1, Math.max(0.5, 0.5 + (0.5 * (observed - threshold)) / threshold));
}

const ALL_SIDES: readonly Side[] = [IN, OUT];
const IN_SIDE: readonly Side[] = [IN];
const OUT_SIDE: readonly Side[] = [OUT];
const SHARED_SIDE: readonly Side[] = [SHARED];

export function sidesOf(direction: Direction, shared = false): readonly Side[] {
  if (shared) return SHARED_SIDE;
  if (direction === 'in') return IN_SIDE;
  if (direction === 'out') return OUT_SIDE;
  return ALL_SIDES;
}

export function sideName(side: Side): string {
  return side === IN ? 'in' : side === OUT ? 'out' : 'all';
}

export function ruleAlert(
  info: RuleInfo,
  ctx: EventContext,
  customerId: string | null,
  episode: string,
  score: number,
  explanation: AlertExplanation,
): MonitoringAlert {
  return ruleAlertAt(info, ctx.event.platformId, ctx.atMs, customerId, episode, score, explanation);
}

/** A rule's alert decided at `atMs` without an event (a closure recorded in a profile). */
export function ruleAlertAt(
  info: RuleInfo,
  platformId: string,
  atMs: number,
  customerId: string | null,
  episode: string,
  score: number,
  explanation: AlertExplanation,
): MonitoringAlert {
  return {
    alertKey: boundedAlertKey(`${info.id}:${platformId}:${episode}`),
    platformId,
    source: 'rule',
    ruleId: info.id,
    ruleVersion: info.version,
    severity: info.severity,
    customerId,
    score,
    atMs,
    explanation: { ...explanation, eventIds: explanation.eventIds.slice(-ALERT_EVENT_IDS_MAX) },
  };
}

/**
 * Puts the event in front of a state's chain of recent events (see EventLink), which keeps at
 * least the newest `max`. Keys of the event whose chains had the same head get the same link.
 */
export function rememberEvent(
  state: { recent: EventLink | null },
  ctx: EventContext,
  max: number,
): void {
  state.recent = ctx.links.after(state.recent, max);
}

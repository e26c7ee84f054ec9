import type { AlertInput } from '../cases/alert-input.js';
import { boundedAlertKey } from '../monitor/rule-evaluator.js';
import type { MonitoringAlert } from '../monitor/index.js';

/** At most this many alerts are recorded for one refused instruction (rules and typologies). */
export const REFUSAL_ALERTS_MAX = 64;

/**
 * The alerts behind a refusal before posting, as they are recorded: one per rule or typology
 * that fired on the refused instruction, keyed by that instruction (each refusal is an episode
 * of its own, never a repeat of an alert on posted activity), with the explanation the check
 * gave (rule and version, values and thresholds, the instructions involved, the refused one
 * last) and the refusal stated.
 */
export function refusalAlertInputs(
  alerts: readonly MonitoringAlert[],
  instructionId: string,
): AlertInput[] {
  return alerts.slice(0, REFUSAL_ALERTS_MAX).map((alert) => {
    const eventIds = alert.explanation.eventIds.filter((id) => id !== instructionId);
    eventIds.push(instructionId);
    return {
      alertKey: boundedAlertKey(`${alert.ruleId}:${alert.platformId}:refused:${instructionId}`),
      platformId: alert.platformId,
      source: alert.source,
      ruleId: alert.ruleId,
      ruleVersion: alert.ruleVersion,
      severity: alert.severity,
      customerId: alert.customerId,
      score: alert.score,
      atMs: alert.atMs,
      explanation: {
        summary: refusalSummary(alert.explanation.summary, instructionId),
        values: { ...alert.explanation.values, refusedInstructionId: instructionId },
        thresholds: { ...alert.explanation.thresholds },
        eventIds,
      },
    };
  });
}

/** States the refusal; names the instruction unless the rule's own summary already does. */
function refusalSummary(ruleSummary: string, instructionId: string): string {
  if (ruleSummary.includes(instructionId)) return `Refused before posting: ${ruleSummary}`;
  return `Refused before posting (instruction ${instructionId}): ${ruleSummary}`;
}

import type { CustomerInstruction } from './case-counterparties.js';
import type { AlertView } from './case-queries.js';
import type { CaseView } from './case-row.js';

/**
 * The facts of a case as a suspicious-transaction-report draft holds them: who, which alerts
 * and why, which movements, how much per currency. Amounts are minor-unit strings. The
 * compliance module turns this into the regulator's format.
 */
export function strFacts(
  view: CaseView,
  alerts: readonly AlertView[],
  instructions: readonly CustomerInstruction[],
  evidence: readonly { id: string; fileName: string; sha256: string }[],
): Record<string, unknown> {
  const totals = new Map<string, { inMinor: bigint; outMinor: bigint; count: number }>();
  for (const instruction of instructions) {
    if (instruction.status === 'voided') continue;
    const total = totals.get(instruction.currency) ?? { inMinor: 0n, outMinor: 0n, count: 0 };
    if (instruction.direction === 'in') total.inMinor += instruction.amountMinor;
    else total.outMinor += instruction.amountMinor;
    total.count += 1;
    totals.set(instruction.currency, total);
  }
  return {
    caseId: view.id,
    platformId: view.platformId,
    customerId: view.customerId,
    severity: view.severity,
    openedAt: view.openedAt,
    alerts: alerts.map((a) => ({
      alertId: a.id,
      source: a.source,
      ruleId: a.ruleId,
      ruleVersion: a.ruleVersion,
      severity: a.severity,
      occurrences: a.occurrences,
      firstSeenAt: a.firstSeenAt,
      lastSeenAt: a.lastSeenAt,
      explanation: a.explanation,
    })),
    instructions: instructions.map((i) => ({
      instructionId: i.id,
      type: i.type,
      status: i.status,
      direction: i.direction,
      amountMinor: i.amountMinor.toString(),
      currency: i.currency,
      purpose: i.purpose,
      counterpartyAccountId: i.counterpartyAccountId,
      counterpartyCustomerId: i.counterpartyCustomerId,
      at: i.createdAt,
    })),
    totals: [...totals.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, t]) => ({
        currency,
        inMinor: t.inMinor.toString(),
        outMinor: t.outMinor.toString(),
        instructionCount: t.count,
      })),
    evidence: evidence.map((e) => ({ evidenceId: e.id, fileName: e.fileName, sha256: e.sha256 })),
  };
}

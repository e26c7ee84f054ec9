import type { ReplayResult } from './replay.js';

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const whole = (value: number) => Math.round(value).toLocaleString('en-US');

/** The evaluation as plain text: summary, recall per typology, alerts per rule. */
export function formatEvaluationReport(result: ReplayResult, notes: string[] = []): string {
  const { score } = result;
  const summary: [string, string][] = [
    ['customers', whole(score.customers)],
    ['events replayed', whole(score.events)],
    ['labelled events', whole(score.labelledEvents)],
    ['labelled customers', whole(score.labelledCustomers)],
    ['alerts (window)', whole(score.alerts)],
    ['platform-wide alerts', whole(score.platformAlerts)],
    ['alerts per 1,000 customers', score.alertsPerThousandCustomers.toFixed(1)],
    ['alerted customers', whole(score.alertedCustomers)],
    ['precision (alerted customers labelled)', percent(score.customerPrecision)],
    ['precision (customer alerts on labelled)', percent(score.alertPrecision)],
    ['engine events/s (observe only)', whole(result.eventsPerSecondEngine)],
    ['events/s (whole replay)', whole(result.eventsPerSecondWall)],
  ];
  const recall = score.typologies.map((entry) => [
    entry.typology,
    String(entry.instances),
    String(entry.detected),
    percent(entry.recall),
    entry.rules.length === 0 ? 'any rule' : entry.rules.join(' '),
  ]);
  const rules = score.rules.map((rule) => [
    rule.ruleId,
    whole(rule.alerts),
    whole(rule.alertsOnLabelled),
  ]);
  return [
    table(['measure', 'value'], summary),
    '',
    table(['typology', 'instances', 'detected', 'recall', 'counted rules'], recall),
    '',
    table(['rule', 'alerts', 'on labelled'], rules),
    ...(notes.length === 0 ? [] : ['', ...notes]),
  ].join('\n');
}

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return `${head.join('  ')}\n(none)`;
  const widths = head.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Prints rows as an aligned text table; `--json` callers print the raw reply instead. */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((column) => text(row[column])));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((line) => (line[index] ?? '').length)),
  );
  const render = (line: string[]) =>
    line
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    render(columns),
    render(widths.map((width) => '-'.repeat(width))),
    ...cells.map(render),
  ].join('\n');
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'amount' in value && 'currency' in value) {
    const money = value as { amount: string; currency: string };
    return `${money.amount} ${money.currency}`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function describeProblem(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null && 'title' in body) {
    const problem = body as { title: string; detail?: string; code?: string };
    return `${problem.title}${problem.detail === undefined ? '' : `: ${problem.detail}`} (${problem.code ?? status})`;
  }
  return `request failed with status ${status}`;
}

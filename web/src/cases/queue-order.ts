import type { CaseView } from './case-types.js';

/**
 * The order a queue is worked in: priority 1 first, then the nearest SLA deadline, then the
 * oldest case. Returns a new array.
 */
export function sortForQueue(cases: readonly CaseView[]): CaseView[] {
  return [...cases].sort(
    (a, b) =>
      a.priority - b.priority ||
      Date.parse(a.slaDueAt) - Date.parse(b.slaDueAt) ||
      Date.parse(a.openedAt) - Date.parse(b.openedAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Some actions take effect at once; others (four-eyes actions) only open an approval for a
 * second person. The console tells the two apart by the shape of the answer.
 */
export type ActionOutcome = 'done' | 'approvalRequested';

export function actionOutcome(result: unknown): ActionOutcome {
  if (typeof result !== 'object' || result === null) return 'done';
  const fields = result as Record<string, unknown>;
  if ('approval' in fields || 'approvalId' in fields) return 'approvalRequested';
  if ('requestedBy' in fields && 'action' in fields && fields.status === 'open') {
    return 'approvalRequested';
  }
  return 'done';
}

import { useTranslation } from 'react-i18next';
import { IdLink } from '../components/index.js';
import { useSession } from '../session/index.js';
import type { GridCell } from './risk-types.js';

/** A score as likelihood × impact = score, coloured by its band. */
export function ScoreBadge({ cell }: { cell: GridCell & { band?: string } }) {
  const band = cell.band ?? bandOf(cell.score);
  return (
    <span
      className={`rr-score rr-band-${band}`}
      data-score={cell.score}
      title={`${cell.likelihood} × ${cell.impact}`}
    >
      {cell.likelihood}×{cell.impact} = {cell.score}
    </span>
  );
}

export function bandOf(score: number): string {
  if (score <= 4) return 'low';
  if (score <= 9) return 'medium';
  if (score <= 15) return 'high';
  return 'critical';
}

/** Where the residual stands against appetite and tolerance. */
export function ToleranceBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`rr-tolerance rr-tolerance-${status}`}>
      {t(`riskRegister.tolerance.${status}`)}
    </span>
  );
}

/** A review date with its state (overdue in red, due soon in amber). */
export function ReviewDate({ date, state }: { date: string; state: string }) {
  const { t } = useTranslation();
  return (
    <span className={`rr-review rr-review-${state}`} data-review-state={state}>
      {date}
      {state === 'scheduled' ? null : (
        <span className="rr-review-note"> · {t(`riskRegister.review.${state}`)}</span>
      )}
    </span>
  );
}

/** A control test outcome, or "not run". */
export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  const { t } = useTranslation();
  const key = outcome ?? 'none';
  return <span className={`rr-outcome rr-outcome-${key}`}>{t(`riskRegister.outcome.${key}`)}</span>;
}

/** The owner: "you" for the signed-in person, otherwise the principal's id. */
export function OwnerName({ principalId }: { principalId: string }) {
  const { t } = useTranslation();
  const { principal } = useSession();
  if (principalId === principal.id)
    return (
      <span data-principal-id={principalId}>
        {principal.name} <span className="muted small">{t('riskRegister.you')}</span>
      </span>
    );
  return <IdLink id={principalId} compact />;
}

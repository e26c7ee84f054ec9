import { useTranslation } from 'react-i18next';
import type { ComplaintView } from './complaint-types.js';

/** The state of a complaint as a coloured label. */
export function ComplaintStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <span className={`badge complaint-state complaint-state-${state}`} data-state={state}>
      {t(`complaints.state.${state}`)}
    </span>
  );
}

/** Which deadline is missed, or how far the next one is. */
export function DeadlineBadge({ view, nowMs }: { view: ComplaintView; nowMs: number }) {
  const { t } = useTranslation();
  if (view.overdue !== null)
    return (
      <span className="badge complaint-overdue" data-overdue={view.overdue}>
        {t(`complaints.overdue.${view.overdue}`)}
      </span>
    );
  if (view.closedAt !== null)
    return view.answeredLate ? (
      <span className="badge complaint-late">{t('complaints.answeredLate')}</span>
    ) : (
      <span className="badge badge-approved">{t('complaints.answeredOnTime')}</span>
    );
  const due = view.acknowledgedAt === null ? view.acknowledgeDueAt : view.resolveDueAt;
  const hours = Math.max(0, Math.round((Date.parse(due) - nowMs) / 3_600_000));
  const key = view.acknowledgedAt === null ? 'complaints.dueAcknowledge' : 'complaints.dueResolve';
  return (
    <span className={`badge ${hours < 24 ? 'badge-pending' : ''}`} title={due}>
      {t(key, { count: hours < 48 ? hours : Math.round(hours / 24), unit: hours < 48 ? 'h' : 'd' })}
    </span>
  );
}

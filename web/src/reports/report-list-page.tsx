import { useTranslation } from 'react-i18next';
import { EmptyRow, IdLink, PageHeader, Pager, ResourceView } from '../components/index.js';
import { useCursorPager } from '../hooks/use-cursor-pager.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { listReports, type ReportFilter } from './reports-endpoints.js';
import { reportsPaths } from './reports-paths.js';
import {
  REPORT_KINDS,
  REPORT_STATUSES,
  type ReportKind,
  type ReportStatus,
} from './reports-types.js';
import { OverdueBadge, ReportStatusBadge } from './report-badges.js';

function pick<T extends string>(value: string, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** Large-value batches and suspicious transaction reports, newest first, with their deadlines. */
export function ReportListPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const filter: ReportFilter = {
    kind: pick<ReportKind>(useSearchParam('kind'), REPORT_KINDS),
    status: pick<ReportStatus>(useSearchParam('status'), REPORT_STATUSES),
    overdue: useSearchParam('overdue') === 'true',
  };
  const key = `${platformId}|${filter.kind}|${filter.status}|${filter.overdue}`;
  const pager = useCursorPager(key);
  const reports = useResource(
    (signal) => listReports(platformId, filter, pager.cursor, signal),
    `${key}|${pager.cursor ?? ''}`,
  );
  return (
    <>
      <PageHeader title={t('reports.list.title')} subtitle={t('reports.list.subtitle')} />
      <div className="report-filters">
        <label className="field field-inline">
          <span>{t('reports.field.kind')}</span>
          <select
            name="kind"
            value={filter.kind}
            onChange={(e) => setSearchParam('kind', e.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {REPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`reports.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>{t('reports.field.status')}</span>
          <select
            name="status"
            value={filter.status}
            onChange={(e) => setSearchParam('status', e.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`reports.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <input
            type="checkbox"
            name="overdue"
            checked={filter.overdue}
            onChange={(e) => setSearchParam('overdue', e.target.checked ? 'true' : '')}
          />
          <span>{t('reports.list.onlyOverdue')}</span>
        </label>
      </div>
      <ResourceView resource={reports}>
        {(page) => (
          <>
            <table className="table" data-testid="report-list" aria-label={t('reports.list.title')}>
              <thead>
                <tr>
                  <th>{t('reports.field.report')}</th>
                  <th>{t('reports.field.kind')}</th>
                  <th>{t('reports.field.purpose')}</th>
                  <th>{t('reports.field.status')}</th>
                  <th>{t('reports.field.businessDate')}</th>
                  <th>{t('reports.field.version')}</th>
                  <th>{t('reports.field.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.length === 0 ? (
                  <EmptyRow columns={7} text={t('reports.list.empty')} />
                ) : null}
                {page.items.map((r) => (
                  <tr key={r.id} data-report-id={r.id} data-overdue={r.overdue}>
                    <td>
                      <IdLink id={r.id} compact to={reportsPaths.report(r.id)} />
                    </td>
                    <td>{t(`reports.kind.${r.kind}`)}</td>
                    <td>{t(`reports.purpose.${r.purpose}`)}</td>
                    <td>
                      <ReportStatusBadge status={r.status} />
                    </td>
                    <td>{r.businessDate ?? '—'}</td>
                    <td className="cell-amount">{r.currentVersion}</td>
                    <td>
                      {r.deadlineDate}
                      {r.overdue ? <OverdueBadge /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager pager={pager} nextCursor={page.nextCursor} />
          </>
        )}
      </ResourceView>
    </>
  );
}

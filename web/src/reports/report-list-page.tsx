import { useTranslation } from 'react-i18next';
import { IdLink, PageHeader } from '../components/index.js';
import { usePlatformId } from '../session/index.js';
import { PagedTable, usePagedList } from './paged-table.js';
import { listReports, type ReportFilter } from './reports-endpoints.js';
import { reportsPaths } from './reports-paths.js';
import { REPORT_KINDS, REPORT_STATUSES } from './reports-types.js';
import { OverdueBadge, ReportStatusBadge } from './report-badges.js';
import { ChoiceFilter, OverdueFilter, useChoiceParam, useOverdueParam } from './report-filters.js';

/** Large-value batches and suspicious transaction reports, newest first, with their deadlines. */
export function ReportListPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const filter: ReportFilter = {
    kind: useChoiceParam('kind', REPORT_KINDS),
    status: useChoiceParam('status', REPORT_STATUSES),
    overdue: useOverdueParam(),
  };
  const { pager, list } = usePagedList(
    `${platformId}|${filter.kind}|${filter.status}|${filter.overdue}`,
    (cursor, signal) => listReports(platformId, filter, cursor, signal),
  );
  return (
    <>
      <PageHeader title={t('reports.list.title')} subtitle={t('reports.list.subtitle')} />
      <div className="report-filters">
        <ChoiceFilter
          label={t('reports.field.kind')}
          name="kind"
          value={filter.kind}
          choices={REPORT_KINDS}
          choiceLabel={(kind) => t(`reports.kind.${kind}`)}
        />
        <ChoiceFilter
          label={t('reports.field.status')}
          name="status"
          value={filter.status}
          choices={REPORT_STATUSES}
          choiceLabel={(status) => t(`reports.status.${status}`)}
        />
        <OverdueFilter label={t('reports.list.onlyOverdue')} checked={filter.overdue} />
      </div>
      <PagedTable
        list={list}
        pager={pager}
        testId="report-list"
        label={t('reports.list.title')}
        headings={[
          t('reports.field.report'),
          t('reports.field.kind'),
          t('reports.field.purpose'),
          t('reports.field.status'),
          t('reports.field.businessDate'),
          t('reports.field.version'),
          t('reports.field.deadline'),
        ]}
        emptyText={t('reports.list.empty')}
        row={(r) => (
          <tr key={r.id} data-report-id={r.id} data-overdue={r.overdue}>
            <td>
              <IdLink id={r.id} compact to={reportsPaths.report(r.id)} />
            </td>
            <td>{t(`reports.kind.${r.kind}`)}</td>
            <td>{t(`reports.purpose.${r.purpose}`)}</td>
            <td>
              <ReportStatusBadge status={r.status} />
            </td>
            <td>
              {r.businessDate === null
                ? '—'
                : r.lvtrPart === null
                  ? r.businessDate
                  : t('reports.businessDayPart', { date: r.businessDate, part: r.lvtrPart })}
            </td>
            <td className="cell-amount">{r.currentVersion}</td>
            <td>
              {r.deadlineDate}
              {r.overdue ? <OverdueBadge /> : null}
            </td>
          </tr>
        )}
      />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { DateTime, IdLink, PageHeader } from '../components/index.js';
import { usePlatformId } from '../session/index.js';
import { PagedTable, usePagedList } from './paged-table.js';
import { listRatings } from './reports-endpoints.js';
import { reportsPaths } from './reports-paths.js';
import { RISK_LEVELS } from './reports-types.js';
import { OverdueBadge, RiskLevelBadge } from './report-badges.js';
import { ChoiceFilter, OverdueFilter, useChoiceParam, useOverdueParam } from './report-filters.js';

/** Customer risk ratings in force, filtered by level and by overdue review. */
export function RiskRatingsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const level = useChoiceParam('level', RISK_LEVELS);
  const overdue = useOverdueParam();
  const { pager, list } = usePagedList(`${platformId}|${level}|${overdue}`, (cursor, signal) =>
    listRatings(platformId, { level, overdue }, cursor, signal),
  );
  return (
    <>
      <PageHeader title={t('riskRating.list.title')} subtitle={t('riskRating.list.subtitle')} />
      <div className="report-filters">
        <ChoiceFilter
          label={t('riskRating.field.level')}
          name="level"
          value={level}
          choices={RISK_LEVELS}
          choiceLabel={(choice) => t(`riskRating.level.${choice}`)}
        />
        <OverdueFilter label={t('riskRating.list.onlyOverdue')} checked={overdue} />
      </div>
      <PagedTable
        list={list}
        pager={pager}
        testId="rating-list"
        label={t('riskRating.list.title')}
        headings={[
          t('riskRating.field.customer'),
          t('riskRating.field.reference'),
          t('riskRating.field.kind'),
          t('riskRating.field.level'),
          t('riskRating.field.score'),
          t('riskRating.field.ratedAt'),
          t('riskRating.field.nextReview'),
        ]}
        emptyText={t('riskRating.list.empty')}
        row={(r) => (
          <tr key={r.customerId} data-customer-id={r.customerId} data-level={r.level}>
            <td>
              <IdLink id={r.customerId} compact to={reportsPaths.rating(r.customerId)} />
            </td>
            <td>{r.externalRef}</td>
            <td>{t(`customerKind.${r.customerKind}`, { defaultValue: r.customerKind })}</td>
            <td>
              <RiskLevelBadge level={r.level} />
              {r.overridden ? <span className="muted"> {t('riskRating.overridden')}</span> : null}
              {r.overridePending ? (
                <span className="muted"> {t('riskRating.overridePending')}</span>
              ) : null}
            </td>
            <td className="cell-amount">{r.score}</td>
            <td>
              <DateTime value={r.ratedAt} />
            </td>
            <td>
              {r.nextReviewDate}
              {r.reviewOverdue ? <OverdueBadge /> : null}
            </td>
          </tr>
        )}
      />
    </>
  );
}

import { useTranslation } from 'react-i18next';
import {
  DateTime,
  EmptyRow,
  IdLink,
  PageHeader,
  Pager,
  ResourceView,
} from '../components/index.js';
import { useCursorPager } from '../hooks/use-cursor-pager.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { listRatings } from './reports-endpoints.js';
import { reportsPaths } from './reports-paths.js';
import { RISK_LEVELS, type RiskLevel } from './reports-types.js';
import { OverdueBadge, RiskLevelBadge } from './report-badges.js';

/** Customer risk ratings in force, filtered by level and by overdue review. */
export function RiskRatingsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const levelParam = useSearchParam('level');
  const level = (RISK_LEVELS as readonly string[]).includes(levelParam)
    ? (levelParam as RiskLevel)
    : '';
  const overdue = useSearchParam('overdue') === 'true';
  const key = `${platformId}|${level}|${overdue}`;
  const pager = useCursorPager(key);
  const ratings = useResource(
    (signal) => listRatings(platformId, { level, overdue }, pager.cursor, signal),
    `${key}|${pager.cursor ?? ''}`,
  );
  return (
    <>
      <PageHeader title={t('riskRating.list.title')} subtitle={t('riskRating.list.subtitle')} />
      <div className="report-filters">
        <label className="field field-inline">
          <span>{t('riskRating.field.level')}</span>
          <select
            name="level"
            value={level}
            onChange={(e) => setSearchParam('level', e.target.value)}
          >
            <option value="">{t('common.all')}</option>
            {RISK_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`riskRating.level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <input
            type="checkbox"
            name="overdue"
            checked={overdue}
            onChange={(e) => setSearchParam('overdue', e.target.checked ? 'true' : '')}
          />
          <span>{t('riskRating.list.onlyOverdue')}</span>
        </label>
      </div>
      <ResourceView resource={ratings}>
        {(page) => (
          <>
            <table
              className="table"
              data-testid="rating-list"
              aria-label={t('riskRating.list.title')}
            >
              <thead>
                <tr>
                  <th>{t('riskRating.field.customer')}</th>
                  <th>{t('riskRating.field.reference')}</th>
                  <th>{t('riskRating.field.kind')}</th>
                  <th>{t('riskRating.field.level')}</th>
                  <th>{t('riskRating.field.score')}</th>
                  <th>{t('riskRating.field.ratedAt')}</th>
                  <th>{t('riskRating.field.nextReview')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.length === 0 ? (
                  <EmptyRow columns={7} text={t('riskRating.list.empty')} />
                ) : null}
                {page.items.map((r) => (
                  <tr key={r.customerId} data-customer-id={r.customerId} data-level={r.level}>
                    <td>
                      <IdLink id={r.customerId} compact to={reportsPaths.rating(r.customerId)} />
                    </td>
                    <td>{r.externalRef}</td>
                    <td>{t(`customerKind.${r.customerKind}`, { defaultValue: r.customerKind })}</td>
                    <td>
                      <RiskLevelBadge level={r.level} />
                      {r.overridden ? (
                        <span className="muted"> {t('riskRating.overridden')}</span>
                      ) : null}
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

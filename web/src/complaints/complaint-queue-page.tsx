import { useTranslation } from 'react-i18next';
import {
  DateTime,
  EmptyRow,
  IdLink,
  PageHeader,
  Pager,
  ResourceView,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useCursorPager } from '../hooks/use-cursor-pager.js';
import { useResource } from '../hooks/use-resource.js';
import { Link, setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { ComplaintStateBadge, DeadlineBadge } from './complaint-badges.js';
import { listComplaints } from './complaint-endpoints.js';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATES } from './complaint-types.js';
import { complaintsPaths } from './complaints-paths.js';
import './complaints.css';

function pick(value: string, allowed: readonly string[]): string {
  return allowed.includes(value) ? value : '';
}

/** Open complaints of the chosen platform, with their deadlines; overdue ones stand out. */
export function ComplaintQueuePage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const filter = {
    state: pick(useSearchParam('state'), COMPLAINT_STATES),
    category: pick(useSearchParam('category'), COMPLAINT_CATEGORIES),
    overdue: useSearchParam('overdue') === 'true',
  };
  const filterKey = `${platformId}|${filter.state}|${filter.category}|${filter.overdue}`;
  const pager = useCursorPager(filterKey);
  const complaints = useResource(
    (signal) => listComplaints(platformId, filter, pager.cursor, signal),
    `${filterKey}|${pager.cursor ?? ''}`,
  );
  const nowMs = Date.now();
  const select = (name: 'state' | 'category', options: readonly string[], allLabel: string) => (
    <label className="field field-inline">
      <span>{t(`complaints.field.${name}`)}</span>
      <select
        name={name}
        value={filter[name]}
        onChange={(event) => setSearchParam(name, event.target.value)}
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {t(`complaints.${name}.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <PageHeader
        title={t('complaints.queue.title')}
        subtitle={t('complaints.queue.subtitle')}
        actions={
          <Link to={complaintsPaths.statistics} className="button">
            {t('complaints.stats.nav')}
          </Link>
        }
      />
      <div className="filters">
        {select('state', COMPLAINT_STATES, t('complaints.queue.allOpen'))}
        {select('category', COMPLAINT_CATEGORIES, t('common.all'))}
        <label className="field field-inline">
          <input
            type="checkbox"
            checked={filter.overdue}
            onChange={(event) => setSearchParam('overdue', event.target.checked ? 'true' : '')}
          />
          <span>{t('complaints.queue.overdueOnly')}</span>
        </label>
      </div>
      <ResourceView resource={complaints}>
        {(page) => (
          <>
            <table
              className="table"
              data-testid="complaint-queue"
              aria-label={t('complaints.queue.title')}
            >
              <thead>
                <tr>
                  <th>{t('complaints.field.complaint')}</th>
                  <th>{t('complaints.field.category')}</th>
                  <th>{t('complaints.field.state')}</th>
                  <th>{t('complaints.field.customer')}</th>
                  <th>{t('complaints.field.received')}</th>
                  <th>{t('complaints.field.deadline')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.length === 0 ? (
                  <EmptyRow columns={6} text={t('complaints.queue.empty')} />
                ) : null}
                {page.items.map((view) => (
                  <tr key={view.id} data-complaint-id={view.id} data-overdue={view.overdue ?? ''}>
                    <td>
                      <Link to={complaintsPaths.complaint(view.id)} className="id" title={view.id}>
                        {view.id}
                      </Link>
                    </td>
                    <td>{t(`complaints.category.${view.category}`)}</td>
                    <td>
                      <ComplaintStateBadge state={view.state} />
                    </td>
                    <td>
                      <IdLink
                        id={view.customerId}
                        compact
                        to={consolePaths.customer(view.customerId)}
                      />
                    </td>
                    <td>
                      <DateTime value={view.createdAt} />
                    </td>
                    <td>
                      <DeadlineBadge view={view} nowMs={nowMs} />
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

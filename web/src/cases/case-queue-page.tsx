import { useTranslation } from 'react-i18next';
import { EmptyRow, IdLink, PageHeader, Pager, ResourceView } from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useCursorPager } from '../hooks/use-cursor-pager.js';
import { useResource } from '../hooks/use-resource.js';
import { Link, setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId, useSession } from '../session/index.js';
import { CaseStateBadge, SeverityBadge, SlaBadge, useNowMs } from './case-badges.js';
import { listCases } from './case-endpoints.js';
import { CaseMetricsPanel } from './case-metrics-panel.js';
import { AssigneeName } from './principal-name.js';
import { sortForQueue } from './queue-order.js';
import { casesPaths } from './cases-paths.js';
import {
  CASE_QUEUES,
  CASE_STATES,
  SEVERITIES,
  type CaseFilter,
  type CaseView,
} from './case-types.js';
import './cases.css';

function pick<T extends string>(value: string, allowed: readonly T[]): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

/** The filter from the address bar, so a filtered queue can be bookmarked and shared. */
function useCaseFilter(): CaseFilter {
  const state = useSearchParam('state');
  const queue = useSearchParam('queue');
  const severity = useSearchParam('severity');
  const mine = useSearchParam('mine');
  return {
    state: pick(state, CASE_STATES),
    queue: pick(queue, CASE_QUEUES),
    severity: pick(severity, SEVERITIES),
    mine: mine === 'true',
  };
}

/**
 * The case queue of the chosen platform: open cases by default, highest priority and nearest
 * deadline first, with filters, SLA countdowns and the queue's metrics.
 */
export function CaseQueuePage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const { principal } = useSession();
  const filter = useCaseFilter();
  const filterKey = `${platformId}|${filter.state}|${filter.queue}|${filter.severity}|${filter.mine}`;
  const pager = useCursorPager(filterKey);
  const cases = useResource(
    (signal) => listCases(platformId, filter, principal.id, pager.cursor, signal),
    `${filterKey}|${pager.cursor ?? ''}`,
  );
  const nowMs = useNowMs();
  return (
    <>
      <PageHeader title={t('cases.queue.title')} subtitle={t('cases.queue.subtitle')} />
      <CaseFilters filter={filter} />
      <ResourceView resource={cases}>
        {(page) => (
          <>
            <table className="table" data-testid="case-queue" aria-label={t('cases.queue.title')}>
              <thead>
                <tr>
                  <th>{t('cases.field.priority')}</th>
                  <th>{t('cases.field.case')}</th>
                  <th>{t('cases.field.severity')}</th>
                  <th>{t('cases.field.state')}</th>
                  <th>{t('cases.field.queue')}</th>
                  <th>{t('cases.field.customer')}</th>
                  <th>{t('cases.field.alerts')}</th>
                  <th>{t('cases.field.assignee')}</th>
                  <th>{t('cases.field.sla')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.length === 0 ? (
                  <EmptyRow columns={9} text={t('cases.queue.empty')} />
                ) : null}
                {sortForQueue(page.items).map((view) => (
                  <CaseRow key={view.id} view={view} nowMs={nowMs} />
                ))}
              </tbody>
            </table>
            <Pager pager={pager} nextCursor={page.nextCursor} />
          </>
        )}
      </ResourceView>
      <CaseMetricsPanel platformId={platformId} />
    </>
  );
}

function CaseRow({ view, nowMs }: { view: CaseView; nowMs: number }) {
  const { t } = useTranslation();
  return (
    <tr data-case-id={view.id} data-severity={view.severity} data-state={view.state}>
      <td>
        <span className={`case-priority case-priority-${view.priority}`}>P{view.priority}</span>
      </td>
      <td>
        <Link to={casesPaths.case(view.id)} className="id" title={view.id}>
          {view.id}
        </Link>
      </td>
      <td>
        <SeverityBadge severity={view.severity} />
      </td>
      <td>
        <CaseStateBadge state={view.closeApprovalId === null ? view.state : 'closePending'} />
      </td>
      <td>{t(`cases.queueName.${view.queue}`)}</td>
      <td>
        <IdLink
          id={view.customerId}
          compact
          to={view.customerId === null ? undefined : consolePaths.customer(view.customerId)}
        />
      </td>
      <td className="cell-amount">{view.alertCount}</td>
      <td>
        <AssigneeName principalId={view.assigneeId} />
      </td>
      <td>
        <SlaBadge view={view} nowMs={nowMs} />
      </td>
    </tr>
  );
}

function CaseFilters({ filter }: { filter: CaseFilter }) {
  const { t } = useTranslation();
  const select = (
    name: string,
    value: string,
    options: readonly string[],
    label: (option: string) => string,
  ) => (
    <label className="field field-inline">
      <span>{t(`cases.field.${name}`)}</span>
      <select
        name={name}
        value={value}
        onChange={(event) => setSearchParam(name, event.target.value)}
      >
        <option value="">{name === 'state' ? t('cases.queue.allOpen') : t('common.all')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {label(option)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="filters" data-testid="case-filters">
      {select('state', filter.state, CASE_STATES, (o) => t(`cases.state.${o}`))}
      {select('queue', filter.queue, CASE_QUEUES, (o) => t(`cases.queueName.${o}`))}
      {select('severity', filter.severity, SEVERITIES, (o) => t(`cases.severity.${o}`))}
      <label className="field field-inline">
        <input
          type="checkbox"
          name="mine"
          checked={filter.mine}
          onChange={(event) => setSearchParam('mine', event.target.checked ? 'true' : '')}
        />
        <span>{t('cases.queue.mine')}</span>
      </label>
    </div>
  );
}

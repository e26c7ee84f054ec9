import { useState } from 'react';
import { useCan } from '../access/use-can.js';
import { useTranslation } from 'react-i18next';
import {
  BREAK_STATES,
  listBreaks,
  type BreakFilter,
  type BreakResolutionReply,
  type ReconBreak,
} from '../api/index.js';
import { BreakAgingChart } from '../components/break-aging-chart.js';
import {
  DateTime,
  EmptyRow,
  IdLink,
  MoneyText,
  Notice,
  ResourceView,
  Section,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { BreakResolveDialog, type BreakAction } from './reconciliation-break-dialog.js';
import { ReconStateBadge } from './reconciliation-matches-table.js';
import { ReconciliationHeader } from './reconciliation-tabs.js';

const ALL_STATES = 'all';

/** The state filter in the URL: absent means "unresolved", `all` means no filter. */
function breakFilter(param: string): BreakFilter {
  if (param === ALL_STATES) return '';
  return (BREAK_STATES as readonly string[]).includes(param)
    ? (param as BreakFilter)
    : 'unresolved';
}

/** Breaks: unmatched items with their age, owner and state; the aging chart; resolutions. */
export function ReconciliationBreaksPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const stateParam = useSearchParam('state');
  const filter = breakFilter(stateParam);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [acting, setActing] = useState<{ target: ReconBreak; action: BreakAction } | null>(null);
  const unresolved = useResource(
    (signal) => listBreaks(platformId, 'unresolved', signal),
    `${platformId}|${version}`,
  );
  const listed = useResource(
    (signal) => listBreaks(platformId, filter, signal),
    `${platformId}|${filter}|${version}`,
  );

  const onResolved = (action: BreakAction, reply: BreakResolutionReply) => {
    setActing(null);
    setNotice(
      reply.approvalId === undefined
        ? `recon.resolve.${action}Done`
        : 'recon.resolve.adjustAwaiting',
    );
    setVersion((value) => value + 1);
  };

  return (
    <>
      <ReconciliationHeader subtitleKey="recon.breaksSubtitle" />
      {notice === null ? null : <Notice>{t(notice)}</Notice>}
      <Section title={t('recon.aging.title')} testId="aging-section">
        <div className="card" style={{ maxWidth: 560 }}>
          <ResourceView resource={unresolved}>
            {(page) => (
              <>
                <BreakAgingChart ages={page.items.map((item) => item.ageDays)} />
                <p className="small muted" style={{ margin: '6px 0 0' }}>
                  {t('recon.aging.caption', { count: page.items.length })}
                </p>
              </>
            )}
          </ResourceView>
        </div>
      </Section>
      <Section title={t('recon.breaks.title')} testId="breaks-section">
        <div className="filters">
          <label className="field field-inline">
            <span>{t('recon.breaks.state')}</span>
            <select
              name="breakState"
              value={stateParam === '' ? 'unresolved' : stateParam}
              onChange={(event) =>
                setSearchParam(
                  'state',
                  event.target.value === 'unresolved' ? '' : event.target.value,
                )
              }
            >
              <option value="unresolved">{t('recon.breaks.unresolved')}</option>
              {BREAK_STATES.map((state) => (
                <option key={state} value={state}>
                  {t(`recon.state.${state}`)}
                </option>
              ))}
              <option value={ALL_STATES}>{t('common.all')}</option>
            </select>
          </label>
        </div>
        <ResourceView resource={listed}>
          {(page) => (
            <BreaksTable
              breaks={page.items}
              onAct={(target, action) => setActing({ target, action })}
            />
          )}
        </ResourceView>
      </Section>
      {acting === null ? null : (
        <BreakResolveDialog
          platformId={platformId}
          target={acting.target}
          action={acting.action}
          candidates={
            unresolved.state.status === 'ready'
              ? unresolved.state.data.items.filter(
                  (item) =>
                    item.side !== acting.target.side &&
                    item.amount.currency === acting.target.amount.currency,
                )
              : []
          }
          onClose={() => setActing(null)}
          onDone={(reply) => onResolved(acting.action, reply)}
        />
      )}
    </>
  );
}

function BreaksTable({
  breaks,
  onAct,
}: {
  breaks: ReconBreak[];
  onAct: (target: ReconBreak, action: BreakAction) => void;
}) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="breaks-table">
      <thead>
        <tr>
          <th>{t('recon.breaks.side')}</th>
          <th>{t('recon.breaks.item')}</th>
          <th className="cell-amount">{t('recon.unmatched.amount')}</th>
          <th>{t('recon.breaks.itemDate')}</th>
          <th className="cell-amount">{t('recon.breaks.age')}</th>
          <th>{t('recon.breaks.state')}</th>
          <th>{t('recon.breaks.owner')}</th>
          <th>{t('recon.breaks.details')}</th>
          <th className="cell-actions">{t('common.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {breaks.length === 0 ? <EmptyRow columns={9} text={t('recon.breaks.empty')} /> : null}
        {breaks.map((item) => (
          <BreakRow key={item.id} item={item} onAct={onAct} />
        ))}
      </tbody>
    </table>
  );
}

function BreakRow({
  item,
  onAct,
}: {
  item: ReconBreak;
  onAct: (target: ReconBreak, action: BreakAction) => void;
}) {
  const { t } = useTranslation();
  const mayWrite = useCan()('recon.write');
  const settled = item.state === 'resolved' || item.state === 'awaiting_approval' || !mayWrite;
  return (
    <tr data-break-id={item.id} data-break-side={item.side} data-break-state={item.state}>
      <td>{t(`recon.side.${item.side}`)}</td>
      <td>
        <code className="id">{item.itemId}</code>
      </td>
      <td className="cell-amount">
        <MoneyText value={item.amount} />
      </td>
      <td className="nowrap">{item.itemDate}</td>
      <td className="cell-amount" data-age-days={item.ageDays}>
        {t('recon.breaks.ageDays', { count: item.ageDays })}
      </td>
      <td>
        <ReconStateBadge state={item.state} />
        {item.state === 'awaiting_approval' ? (
          <div className="small muted">{t('recon.breaks.awaitingSecondPerson')}</div>
        ) : null}
        {item.resolution === null ? null : (
          <div className="small muted">
            {t(`recon.resolution.${item.resolution}`, { defaultValue: item.resolution })}
          </div>
        )}
      </td>
      <td>
        <IdLink id={item.owner} compact />
      </td>
      <td className="cell-wrap">
        {item.reference === null ? null : <div>{item.reference}</div>}
        {item.note === null ? null : <div className="small muted">{item.note}</div>}
        {item.approvalId === null ? null : (
          <div className="small">
            {t('recon.breaks.approval')}{' '}
            <IdLink id={item.approvalId} compact to={consolePaths.approvals} />
          </div>
        )}
        <div className="small muted">
          {t('recon.breaks.openedAt')} <DateTime value={item.openedAt} />
        </div>
      </td>
      <td className="cell-actions">
        {settled ? null : (
          <div
            className="row-actions"
            style={{ flexWrap: 'wrap', justifyContent: 'flex-end', maxWidth: 230 }}
          >
            <button
              type="button"
              className="button button-small"
              onClick={() => onAct(item, 'link')}
            >
              {t('recon.resolve.link')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => onAct(item, 'suspense')}
            >
              {t('recon.resolve.suspense')}
            </button>
            <button
              type="button"
              className="button button-small button-primary"
              onClick={() => onAct(item, 'adjust')}
            >
              {t('recon.resolve.adjust')}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}

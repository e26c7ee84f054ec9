import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReconMatch } from '../api/index.js';
import { EmptyRow, MoneyText } from '../components/index.js';

/** Item ids as short monospace chips: bank line ids and journal entry ids are numbers. */
export function ItemIds({ ids }: { ids: string[] }) {
  if (ids.length === 0) return <span className="muted">—</span>;
  return <code className="id">{ids.join(', ')}</code>;
}

/**
 * Matches (proposed by a dry run, or stored) with both sums and the difference. `actions`
 * renders the per-row buttons (confirm / reject) where they apply.
 */
export function ReconciliationMatchesTable({
  matches,
  testId,
  emptyText,
  actions,
}: {
  matches: ReconMatch[];
  testId: string;
  emptyText: string;
  actions?: (match: ReconMatch) => ReactNode;
}) {
  const { t } = useTranslation();
  const columns = actions === undefined ? 7 : 8;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>{t('recon.matches.rule')}</th>
          <th>{t('common.status')}</th>
          <th>{t('recon.matches.bankItems')}</th>
          <th className="cell-amount">{t('recon.matches.bankSum')}</th>
          <th>{t('recon.matches.bookItems')}</th>
          <th className="cell-amount">{t('recon.matches.bookSum')}</th>
          <th className="cell-amount">{t('recon.matches.difference')}</th>
          {actions === undefined ? null : <th className="cell-actions">{t('common.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {matches.length === 0 ? <EmptyRow columns={columns} text={emptyText} /> : null}
        {matches.map((match) => (
          <tr key={match.id} data-match-id={match.id} data-match-state={match.state}>
            <td>
              {match.ruleName}
              <div className="small muted">
                {t(`recon.strategy.${match.strategy}`, { defaultValue: match.strategy })}
              </div>
            </td>
            <td>
              <ReconStateBadge state={match.state} />
            </td>
            <td>
              <ItemIds ids={match.bankItemIds} />
            </td>
            <td className="cell-amount">
              <MoneyText value={match.bankSum} />
            </td>
            <td>
              <ItemIds ids={match.bookItemIds} />
            </td>
            <td className="cell-amount">
              <MoneyText value={match.bookSum} />
            </td>
            <td className="cell-amount">
              <MoneyText value={match.difference} />
            </td>
            {actions === undefined ? null : <td className="cell-actions">{actions(match)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Badge colours for match and break states, reusing the console's badge palette. */
const STATE_BADGE: Readonly<Record<string, string>> = {
  suggested: 'badge-pending',
  open: 'badge-open',
  awaiting_approval: 'badge-pending',
  confirmed: 'badge-approved',
  resolved: 'badge-approved',
  ok: 'badge-approved',
  rejected: 'badge-rejected',
};

const ALERT_STATES = new Set(['escalated', 'shortfall', 'critical']);

/** A match, break or check state as a coloured label (`recon.state.*`). */
export function ReconStateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  const alert = ALERT_STATES.has(state);
  return (
    <span
      className={`badge ${STATE_BADGE[state] ?? ''}`}
      data-state={state}
      style={
        alert ? { background: 'var(--color-danger-bg)', color: 'var(--color-danger)' } : undefined
      }
    >
      {t(`recon.state.${state}`, { defaultValue: state })}
    </span>
  );
}

import { useTranslation } from 'react-i18next';
import type { JournalTransfer } from '../api/index.js';
import { DateTime, EmptyRow, IdLink, MoneyText } from '../components/index.js';
import { consolePaths } from '../console-paths.js';

/** The journal entries an instruction wrote: one row per movement of counters. */
export function JournalTable({ transfers }: { transfers: JournalTransfer[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="journal-table">
      <thead>
        <tr>
          <th>{t('common.id')}</th>
          <th>{t('statement.phase')}</th>
          <th>{t('instructions.debitAccount')}</th>
          <th>{t('instructions.creditAccount')}</th>
          <th className="cell-amount">{t('instructions.amount')}</th>
          <th>{t('statement.at')}</th>
        </tr>
      </thead>
      <tbody>
        {transfers.length === 0 ? (
          <EmptyRow columns={6} text={t('instructions.noTransfers')} />
        ) : null}
        {transfers.map((transfer) => (
          <tr key={transfer.id}>
            <td>
              <IdLink id={transfer.id} />
            </td>
            <td>{t(`phase.${transfer.phase}`, { defaultValue: transfer.phase })}</td>
            <td>
              <IdLink
                id={transfer.debitAccountId}
                compact
                to={consolePaths.account(transfer.debitAccountId)}
              />
            </td>
            <td>
              <IdLink
                id={transfer.creditAccountId}
                compact
                to={consolePaths.account(transfer.creditAccountId)}
              />
            </td>
            <td className="cell-amount">
              <MoneyText value={transfer.amount} />
            </td>
            <td>
              <DateTime value={transfer.at} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

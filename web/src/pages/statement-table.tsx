import { useTranslation } from 'react-i18next';
import type { StatementLine } from '../api/index.js';
import { DateTime, EmptyRow, IdLink, MoneyText } from '../components/index.js';
import { consolePaths } from '../console-paths.js';

/** Journal lines of one account with the balance after each, debits and credits apart. */
export function StatementTable({ lines }: { lines: StatementLine[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="statement-table">
      <thead>
        <tr>
          <th>{t('statement.at')}</th>
          <th>{t('statement.instruction')}</th>
          <th>{t('statement.phase')}</th>
          <th>{t('statement.counterparty')}</th>
          <th className="cell-amount">{t('statement.debit')}</th>
          <th className="cell-amount">{t('statement.credit')}</th>
          <th className="cell-amount">{t('statement.runningBalance')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? <EmptyRow columns={7} text={t('statement.empty')} /> : null}
        {lines.map((line) => (
          <tr key={line.transferId} data-transfer-id={line.transferId}>
            <td>
              <DateTime value={line.at} />
            </td>
            <td>
              <IdLink
                id={line.instructionId}
                compact
                to={consolePaths.instruction(line.instructionId)}
              />
            </td>
            <td>{t(`phase.${line.phase}`, { defaultValue: line.phase })}</td>
            <td>
              <IdLink
                id={line.counterpartyAccountId}
                compact
                to={consolePaths.account(line.counterpartyAccountId)}
              />
            </td>
            <td className="cell-amount">
              {line.direction === 'debit' ? <MoneyText value={line.amount} hideCurrency /> : null}
            </td>
            <td className="cell-amount">
              {line.direction === 'credit' ? <MoneyText value={line.amount} hideCurrency /> : null}
            </td>
            <td className="cell-amount cell-strong" data-balance="running">
              <MoneyText value={line.runningBalance} hideCurrency />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

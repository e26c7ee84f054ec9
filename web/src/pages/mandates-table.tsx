import { useTranslation } from 'react-i18next';
import type { Mandate } from '../api/index.js';
import { DateTime, EmptyRow, IdLink, MoneyText, StatusBadge } from '../components/index.js';
import { consolePaths } from '../console-paths.js';

/** Standing authorizations the customer signed: payee, limits and validity window. */
export function MandatesTable({ mandates }: { mandates: Mandate[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="mandates-table">
      <thead>
        <tr>
          <th>{t('mandates.purpose')}</th>
          <th>{t('mandates.payer')}</th>
          <th>{t('mandates.payee')}</th>
          <th className="cell-amount">{t('mandates.perInstructionMax')}</th>
          <th className="cell-amount">{t('mandates.perPeriodMax')}</th>
          <th>{t('mandates.validity')}</th>
          <th>{t('common.status')}</th>
        </tr>
      </thead>
      <tbody>
        {mandates.length === 0 ? <EmptyRow columns={7} text={t('mandates.empty')} /> : null}
        {mandates.map((mandate) => (
          <tr key={mandate.id}>
            <td className="cell-wrap">{mandate.purpose}</td>
            <td>
              <IdLink
                id={mandate.payerAccountId}
                compact
                to={consolePaths.account(mandate.payerAccountId)}
              />
            </td>
            <td>
              <IdLink
                id={mandate.payeeAccountId}
                compact
                to={consolePaths.account(mandate.payeeAccountId)}
              />
            </td>
            <td className="cell-amount">
              <MoneyText value={mandate.perInstructionMax} />
            </td>
            <td className="cell-amount">
              <MoneyText value={mandate.perPeriodMax} />
              <div className="muted small">
                {t('mandates.periodDays', { count: mandate.periodDays })}
              </div>
            </td>
            <td className="nowrap">
              <DateTime value={mandate.validFrom} /> – <DateTime value={mandate.validUntil} />
            </td>
            <td>
              <StatusBadge status={mandate.revokedAt === null ? 'active' : 'revoked'} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useTranslation } from 'react-i18next';
import type { Account } from '../api/index.js';
import { EmptyRow, IdLink, MoneyText } from '../components/index.js';
import { consolePaths } from '../console-paths.js';

/** Accounts with their three balances; shared by the accounts list and the customer page. */
export function AccountsTable({
  accounts,
  showCustomer,
}: {
  accounts: Account[];
  showCustomer: boolean;
}) {
  const { t } = useTranslation();
  const columns = showCustomer ? 7 : 6;
  return (
    <table className="table" data-testid="accounts-table">
      <thead>
        <tr>
          <th>{t('common.id')}</th>
          <th>{t('accounts.type')}</th>
          {showCustomer ? <th>{t('accounts.customer')}</th> : null}
          <th>{t('accounts.currency')}</th>
          <th className="cell-amount">{t('balance.posted')}</th>
          <th className="cell-amount">{t('balance.pending')}</th>
          <th className="cell-amount">{t('balance.available')}</th>
        </tr>
      </thead>
      <tbody>
        {accounts.length === 0 ? <EmptyRow columns={columns} text={t('accounts.empty')} /> : null}
        {accounts.map((account) => (
          <tr key={account.id} data-account-id={account.id}>
            <td>
              <IdLink id={account.id} to={consolePaths.account(account.id)} />
            </td>
            <td>{t(`accountType.${account.type}`, { defaultValue: account.type })}</td>
            {showCustomer ? (
              <td>
                <IdLink
                  id={account.customerId}
                  to={
                    account.customerId === null
                      ? undefined
                      : consolePaths.customer(account.customerId)
                  }
                />
              </td>
            ) : null}
            <td>{account.currency}</td>
            <td className="cell-amount" data-balance="posted">
              <MoneyText value={account.balance.posted} hideCurrency />
            </td>
            <td className="cell-amount" data-balance="pending">
              <MoneyText value={account.balance.pending} hideCurrency />
            </td>
            <td className="cell-amount" data-balance="available">
              <MoneyText value={account.balance.available} hideCurrency />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

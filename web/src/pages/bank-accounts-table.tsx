import { useTranslation } from 'react-i18next';
import type { BankAccount } from '../api/index.js';
import { EmptyRow, IdLink } from '../components/index.js';

/** The customer's own bank accounts; the server only ever sends masked numbers. */
export function BankAccountsTable({ bankAccounts }: { bankAccounts: BankAccount[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="bank-accounts-table">
      <thead>
        <tr>
          <th>{t('bankAccounts.bankName')}</th>
          <th>{t('bankAccounts.number')}</th>
          <th>{t('accounts.currency')}</th>
          <th>{t('common.id')}</th>
        </tr>
      </thead>
      <tbody>
        {bankAccounts.length === 0 ? <EmptyRow columns={4} text={t('bankAccounts.empty')} /> : null}
        {bankAccounts.map((bank) => (
          <tr key={bank.id}>
            <td>{bank.bankName}</td>
            <td>
              <code className="masked">{bank.maskedNumber}</code>
            </td>
            <td>{bank.currency}</td>
            <td>
              <IdLink id={bank.id} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

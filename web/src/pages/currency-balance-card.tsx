import { useTranslation } from 'react-i18next';
import type { CurrencyBalance } from '../api/index.js';
import { EmptyRow, MoneyText } from '../components/index.js';
import { exponentOf, groupDigits, minorToDecimal } from '../format/index.js';

/** One currency of the trial balance: the balanced check, totals, and balances by type. */
export function CurrencyBalanceCard({ balance }: { balance: CurrencyBalance }) {
  const { t } = useTranslation();
  const sample = balance.byType[0]?.posted.amount;
  const total = (minor: string) =>
    sample === undefined ? minor : groupDigits(minorToDecimal(minor, exponentOf(sample)));
  return (
    <section
      className="card"
      data-currency={balance.currency}
      data-balanced={balance.balanced ? 'true' : 'false'}
    >
      <header className="card-header">
        <h2>{balance.currency}</h2>
        {balance.balanced ? (
          <span className="check check-ok" role="img" aria-label={t('balances.balanced')}>
            <span aria-hidden="true">✓</span> {t('balances.balanced')}
          </span>
        ) : (
          <span className="check check-bad" role="img" aria-label={t('balances.unbalanced')}>
            <span aria-hidden="true">✗</span> {t('balances.unbalanced')}
          </span>
        )}
      </header>
      <dl className="totals">
        <div>
          <dt>{t('balances.totalDebits')}</dt>
          <dd className="money">{total(balance.debitsMinor)}</dd>
        </div>
        <div>
          <dt>{t('balances.totalCredits')}</dt>
          <dd className="money">{total(balance.creditsMinor)}</dd>
        </div>
      </dl>
      <table className="table">
        <thead>
          <tr>
            <th>{t('accounts.type')}</th>
            <th className="cell-amount">{t('balances.accounts')}</th>
            <th className="cell-amount">{t('balance.posted')}</th>
            <th className="cell-amount">{t('balance.pending')}</th>
          </tr>
        </thead>
        <tbody>
          {balance.byType.length === 0 ? <EmptyRow columns={4} text={t('accounts.empty')} /> : null}
          {balance.byType.map((row) => (
            <tr key={row.type} data-account-type={row.type}>
              <td>{t(`accountType.${row.type}`, { defaultValue: row.type })}</td>
              <td className="cell-amount money">{row.accounts}</td>
              <td className="cell-amount">
                <MoneyText value={row.posted} hideCurrency />
              </td>
              <td className="cell-amount">
                <MoneyText value={row.pending} hideCurrency />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

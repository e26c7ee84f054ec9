import { useTranslation } from 'react-i18next';
import { formatMinor } from './custody-money.js';
import type { CustodyTotals } from './monitoring-types.js';

function Amount({ minor, currency }: { minor: string; currency: string }) {
  const negative = minor.startsWith('-');
  return (
    <span className={negative ? 'money money-negative' : 'money'} title={`${minor} minor`}>
      {formatMinor(minor, currency)}
      <span className="money-currency">{currency}</span>
    </span>
  );
}

/** Customer funds in custody, the risk reserve and the custody bank account, per currency. */
export function CustodyCards({ balances }: { balances: CustodyTotals[] }) {
  const { t } = useTranslation();
  if (balances.length === 0) return <p className="muted">{t('monitoring.funds.none')}</p>;
  return (
    <div className="card-grid monitoring-funds">
      {balances.map((row) => (
        <div className="card" key={row.currency} data-currency={row.currency}>
          <div className="card-header">
            <h2>{row.currency}</h2>
          </div>
          <dl className="totals monitoring-totals">
            <div data-total="custody">
              <dt>{t('monitoring.funds.custody')}</dt>
              <dd>
                <Amount minor={row.custodyMinor} currency={row.currency} />
              </dd>
            </div>
            <div data-total="reserve">
              <dt>{t('monitoring.funds.reserve')}</dt>
              <dd>
                <Amount minor={row.reserveMinor} currency={row.currency} />
              </dd>
            </div>
            <div data-total="bank">
              <dt>{t('monitoring.funds.bank')}</dt>
              <dd>
                <Amount minor={row.bankMinor} currency={row.currency} />
              </dd>
            </div>
          </dl>
        </div>
      ))}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { MoneyText, ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { getPortalAccounts } from './portal-endpoints.js';

/** The customer's accounts: posted, held and available balances per currency. */
export function BalancesSection() {
  const { t } = useTranslation();
  const accounts = useResource((signal) => getPortalAccounts(signal), 'accounts');
  return (
    <section>
      <h1>{t('portal.balances.title')}</h1>
      <ResourceView resource={accounts}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('portal.balances.empty')}</p>
          ) : (
            <div className="portal-cards">
              {data.items.map((account) => (
                <article key={account.id} className="portal-card" data-testid="portal-balance">
                  <header>
                    <strong>{account.currency}</strong>
                    <code className="id">{account.id}</code>
                  </header>
                  <p className="portal-balance-main">
                    <MoneyText value={account.balance.available} />
                  </p>
                  <dl className="portal-facts">
                    <dt>{t('portal.balances.posted')}</dt>
                    <dd>
                      <MoneyText value={account.balance.posted} />
                    </dd>
                    <dt>{t('portal.balances.pending')}</dt>
                    <dd>
                      <MoneyText value={account.balance.pending} />
                    </dd>
                  </dl>
                </article>
              ))}
            </div>
          )
        }
      </ResourceView>
    </section>
  );
}

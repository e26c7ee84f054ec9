import { useTranslation } from 'react-i18next';
import { getTrialBalance } from '../api/index.js';
import { PageHeader, ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';
import { CurrencyBalanceCard } from './currency-balance-card.js';

/** The trial balance: per currency, debits must equal credits. */
export function BalancesPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const balances = useResource((signal) => getTrialBalance(platformId, signal), platformId);
  return (
    <>
      <PageHeader title={t('balances.title')} subtitle={t('balances.subtitle')} />
      <ResourceView resource={balances}>
        {(data) =>
          data.currencies.length === 0 ? (
            <p className="muted">{t('balances.empty')}</p>
          ) : (
            <div className="card-grid">
              {data.currencies.map((balance) => (
                <CurrencyBalanceCard key={balance.currency} balance={balance} />
              ))}
            </div>
          )
        }
      </ResourceView>
    </>
  );
}

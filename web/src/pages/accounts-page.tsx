import { useTranslation } from 'react-i18next';
import { listAccounts } from '../api/index.js';
import { PageHeader, Pager, ResourceView } from '../components/index.js';
import { useCursorPager } from '../hooks/use-cursor-pager.js';
import { useResource } from '../hooks/use-resource.js';
import { useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { AccountsFilterBar } from './accounts-filter.js';
import { AccountsTable } from './accounts-table.js';

/** Every account of the platform with its balances, filtered by type and currency. */
export function AccountsPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const filter = { type: useSearchParam('type'), currency: useSearchParam('currency') };
  const filterKey = `${platformId}|${filter.type}|${filter.currency}`;
  const pager = useCursorPager(filterKey);
  const accounts = useResource(
    (signal) => listAccounts(platformId, filter, pager.cursor, signal),
    `${filterKey}|${pager.cursor}`,
  );
  return (
    <>
      <PageHeader title={t('accounts.title')} subtitle={t('accounts.subtitle')} />
      <AccountsFilterBar key={filter.currency} filter={filter} />
      <ResourceView resource={accounts}>
        {(page) => (
          <>
            <AccountsTable accounts={page.items} showCustomer />
            <Pager pager={pager} nextCursor={page.nextCursor} />
          </>
        )}
      </ResourceView>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { getCustomer } from '../api/index.js';
import {
  DateTime,
  FactList,
  IdLink,
  PageHeader,
  ResourceView,
  Section,
  StatusBadge,
} from '../components/index.js';
import { useCan } from '../access/use-can.js';
import { CustomerRetentionHold } from '../compliance/customer-retention-hold.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { AccountsTable } from './accounts-table.js';
import { BankAccountsTable } from './bank-accounts-table.js';
import { CustomerKeysTable } from './customer-keys-table.js';
import { MandatesTable } from './mandates-table.js';

/**
 * One customer: identity, accounts with balances, keys, bank accounts and mandates, and for
 * compliance readers whether a retention hold keeps the customer's records.
 */
export function CustomerDetailPage({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayReadCompliance = useCan()('compliance.read');
  const customer = useResource(
    (signal) => getCustomer(platformId, customerId, signal),
    `${platformId}|${customerId}`,
  );
  return (
    <>
      <p className="breadcrumb">
        <Link to={consolePaths.customers}>{t('customers.title')}</Link> /
      </p>
      <ResourceView resource={customer}>
        {(detail) => (
          <>
            <PageHeader
              title={detail.displayName}
              actions={<StatusBadge status={detail.status} />}
            />
            <FactList
              facts={[
                { label: t('common.id'), value: <IdLink id={detail.id} /> },
                { label: t('customers.externalRef'), value: <code>{detail.externalRef}</code> },
                {
                  label: t('customers.kind'),
                  value: t(`customerKind.${detail.kind}`, { defaultValue: detail.kind }),
                },
                { label: t('common.createdAt'), value: <DateTime value={detail.createdAt} /> },
              ]}
            />
            <Section title={t('customers.accounts')} count={detail.accounts.length}>
              <AccountsTable accounts={detail.accounts} showCustomer={false} />
            </Section>
            <Section title={t('customers.keys')} count={detail.keys.length}>
              <CustomerKeysTable keys={detail.keys} />
            </Section>
            <Section title={t('customers.bankAccounts')} count={detail.bankAccounts.length}>
              <BankAccountsTable bankAccounts={detail.bankAccounts} />
            </Section>
            <Section title={t('customers.mandates')} count={detail.mandates.length}>
              <MandatesTable mandates={detail.mandates} />
            </Section>
            {mayReadCompliance ? (
              <CustomerRetentionHold platformId={platformId} customerId={detail.id} />
            ) : null}
          </>
        )}
      </ResourceView>
    </>
  );
}

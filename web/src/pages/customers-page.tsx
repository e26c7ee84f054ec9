import { useTranslation } from 'react-i18next';
import { listCustomers } from '../api/index.js';
import {
  DateTime,
  EmptyRow,
  IdLink,
  PageHeader,
  Pager,
  ResourceView,
  StatusBadge,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useCursorPager } from '../hooks/use-cursor-pager.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';

/** The platform's customers, newest first, fifty a page. */
export function CustomersPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const pager = useCursorPager(platformId);
  const customers = useResource(
    (signal) => listCustomers(platformId, pager.cursor, signal),
    `${platformId}|${pager.cursor}`,
  );
  return (
    <>
      <PageHeader title={t('customers.title')} subtitle={t('customers.subtitle')} />
      <ResourceView resource={customers}>
        {(page) => (
          <>
            <table className="table" data-testid="customers-table">
              <thead>
                <tr>
                  <th>{t('customers.displayName')}</th>
                  <th>{t('customers.externalRef')}</th>
                  <th>{t('customers.kind')}</th>
                  <th>{t('common.status')}</th>
                  <th>{t('common.createdAt')}</th>
                  <th>{t('common.id')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.length === 0 ? (
                  <EmptyRow columns={6} text={t('customers.empty')} />
                ) : null}
                {page.items.map((customer) => (
                  <tr key={customer.id} data-customer-id={customer.id}>
                    <td>
                      <Link to={consolePaths.customer(customer.id)}>{customer.displayName}</Link>
                    </td>
                    <td>
                      <code>{customer.externalRef}</code>
                    </td>
                    <td>{t(`customerKind.${customer.kind}`, { defaultValue: customer.kind })}</td>
                    <td>
                      <StatusBadge status={customer.status} />
                    </td>
                    <td>
                      <DateTime value={customer.createdAt} />
                    </td>
                    <td>
                      <IdLink id={customer.id} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pager pager={pager} nextCursor={page.nextCursor} />
          </>
        )}
      </ResourceView>
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { getStatement, type Account } from '../api/index.js';
import {
  DateTime,
  FactList,
  IdLink,
  MoneyText,
  PageHeader,
  Pager,
  ResourceView,
  Section,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useCursorPager } from '../hooks/use-cursor-pager.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { StatementTable } from './statement-table.js';

/** One account: its balances, then its statement with a running balance. */
export function AccountDetailPage({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const pager = useCursorPager(`${platformId}|${accountId}`);
  const statement = useResource(
    (signal) => getStatement(platformId, accountId, pager.cursor, signal),
    `${platformId}|${accountId}|${pager.cursor}`,
  );
  return (
    <>
      <p className="breadcrumb">
        <Link to={consolePaths.accounts}>{t('accounts.title')}</Link> /
      </p>
      <ResourceView resource={statement}>
        {(data) => (
          <>
            <PageHeader
              title={t('accounts.detailTitle', { id: data.account.id })}
              subtitle={t(`accountType.${data.account.type}`, { defaultValue: data.account.type })}
            />
            <AccountFacts account={data.account} />
            <Section title={t('statement.title')}>
              <StatementTable lines={data.items} />
              <Pager pager={pager} nextCursor={data.nextCursor} />
            </Section>
          </>
        )}
      </ResourceView>
    </>
  );
}

function AccountFacts({ account }: { account: Account }) {
  const { t } = useTranslation();
  const customer =
    account.customerId === null ? null : (
      <IdLink id={account.customerId} to={consolePaths.customer(account.customerId)} />
    );
  return (
    <FactList
      facts={[
        { label: t('accounts.currency'), value: account.currency },
        { label: t('accounts.customer'), value: customer ?? <span className="muted">—</span> },
        { label: t('balance.posted'), value: <MoneyText value={account.balance.posted} /> },
        { label: t('balance.pending'), value: <MoneyText value={account.balance.pending} /> },
        { label: t('balance.available'), value: <MoneyText value={account.balance.available} /> },
        { label: t('common.createdAt'), value: <DateTime value={account.createdAt} /> },
      ]}
    />
  );
}

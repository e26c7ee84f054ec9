import { useTranslation } from 'react-i18next';
import type { CustomerKey } from '../api/index.js';
import { DateTime, EmptyRow, IdLink, StatusBadge } from '../components/index.js';

/** The Ed25519 keys whose signatures authorize this customer's debits. */
export function CustomerKeysTable({ keys }: { keys: CustomerKey[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="keys-table">
      <thead>
        <tr>
          <th>{t('common.id')}</th>
          <th>{t('common.status')}</th>
          <th>{t('common.createdAt')}</th>
          <th>{t('keys.revokedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.length === 0 ? <EmptyRow columns={4} text={t('keys.empty')} /> : null}
        {keys.map((key) => (
          <tr key={key.id}>
            <td>
              <IdLink id={key.id} />
            </td>
            <td>
              <StatusBadge status={key.revokedAt === null ? 'active' : 'revoked'} />
            </td>
            <td>
              <DateTime value={key.createdAt} />
            </td>
            <td>
              <DateTime value={key.revokedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

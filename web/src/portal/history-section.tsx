import { useTranslation } from 'react-i18next';
import { DateTime, MoneyText, ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { getPaymentRequests } from './portal-endpoints.js';

/** Every payment request and what became of it: posted, declined, expired. */
export function HistorySection() {
  const { t } = useTranslation();
  const requests = useResource((signal) => getPaymentRequests('all', signal), 'all');
  return (
    <section>
      <h1>{t('portal.history.title')}</h1>
      <ResourceView resource={requests}>
        {(data) => (
          <table className="table" data-testid="portal-history">
            <thead>
              <tr>
                <th>{t('portal.history.created')}</th>
                <th>{t('portal.history.type')}</th>
                <th>{t('portal.pending.purpose')}</th>
                <th className="numeric">{t('portal.history.amount')}</th>
                <th>{t('portal.history.status')}</th>
                <th>{t('portal.history.instruction')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 ? (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('portal.history.empty')}
                  </td>
                </tr>
              ) : (
                data.items.map((request) => (
                  <tr key={request.id} data-status={request.status}>
                    <td>
                      <DateTime value={request.createdAt} />
                    </td>
                    <td>{t(`portal.types.${request.type}`, request.type)}</td>
                    <td>{request.purpose}</td>
                    <td className="numeric">
                      <MoneyText value={request.amount} />
                    </td>
                    <td>
                      <span className={`portal-status portal-status-${request.status}`}>
                        {t(`portal.status.${request.status}`, request.status)}
                      </span>
                    </td>
                    <td>
                      {request.instructionId === null ? (
                        '—'
                      ) : (
                        <code className="id">{request.instructionId}</code>
                      )}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        )}
      </ResourceView>
    </section>
  );
}

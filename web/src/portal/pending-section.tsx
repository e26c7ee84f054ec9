import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { DateTime, MoneyText, ProblemAlert, ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import {
  authorizeWithPasskey,
  declinePaymentRequest,
  getPaymentRequests,
} from './portal-endpoints.js';
import type { PaymentRequest } from './portal-types.js';

/**
 * Payment requests waiting for the customer: each shows exactly what the passkey will sign
 * (amount, payee, purpose, expiry); "Authorize with passkey" signs that and nothing else.
 */
export function PendingSection() {
  const { t } = useTranslation();
  const requests = useResource((signal) => getPaymentRequests('awaiting', signal), 'awaiting');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (request: PaymentRequest, action: 'authorize' | 'decline') => {
    setBusy(request.id);
    setProblem(null);
    setDone(null);
    try {
      if (action === 'authorize') {
        const result = await authorizeWithPasskey(request.id);
        setDone(t('portal.pending.authorized', { id: result.instructionId }));
      } else {
        await declinePaymentRequest(request.id);
        setDone(t('portal.pending.declined'));
      }
      requests.reload();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section>
      <h1>{t('portal.pending.title')}</h1>
      <p className="muted">{t('portal.pending.subtitle')}</p>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      {done === null ? null : (
        <p className="portal-done" role="status" data-testid="portal-done">
          {done}
        </p>
      )}
      <ResourceView resource={requests}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted" data-testid="portal-no-pending">
              {t('portal.pending.empty')}
            </p>
          ) : (
            <div className="portal-cards">
              {data.items.map((request) => (
                <article
                  key={request.id}
                  className="portal-card"
                  data-testid="portal-request"
                  data-request-id={request.id}
                >
                  <header>
                    <strong>{t(`portal.types.${request.type}`, request.type)}</strong>
                    <code className="id">{request.id}</code>
                  </header>
                  <p className="portal-balance-main">
                    <MoneyText value={request.amount} />
                  </p>
                  <dl className="portal-facts">
                    <dt>{t('portal.pending.purpose')}</dt>
                    <dd>{request.purpose}</dd>
                    <dt>{t('portal.pending.from')}</dt>
                    <dd>
                      <code className="id">{request.payerAccountId}</code>
                    </dd>
                    <dt>{t('portal.pending.to')}</dt>
                    <dd>
                      <code className="id">
                        {request.bankAccountId ??
                          request.payeeAccountId ??
                          t('portal.pending.fees')}
                      </code>
                    </dd>
                    <dt>{t('portal.pending.expires')}</dt>
                    <dd>
                      <DateTime value={request.expiresAt} />
                    </dd>
                  </dl>
                  <div className="portal-actions">
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={busy !== null}
                      data-testid="portal-authorize"
                      onClick={() => void act(request, 'authorize')}
                    >
                      {t('portal.pending.authorize')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={busy !== null}
                      onClick={() => void act(request, 'decline')}
                    >
                      {t('portal.pending.decline')}
                    </button>
                  </div>
                </article>
              ))}
            </div>
          )
        }
      </ResourceView>
    </section>
  );
}

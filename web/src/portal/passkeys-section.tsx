import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { DateTime, ProblemAlert, ResourceView } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { getPortalPasskeys, removePortalPasskey } from './portal-endpoints.js';
import type { PortalPasskey } from './portal-types.js';

/** Leading characters of a credential id shown in the list; the whole id is in the tooltip. */
const SHOWN_ID_LENGTH = 12;

function shownId(id: string): string {
  return id.length <= SHOWN_ID_LENGTH ? id : `${id.slice(0, SHOWN_ID_LENGTH)}…`;
}

/**
 * The customer's passkeys: when each was registered and last used, and "Remove" with a
 * confirm step. The last passkey cannot be removed (the server refuses it too): without one
 * the customer could not sign in again.
 */
export function PasskeysSection() {
  const { t } = useTranslation();
  const passkeys = useResource((signal) => getPortalPasskeys(signal), 'passkeys');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState(false);
  const remove = async (passkey: PortalPasskey) => {
    setBusy(true);
    setProblem(null);
    setDone(false);
    try {
      await removePortalPasskey(passkey.id);
      setDone(true);
      setConfirming(null);
      passkeys.reload();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section>
      <h1>{t('portal.passkeys.title')}</h1>
      <p className="muted">{t('portal.passkeys.subtitle')}</p>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      {done ? (
        <p className="portal-done" role="status" data-testid="portal-done">
          {t('portal.passkeys.removed')}
        </p>
      ) : null}
      <ResourceView resource={passkeys}>
        {(data) => {
          const onlyOne = data.items.length <= 1;
          return (
            <>
              <table className="table portal-passkeys" data-testid="portal-passkeys">
                <thead>
                  <tr>
                    <th>{t('portal.passkeys.passkey')}</th>
                    <th>{t('portal.passkeys.created')}</th>
                    <th>{t('portal.passkeys.lastUsed')}</th>
                    <th className="cell-actions">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((passkey) => (
                    <tr
                      key={passkey.id}
                      data-testid="portal-passkey"
                      data-credential-id={passkey.id}
                    >
                      <td>
                        <code className="id" title={passkey.id}>
                          {shownId(passkey.id)}
                        </code>
                      </td>
                      <td>
                        <DateTime value={passkey.createdAt} />
                      </td>
                      <td>
                        {passkey.lastUsedAt === null ? (
                          <span className="muted">{t('portal.passkeys.neverUsed')}</span>
                        ) : (
                          <DateTime value={passkey.lastUsedAt} />
                        )}
                      </td>
                      <td className="cell-actions">
                        {confirming === passkey.id ? (
                          <span className="portal-passkey-confirm" role="group">
                            <span>{t('portal.passkeys.confirm')}</span>
                            <button
                              type="button"
                              className="button button-small button-danger"
                              disabled={busy}
                              data-testid="portal-passkey-confirm"
                              onClick={() => void remove(passkey)}
                            >
                              {t('portal.passkeys.confirmRemove')}
                            </button>
                            <button
                              type="button"
                              className="button button-small"
                              disabled={busy}
                              onClick={() => setConfirming(null)}
                            >
                              {t('common.cancel')}
                            </button>
                          </span>
                        ) : (
                          <button
                            type="button"
                            className="button button-small"
                            disabled={busy || onlyOne}
                            title={onlyOne ? t('portal.passkeys.lastOne') : undefined}
                            data-testid="portal-passkey-remove"
                            onClick={() => {
                              setDone(false);
                              setProblem(null);
                              setConfirming(passkey.id);
                            }}
                          >
                            {t('portal.passkeys.remove')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {onlyOne ? (
                <p className="muted" data-testid="portal-passkeys-last">
                  {t('portal.passkeys.lastOne')}
                </p>
              ) : null}
            </>
          );
        }}
      </ResourceView>
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiKeyIsLive, apiKeyStatus } from '../access/staff-status.js';
import { listApiKeys, revokeApiKey, type ApiKeyInfo } from '../api/index.js';
import {
  DateTime,
  EmptyRow,
  IdLink,
  Notice,
  OneTimeSecret,
  PageHeader,
  ReasonAction,
  ResourceView,
  StatusBadge,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { RotateKeyDialog, type RotatedKey } from './rotate-key-dialog.js';

/**
 * Every principal's API keys (never the keys themselves, which are shown once when made).
 * Rotating makes a new key that works once a second person approves; revoking is immediate.
 */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const [rotated, setRotated] = useState<RotatedKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const keys = useResource((signal) => listApiKeys(null, signal), 'api-keys');
  return (
    <>
      <PageHeader title={t('apiKeys.title')} subtitle={t('apiKeys.subtitle')} />
      {rotated === null ? null : (
        <OneTimeSecret
          title={t('apiKeys.newKeyTitle', { name: rotated.principalName })}
          secret={rotated.apiKey}
          testId="new-api-key"
          onDismiss={() => setRotated(null)}
        >
          <p>
            {rotated.overlapHours === 0
              ? t('apiKeys.newKeyNextNoOverlap')
              : t('apiKeys.newKeyNext', { count: rotated.overlapHours })}{' '}
            <Link to={consolePaths.approvals}>{t('nav.approvals')}</Link>
          </p>
        </OneTimeSecret>
      )}
      {notice === null ? null : <Notice>{t(notice)}</Notice>}
      <ResourceView resource={keys}>
        {(data) => (
          <table className="table" data-testid="api-keys-table">
            <thead>
              <tr>
                <th>{t('apiKeys.principal')}</th>
                <th>{t('apiKeys.label')}</th>
                <th>{t('common.status')}</th>
                <th>{t('common.createdAt')}</th>
                <th>{t('apiKeys.activatedAt')}</th>
                <th>{t('apiKeys.expiresAt')}</th>
                <th className="cell-actions">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.length === 0 ? <EmptyRow columns={7} text={t('apiKeys.empty')} /> : null}
              {data.items.map((key) => (
                <ApiKeyRow
                  key={key.id}
                  apiKey={key}
                  onRotated={(result) => {
                    setNotice(null);
                    setRotated(result);
                    keys.reload();
                  }}
                  onRevoked={() => {
                    setNotice('apiKeys.revoked');
                    keys.reload();
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </ResourceView>
    </>
  );
}

function ApiKeyRow({
  apiKey,
  onRotated,
  onRevoked,
}: {
  apiKey: ApiKeyInfo;
  onRotated: (rotated: RotatedKey) => void;
  onRevoked: () => void;
}) {
  const { t } = useTranslation();
  const [rotating, setRotating] = useState(false);
  const live = apiKeyIsLive(apiKey);
  const status = apiKeyStatus(apiKey, Date.now());
  return (
    <tr data-key-id={apiKey.id} data-principal-id={apiKey.principalId}>
      <td>
        <strong>{apiKey.principalName}</strong>
        <div className="small muted">
          {t(`principalKind.${apiKey.principalKind}`, { defaultValue: apiKey.principalKind })}
          {apiKey.platformId === null ? null : (
            <>
              {' · '}
              <IdLink id={apiKey.platformId} compact />
            </>
          )}
        </div>
      </td>
      <td>
        {apiKey.label}
        <div>
          <IdLink id={apiKey.id} compact />
        </div>
      </td>
      <td>
        <StatusBadge status={status} />
      </td>
      <td>
        <DateTime value={apiKey.createdAt} />
      </td>
      <td>
        <DateTime value={apiKey.activatedAt} />
      </td>
      <td>
        <DateTime value={apiKey.revokedAt ?? apiKey.expiresAt} />
      </td>
      <td className="cell-actions">
        {live ? (
          <div className="row-actions">
            <button type="button" className="button button-small" onClick={() => setRotating(true)}>
              {t('apiKeys.rotate')}
            </button>
            <ReasonAction
              label={t('apiKeys.revoke')}
              title={t('apiKeys.revokeTitle', { label: apiKey.label })}
              description={t('apiKeys.revokeDescription')}
              confirmLabel={t('apiKeys.revoke')}
              tone="danger"
              onSubmit={(reason) => revokeApiKey(apiKey.id, { reason })}
              onDone={onRevoked}
            />
          </div>
        ) : null}
        {rotating ? (
          <RotateKeyDialog
            apiKey={apiKey}
            onClose={() => setRotating(false)}
            onRotated={(result) => {
              setRotating(false);
              onRotated(result);
            }}
          />
        ) : null}
      </td>
    </tr>
  );
}

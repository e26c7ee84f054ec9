import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../../api/index.js';
import { DateTime, ResourceView } from '../../components/index.js';
import { useResource } from '../../hooks/use-resource.js';
import { PrivacyAnswer } from './privacy-answer.js';
import { CorrectionForm } from './privacy-correction-form.js';
import { downloadMyExport, listMyPrivacyRequests, openPrivacyRequest } from './self-service-api.js';
import { SelfServiceProblem } from './self-service-problem.js';
import type { PortalPrivacyRequest, PrivacyKind } from './self-service-types.js';
import './self-service.css';

/** PIPL rights in the portal: a copy of my data, a correction, deletion; and their answers. */
export function PrivacySection() {
  const { t } = useTranslation();
  const requests = useResource((signal) => listMyPrivacyRequests(signal), 'my-privacy-requests');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [correcting, setCorrecting] = useState(false);

  const open = async (kind: PrivacyKind, correction?: Record<string, string>) => {
    if (kind === 'deletion' && !window.confirm(t('portalSelfService.privacy.confirmDeletion')))
      return;
    setBusy(true);
    setProblem(null);
    try {
      await openPrivacyRequest(kind, correction);
      setCorrecting(false);
      requests.reload();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>{t('portalSelfService.privacy.title')}</h1>
      <p className="muted">{t('portalSelfService.privacy.subtitle')}</p>
      <div className="portal-self-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="portal-privacy-export"
          disabled={busy}
          onClick={() => void open('export')}
        >
          {t('portalSelfService.privacy.askExport')}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => setCorrecting(!correcting)}
        >
          {t('portalSelfService.privacy.askCorrection')}
        </button>
        <button
          type="button"
          className="button button-danger"
          data-testid="portal-privacy-deletion"
          disabled={busy}
          onClick={() => void open('deletion')}
        >
          {t('portalSelfService.privacy.askDeletion')}
        </button>
      </div>
      {correcting ? (
        <CorrectionForm busy={busy} onSubmit={(fields) => void open('correction', fields)} />
      ) : null}
      {problem === null ? null : <SelfServiceProblem problem={problem} />}
      <h2>{t('portalSelfService.privacy.mine')}</h2>
      <ResourceView resource={requests}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('portalSelfService.privacy.none')}</p>
          ) : (
            <div className="portal-self-list" data-testid="portal-privacy-requests">
              {data.items.map((item) => (
                <RequestCard key={item.id} request={item} onChanged={requests.reload} />
              ))}
            </div>
          )
        }
      </ResourceView>
    </section>
  );
}

function RequestCard({
  request,
  onChanged,
}: {
  request: PortalPrivacyRequest;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  return (
    <article
      className="portal-card"
      data-testid="portal-privacy-request"
      data-request-kind={request.kind}
      data-request-state={request.state}
    >
      <header>
        <strong>{t(`portalSelfService.privacy.kinds.${request.kind}`)}</strong>
        <span className={`portal-self-state portal-self-state-${request.state}`}>
          {t(`portalSelfService.privacy.states.${request.state}`)}
          {request.overdue ? ` · ${t('portalSelfService.privacy.overdue')}` : ''}
        </span>
      </header>
      <dl className="portal-self-facts">
        <dt>{t('portalSelfService.privacy.askedAt')}</dt>
        <dd>
          <DateTime value={request.createdAt} />
        </dd>
        <dt>
          {request.closedAt === null
            ? t('portalSelfService.privacy.dueAt')
            : t('portalSelfService.privacy.closedAt')}
        </dt>
        <dd>
          <DateTime value={request.closedAt ?? request.dueAt} />
        </dd>
      </dl>
      {request.kind === 'export' ? (
        <ExportDownload request={request} onChanged={onChanged} />
      ) : null}
      <PrivacyAnswer request={request} />
    </article>
  );
}

/** The export can be downloaded once, while it is kept; afterwards the card says when it was. */
function ExportDownload({
  request,
  onChanged,
}: {
  request: PortalPrivacyRequest;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const file = request.export;
  if (request.state !== 'completed' || file === null)
    return request.state === 'received' ? (
      <p className="muted">{t('portalSelfService.privacy.preparing')}</p>
    ) : null;
  if (file.downloadedAt !== null)
    return (
      <p className="muted" data-testid="portal-export-downloaded">
        {t('portalSelfService.privacy.downloadedAt')} <DateTime value={file.downloadedAt} />
      </p>
    );
  if (!file.available) return <p className="muted">{t('portalSelfService.privacy.expired')}</p>;
  const download = async () => {
    setProblem(null);
    try {
      const blob = await downloadMyExport(request.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `my-data-${request.id}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setProblem(asApiProblem(error));
    }
    onChanged();
  };
  return (
    <div>
      <p className="muted">
        {t('portalSelfService.privacy.readyOnce', { kib: Math.ceil(file.bytes / 1024) })}
        {file.expiresAt === null ? null : (
          <>
            {' '}
            {t('portalSelfService.privacy.until')} <DateTime value={file.expiresAt} />
          </>
        )}
      </p>
      <button
        type="button"
        className="button button-primary"
        data-testid="portal-export-download"
        onClick={() => void download()}
      >
        {t('portalSelfService.privacy.download')}
      </button>
      <p className="muted portal-self-hash">
        SHA-256 <code>{file.sha256}</code>
      </p>
      {problem === null ? null : <SelfServiceProblem problem={problem} />}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { DateTime, ResourceView } from '../../components/index.js';
import { useResource } from '../../hooks/use-resource.js';
import { Link } from '../../router/index.js';
import { portalPaths } from '../portal-paths.js';
import { ComplaintState } from './complaints-section.js';
import { getMyComplaint } from './self-service-api.js';
import type { PortalComplaintDetail } from './self-service-types.js';
import './self-service.css';

/** One of my complaints: what I wrote, its deadlines, what happened when, and the answer. */
export function ComplaintDetail({ complaintId }: { complaintId: string }) {
  const { t } = useTranslation();
  const found = useResource(
    (signal) => getMyComplaint(complaintId, signal),
    `my-complaint-${complaintId}`,
  );
  return (
    <section data-testid="portal-complaint-detail">
      <p>
        <Link to={portalPaths.section('/complaints')}>
          ← {t('portalSelfService.complaints.back')}
        </Link>
      </p>
      <ResourceView resource={found}>{(data) => <DetailBody detail={data} />}</ResourceView>
    </section>
  );
}

function DetailBody({ detail }: { detail: PortalComplaintDetail }) {
  const { t } = useTranslation();
  const { complaint } = detail;
  return (
    <>
      <h1>{detail.subject ?? t('portalSelfService.complaints.erasedText')}</h1>
      <dl className="portal-self-facts">
        <dt>{t('portalSelfService.complaints.category')}</dt>
        <dd>{t(`portalSelfService.complaints.categories.${complaint.category}`)}</dd>
        <dt>{t('portalSelfService.complaints.state')}</dt>
        <dd>
          <ComplaintState complaint={complaint} />
        </dd>
        {complaint.freezeId === null ? null : (
          <>
            <dt>{t('portalSelfService.complaints.freezeId')}</dt>
            <dd>
              <code className="id">{complaint.freezeId}</code>
            </dd>
          </>
        )}
        <dt>{t('portalSelfService.complaints.lodgedAt')}</dt>
        <dd>
          <DateTime value={complaint.createdAt} />
        </dd>
        <dt>{t('portalSelfService.complaints.acknowledgeBy')}</dt>
        <dd>
          <DateTime value={complaint.acknowledgeDueAt} />
        </dd>
        <dt>{t('portalSelfService.complaints.answerBy')}</dt>
        <dd>
          <DateTime value={complaint.resolveDueAt} />
        </dd>
      </dl>
      {detail.description === null ? null : (
        <p className="portal-self-text">{detail.description}</p>
      )}
      {detail.outcome === null ? null : (
        <div className="portal-card" data-testid="portal-complaint-outcome">
          <h2>{t('portalSelfService.complaints.answer')}</h2>
          <p className="portal-self-text">{detail.outcome}</p>
        </div>
      )}
      <h2>{t('portalSelfService.complaints.timeline')}</h2>
      <ol className="portal-self-timeline" data-testid="portal-complaint-timeline">
        {detail.events.map((event, index) => (
          <li key={`${event.at}-${index}`}>
            <DateTime value={event.at} />{' '}
            <strong>
              {t(`portalSelfService.complaints.events.${event.kind}`, {
                defaultValue: event.kind,
              })}
            </strong>
            {event.text === null ? null : <p className="portal-self-text">{event.text}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}

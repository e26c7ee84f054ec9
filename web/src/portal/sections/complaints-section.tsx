import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime, ResourceView } from '../../components/index.js';
import { useResource } from '../../hooks/use-resource.js';
import { Link } from '../../router/index.js';
import { portalPaths } from '../portal-paths.js';
import { ComplaintForm } from './complaint-form.js';
import { listMyComplaints } from './self-service-api.js';
import type { LodgedComplaint, PortalComplaint } from './self-service-types.js';
import './self-service.css';

/** Lodge a complaint and follow my complaints: state, deadlines, a missed deadline flagged. */
export function ComplaintsSection() {
  const { t } = useTranslation();
  const complaints = useResource((signal) => listMyComplaints(signal), 'my-complaints');
  const [lodged, setLodged] = useState<LodgedComplaint | null>(null);
  return (
    <section>
      <h1>{t('portalSelfService.complaints.title')}</h1>
      <p className="muted">{t('portalSelfService.complaints.subtitle')}</p>
      <div className="portal-self-columns">
        <ComplaintForm
          onLodged={(done) => {
            setLodged(done);
            complaints.reload();
          }}
        />
        <div>
          {lodged === null ? null : (
            <p className="portal-self-done" role="status" data-testid="portal-complaint-lodged">
              {t('portalSelfService.complaints.lodged', { id: lodged.complaintId })}{' '}
              <DateTime value={lodged.resolveDueAt} />
            </p>
          )}
          <h2>{t('portalSelfService.complaints.mine')}</h2>
          <ResourceView resource={complaints}>
            {(data) => <ComplaintTable items={data.items} />}
          </ResourceView>
        </div>
      </div>
    </section>
  );
}

function ComplaintTable({ items }: { items: PortalComplaint[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('portalSelfService.complaints.none')}</p>;
  return (
    <table className="table" data-testid="portal-complaints">
      <thead>
        <tr>
          <th>{t('portalSelfService.complaints.lodgedAt')}</th>
          <th>{t('portalSelfService.complaints.category')}</th>
          <th>{t('portalSelfService.complaints.state')}</th>
          <th>{t('portalSelfService.complaints.answerBy')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-testid="portal-complaint-row" data-complaint-id={item.id}>
            <td>
              <Link to={portalPaths.section(`/complaints/${encodeURIComponent(item.id)}`)}>
                <DateTime value={item.createdAt} />
              </Link>
            </td>
            <td>{t(`portalSelfService.complaints.categories.${item.category}`)}</td>
            <td>
              <ComplaintState complaint={item} />
            </td>
            <td>{item.closedAt === null ? <DateTime value={item.resolveDueAt} /> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ComplaintState({ complaint }: { complaint: PortalComplaint }) {
  const { t } = useTranslation();
  return (
    <span className={`portal-self-state portal-self-state-${complaint.state}`}>
      {t(`portalSelfService.complaints.states.${complaint.state}`, {
        defaultValue: complaint.state,
      })}
      {complaint.overdue === null ? null : (
        <span className="portal-self-overdue"> · {t('portalSelfService.complaints.overdue')}</span>
      )}
    </span>
  );
}

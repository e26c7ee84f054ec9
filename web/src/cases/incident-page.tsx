import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import {
  DateTime,
  FactList,
  IdLink,
  Notice,
  PageHeader,
  ResourceView,
  Section,
} from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { CaseDialog, DialogButton } from './case-dialog.js';
import { casesPaths } from './cases-paths.js';
import { IncidentBadges } from './incident-badges.js';
import { closeIncident, getIncident } from './incident-endpoints.js';
import { IncidentReviewForm, IncidentReviewView } from './incident-review.js';
import { IncidentSteps } from './incident-steps.js';
import type { IncidentView } from './incident-types.js';
import { AssigneeName } from './principal-name.js';
import './cases.css';

/** One incident or drill: its steps in order, the post-incident review, and closing. */
export function IncidentPage({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const incident = useResource((signal) => getIncident(incidentId, signal), incidentId);
  const onActed = (key: string) => {
    setNotice(key);
    incident.reload();
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to={casesPaths.incidents}>{t('incidents.title')}</Link> /
      </p>
      {notice === null ? null : (
        <Notice>
          <span data-testid="incident-notice">{t(notice)}</span>
        </Notice>
      )}
      <ResourceView resource={incident}>
        {(view) => (
          <>
            <PageHeader
              title={view.title}
              subtitle={<IncidentBadges incident={view} />}
              actions={<CloseIncidentButton view={view} onActed={onActed} />}
            />
            <IncidentFacts view={view} />
            <Section title={t('incidents.steps')} count={view.steps.length} testId="incident-steps">
              <IncidentSteps view={view} onActed={onActed} />
            </Section>
            <Section title={t('incidents.review.title')} testId="incident-review">
              {view.review === null ? (
                <IncidentReviewForm view={view} onActed={onActed} />
              ) : (
                <IncidentReviewView review={view.review} />
              )}
            </Section>
          </>
        )}
      </ResourceView>
    </>
  );
}

function IncidentFacts({ view }: { view: IncidentView }) {
  const { t } = useTranslation();
  return (
    <FactList
      facts={[
        { label: t('incidents.field.type'), value: t(`incidents.type.${view.incidentType}`) },
        {
          label: t('incidents.field.severity'),
          value: t(`cases.severity.${view.severity}`, { defaultValue: view.severity }),
        },
        { label: t('incidents.field.summary'), value: view.summary },
        {
          label: t('incidents.field.case'),
          value: (
            <IdLink
              id={view.caseId}
              compact
              to={view.caseId === null ? undefined : casesPaths.case(view.caseId)}
            />
          ),
        },
        {
          label: t('incidents.field.openedBy'),
          value: <AssigneeName principalId={view.openedBy} />,
        },
        { label: t('incidents.field.openedAt'), value: <DateTime value={view.openedAt} /> },
        { label: t('incidents.field.closedAt'), value: <DateTime value={view.closedAt} /> },
      ]}
    />
  );
}

function CloseIncidentButton({
  view,
  onActed,
}: {
  view: IncidentView;
  onActed: (key: string) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  if (view.state === 'closed' || !can('incidents.manage')) return undefined;
  const pending = view.steps.filter((step) => step.status === 'pending').length;
  const ready = pending === 0 && view.review !== null;
  return (
    <DialogButton
      label={view.isDrill ? t('incidents.closeDrill') : t('incidents.close')}
      tone="primary"
      testId="action-close-incident"
      dialog={(close) => (
        <CaseDialog
          title={view.isDrill ? t('incidents.closeDrill') : t('incidents.close')}
          description={
            ready ? t('incidents.closeHelp') : t('incidents.closeBlocked', { count: pending })
          }
          confirmLabel={view.isDrill ? t('incidents.closeDrill') : t('incidents.close')}
          tone="primary"
          ready
          testId="dialog-close-incident"
          submit={() => closeIncident(view.id)}
          onClose={close}
          onDone={() => {
            close();
            onActed('incidents.notice.closed');
          }}
        />
      )}
    />
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DateTime,
  FactList,
  IdLink,
  Notice,
  PageHeader,
  ResourceView,
  Section,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { Link } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { CaseActions, type CaseNotice } from './case-actions.js';
import { CaseAlerts } from './case-alerts.js';
import { CaseStateBadge, SeverityBadge, SlaBadge, useNowMs } from './case-badges.js';
import { CaseCounterparties, CaseInstructions } from './case-customer-tables.js';
import { getCaseWorkspace } from './case-endpoints.js';
import { CaseEvidenceList } from './case-evidence-list.js';
import { CaseTimeline } from './case-timeline.js';
import type { CaseWorkspace } from './case-types.js';
import { casesPaths } from './cases-paths.js';
import { AssigneeName } from './principal-name.js';
import './cases.css';

/**
 * One case: its header and SLA, what may be done to it now, why it was raised (alerts with
 * their explanations), every action taken (timeline), evidence, and the customer's money.
 */
export function CaseWorkspacePage({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [notice, setNotice] = useState<CaseNotice | null>(null);
  const workspace = useResource(
    (signal) => getCaseWorkspace(platformId, caseId, signal),
    `${platformId}|${caseId}`,
  );
  const onActed = (next: CaseNotice) => {
    setNotice(next);
    workspace.reload();
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to={casesPaths.queue}>{t('cases.queue.title')}</Link> /
      </p>
      {notice === null ? null : (
        <Notice>
          <span data-testid="case-notice">{t(notice.key, notice.values)}</span>
        </Notice>
      )}
      <ResourceView resource={workspace}>
        {(data) => (
          <>
            <CaseHeader data={data} onActed={onActed} />
            <CaseFacts data={data} />
            <Section title={t('cases.alerts.title')} count={data.alerts.length}>
              <CaseAlerts alerts={data.alerts} />
            </Section>
            <div className="case-columns">
              <Section
                title={t('cases.timeline.title')}
                count={data.timeline.length}
                testId="case-timeline"
              >
                <CaseTimeline data={data} onActed={onActed} />
              </Section>
              <Section
                title={t('cases.evidence.title')}
                count={data.evidence.length}
                testId="case-evidence"
              >
                <CaseEvidenceList platformId={platformId} data={data} />
              </Section>
            </div>
            <Section title={t('cases.customer.instructions')} count={data.instructions.length}>
              <CaseInstructions data={data} onActed={onActed} />
            </Section>
            <Section title={t('cases.customer.counterparties')} count={data.counterparties.length}>
              <CaseCounterparties data={data} />
            </Section>
          </>
        )}
      </ResourceView>
    </>
  );
}

function CaseHeader({
  data,
  onActed,
}: {
  data: CaseWorkspace;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const view = data.case;
  const nowMs = useNowMs();
  return (
    <>
      <PageHeader
        title={t('cases.workspace.title', { id: view.id })}
        subtitle={
          <span className="case-header-badges" data-testid="case-header">
            <CaseStateBadge state={view.state} />
            <SeverityBadge severity={view.severity} />
            <span className={`case-priority case-priority-${view.priority}`}>P{view.priority}</span>
            <SlaBadge view={view} nowMs={nowMs} />
          </span>
        }
      />
      {view.closeApprovalId === null ? null : (
        <div className="case-banner" data-testid="close-pending">
          {t('cases.workspace.closePending', {
            disposition: t(`cases.disposition.${pendingDisposition(data) ?? 'false_positive'}`),
          })}{' '}
          <Link to={consolePaths.approvals}>{t('cases.workspace.toApprovals')}</Link>
        </div>
      )}
      <CaseActions data={data} onActed={onActed} />
    </>
  );
}

/** The disposition a pending close asks for, from the latest close request on the timeline. */
function pendingDisposition(data: CaseWorkspace): string | null {
  for (let index = data.timeline.length - 1; index >= 0; index -= 1) {
    const event = data.timeline[index];
    if (event?.kind === 'close_requested' && typeof event.detail.disposition === 'string')
      return event.detail.disposition;
  }
  return null;
}

function CaseFacts({ data }: { data: CaseWorkspace }) {
  const { t } = useTranslation();
  const view = data.case;
  const facts = [
    { label: t('cases.field.queue'), value: t(`cases.queueName.${view.queue}`) },
    {
      label: t('cases.field.customer'),
      value: (
        <IdLink
          id={view.customerId}
          to={view.customerId === null ? undefined : consolePaths.customer(view.customerId)}
        />
      ),
    },
    { label: t('cases.field.assignee'), value: <AssigneeName principalId={view.assigneeId} /> },
    { label: t('cases.field.openedAt'), value: <DateTime value={view.openedAt} /> },
    { label: t('cases.field.triagedAt'), value: <DateTime value={view.triagedAt} /> },
    { label: t('cases.field.slaDueAt'), value: <DateTime value={view.slaDueAt} /> },
  ];
  if (view.state === 'closed') {
    facts.push(
      {
        label: t('cases.field.disposition'),
        value: view.disposition === null ? '—' : t(`cases.disposition.${view.disposition}`),
      },
      { label: t('cases.field.closeReason'), value: view.closeReason ?? '—' },
      { label: t('cases.field.closedBy'), value: <AssigneeName principalId={view.closedBy} /> },
      {
        label: t('cases.field.closeApprovedBy'),
        value:
          view.closeApprovedBy === null ? (
            <span className="muted">{t('cases.workspace.noSecondPerson')}</span>
          ) : (
            <AssigneeName principalId={view.closeApprovedBy} />
          ),
      },
      { label: t('cases.field.closedAt'), value: <DateTime value={view.closedAt} /> },
    );
  }
  return <FactList facts={facts} />;
}

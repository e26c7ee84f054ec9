import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { roleHasPermission } from '../access/permissions.js';
import {
  DateTime,
  FactList,
  IdLink,
  PageHeader,
  ProblemAlert,
  ResourceView,
  Section,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { casesPaths } from '../cases/cases-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId, useSession } from '../session/index.js';
import { ComplaintStateBadge, DeadlineBadge } from './complaint-badges.js';
import { getComplaint, linkComplaintCase, moveComplaint } from './complaint-endpoints.js';
import type { ComplaintCommand, ComplaintDetail } from './complaint-types.js';
import './complaints.css';

const NEEDS_TEXT: readonly ComplaintCommand[] = ['escalate', 'resolve', 'reject'];

/** One complaint: facts and deadlines, the customer's account, the timeline and the actions. */
export function ComplaintPage({ complaintId }: { complaintId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const detail = useResource(
    (signal) => getComplaint(platformId, complaintId, signal),
    `${platformId}|${complaintId}`,
  );
  return (
    <>
      <PageHeader title={t('complaints.detail.title', { id: complaintId })} />
      <ResourceView resource={detail}>
        {(data) => <ComplaintBody data={data} platformId={platformId} onChanged={detail.reload} />}
      </ResourceView>
    </>
  );
}

function ComplaintBody({
  data,
  platformId,
  onChanged,
}: {
  data: ComplaintDetail;
  platformId: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { principal } = useSession();
  const view = data.complaint;
  const mayManage = roleHasPermission(principal.role, 'complaints.manage');
  return (
    <>
      <FactList
        facts={[
          { label: t('complaints.field.state'), value: <ComplaintStateBadge state={view.state} /> },
          {
            label: t('complaints.field.category'),
            value: t(`complaints.category.${view.category}`),
          },
          {
            label: t('complaints.field.customer'),
            value: (
              <IdLink id={view.customerId} compact to={consolePaths.customer(view.customerId)} />
            ),
          },
          { label: t('complaints.field.channel'), value: t(`complaints.channel.${view.channel}`) },
          { label: t('complaints.field.received'), value: <DateTime value={view.createdAt} /> },
          {
            label: t('complaints.field.acknowledgeDue'),
            value: <DateTime value={view.acknowledgeDueAt} />,
          },
          {
            label: t('complaints.field.resolveDue'),
            value: <DateTime value={view.resolveDueAt} />,
          },
          {
            label: t('complaints.field.deadline'),
            value: <DeadlineBadge view={view} nowMs={Date.now()} />,
          },
          {
            label: t('complaints.field.case'),
            value:
              view.caseId === null ? (
                '—'
              ) : (
                <IdLink id={view.caseId} compact to={casesPaths.case(view.caseId)} />
              ),
          },
          ...(view.freezeId === null
            ? []
            : [
                {
                  label: t('complaints.field.freeze'),
                  value: <span className="id">{view.freezeId}</span>,
                },
              ]),
          ...(view.instructionIds.length === 0
            ? []
            : [
                {
                  label: t('complaints.field.instructions'),
                  value: view.instructionIds.map((id) => (
                    <IdLink key={id} id={id} compact to={consolePaths.instruction(id)} />
                  )),
                },
              ]),
        ]}
      />
      <Section title={t('complaints.detail.account')} testId="complaint-text">
        {view.textErased ? (
          <p className="muted">{t('complaints.detail.erased')}</p>
        ) : data.description === null ? (
          <p className="muted">{t('complaints.detail.textHidden')}</p>
        ) : (
          <>
            <h3>{data.subject}</h3>
            <p className="complaint-text">{data.description}</p>
            {data.outcome === null ? null : (
              <>
                <h3>{t('complaints.detail.answer')}</h3>
                <p className="complaint-text" data-testid="complaint-answer">
                  {data.outcome}
                </p>
              </>
            )}
          </>
        )}
        {data.attachments.length === 0 ? null : (
          <p className="muted">
            {t('complaints.detail.attachments', { count: data.attachments.length })}
          </p>
        )}
      </Section>
      {mayManage && data.allowedCommands.length > 0 ? (
        <ComplaintActions data={data} platformId={platformId} onChanged={onChanged} />
      ) : null}
      <Section
        title={t('complaints.detail.timeline')}
        count={data.events.length}
        testId="complaint-timeline"
      >
        <ol className="complaint-timeline">
          {data.events.map((event, index) => (
            <li key={index} data-kind={event.kind}>
              <DateTime value={event.at} /> ·{' '}
              <strong>{t(`complaints.event.${event.kind}`, { defaultValue: event.kind })}</strong>{' '}
              <span className="muted">{event.actor}</span>
              {event.text === null ? null : <div className="complaint-text">{event.text}</div>}
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}

function ComplaintActions({
  data,
  platformId,
  onChanged,
}: {
  data: ComplaintDetail;
  platformId: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [caseId, setCaseId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      setText('');
      setCaseId('');
      onChanged();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const id = data.complaint.id;
  return (
    <Section title={t('complaints.detail.actions')} testId="complaint-actions">
      <div className="complaint-actions">
        <label className="field">
          <span>{t('complaints.detail.textLabel')}</span>
          <textarea
            name="text"
            rows={3}
            maxLength={4000}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        {data.allowedCommands.map((command) => (
          <button
            key={command}
            type="button"
            className={`button ${command === 'resolve' ? 'button-primary' : command === 'reject' ? 'button-danger' : ''}`}
            disabled={busy || (NEEDS_TEXT.includes(command) && text.trim() === '')}
            onClick={() => void run(() => moveComplaint(platformId, id, command, text.trim()))}
          >
            {t(`complaints.command.${command}`)}
          </button>
        ))}
      </div>
      <div className="complaint-actions">
        <label className="field">
          <span>{t('complaints.detail.linkCase')}</span>
          <input
            name="caseId"
            value={caseId}
            placeholder="cas_…"
            onChange={(event) => setCaseId(event.target.value.trim())}
          />
        </label>
        <button
          type="button"
          className="button"
          disabled={busy || caseId === ''}
          onClick={() => void run(() => linkComplaintCase(platformId, id, caseId))}
        >
          {t('complaints.command.link')}
        </button>
      </div>
      {problem === null ? null : <ProblemAlert problem={problem} />}
    </Section>
  );
}

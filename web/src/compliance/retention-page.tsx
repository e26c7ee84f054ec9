import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { FactList, ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';
import { ComplianceHeader } from './compliance-header.js';
import {
  findApproval,
  getRetentionPolicy,
  getRetentionRun,
  listRetentionRuns,
  previewRetention,
} from './compliance-endpoints.js';
import type {
  RetentionLists,
  RetentionPolicy,
  RetentionRun,
  RetentionRunDetail,
} from './compliance-types.js';
import { RetentionListSections, type RetentionStage } from './retention-lists.js';
import {
  requestStateOf,
  RetentionExecuteAction,
  RetentionRequestNotice,
  type RequestState,
} from './retention-request.js';
import { RetentionHoldsSection } from './retention-holds.js';
import { RetentionRunDetailSection, RetentionRunsSection } from './retention-runs.js';
import './compliance.css';

/**
 * Retention: the platform's policy (jurisdictions, statutory minimum, period applied), a dry
 * run listing the customers whose personal data is due for anonymization and the stored report
 * files whose content is due for purging, and a request to carry both out, which a second
 * person approves in the approvals inbox; the page then asks the inbox what became of it and,
 * once approved, shows what the approval carried out. Below, the holds that keep records past
 * their period, and the runs that anonymized or purged something, each of which can be opened.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayRun = useCan()('compliance.write');
  // A preview also says how many due items holds keep back; a request does not.
  const [shown, setShown] = useState<{
    stage: RetentionStage;
    lists: RetentionLists;
    held?: RetentionRun['held'];
  } | null>(null);
  const [request, setRequest] = useState<{ approvalId: string; state: RequestState } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [shownRun, setShownRun] = useState<RetentionRunDetail | null>(null);
  const policy = useResource((signal) => getRetentionPolicy(platformId, signal), platformId);
  const runs = useResource((signal) => listRetentionRuns(platformId, signal), platformId);

  const act = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const preview = () =>
    act(async () => {
      const run = await previewRetention(platformId);
      setRequest(null);
      setShownRun(null);
      setShown({ stage: 'preview', lists: run, held: run.held });
    });
  const check = (approvalId: string) =>
    act(async () => {
      const state = requestStateOf((await findApproval(approvalId))?.status ?? null);
      if (state === 'approved') {
        // What the approval carried out is recorded under its id: nothing, if none was still due.
        const carriedOut = await getRetentionRun(platformId, approvalId);
        setRequest({ approvalId, state: carriedOut === null ? 'approvedNothingDue' : state });
        setShown(null);
        setShownRun(carriedOut);
        runs.reload();
        return;
      }
      setRequest({ approvalId, state });
      if (state === 'rejected' || state === 'expired') setShown(null);
    });
  const showRun = (runId: string) =>
    act(async () => {
      setShownRun(await getRetentionRun(platformId, runId));
      setShown(null);
    });
  const due =
    shown?.stage === 'preview' &&
    (shown.lists.customers.length > 0 || shown.lists.reportFiles.length > 0);

  return (
    <>
      <ComplianceHeader subtitle={t('compliance.retention.subtitle')} />
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <Section title={t('compliance.retention.policy')} testId="retention-policy">
        <ResourceView resource={policy}>{(data) => <PolicyFacts policy={data} />}</ResourceView>
        <p className="muted">{t('compliance.retention.kept')}</p>
        {mayRun ? (
          <div className="row-actions">
            <button
              type="button"
              className="button button-small button-primary"
              disabled={busy}
              onClick={() => void preview()}
              data-action="dry-run"
            >
              {t('compliance.retention.dryRun')}
            </button>
            {due && shown !== null ? (
              <RetentionExecuteAction
                platformId={platformId}
                lists={shown.lists}
                onRequested={(requested) => {
                  setRequest({ approvalId: requested.approvalId, state: 'requested' });
                  setShown({ stage: 'requested', lists: requested });
                }}
              />
            ) : (
              <button type="button" className="button button-small" disabled data-action="execute">
                {t('compliance.retention.execute')}
              </button>
            )}
          </div>
        ) : null}
      </Section>
      {request === null ? null : (
        <RetentionRequestNotice
          approvalId={request.approvalId}
          state={request.state}
          checking={busy}
          onCheck={() => void check(request.approvalId)}
        />
      )}
      {shown === null ? null : <RetentionListSections stage={shown.stage} lists={shown.lists} />}
      {shown?.held === undefined ? null : <HeldLine held={shown.held} />}
      {shownRun === null ? null : <RetentionRunDetailSection run={shownRun} />}
      <RetentionHoldsSection platformId={platformId} mayWrite={mayRun} />
      <ResourceView resource={runs}>
        {(data) => (
          <RetentionRunsSection
            runs={data}
            shownRunId={shownRun?.runId ?? null}
            onShow={(runId) => void showRun(runId)}
          />
        )}
      </ResourceView>
    </>
  );
}

function PolicyFacts({ policy }: { policy: RetentionPolicy }) {
  const { t } = useTranslation();
  return (
    <FactList
      facts={[
        {
          label: t('compliance.retention.jurisdictions'),
          value: policy.jurisdictions.join(', '),
        },
        {
          label: t('compliance.retention.statutory'),
          value: t('compliance.retention.years', { count: policy.statutoryMinimumYears }),
        },
        {
          label: t('compliance.retention.applied'),
          value: t('compliance.retention.years', { count: policy.retentionYears }),
        },
        {
          label: t('compliance.retention.configured'),
          value: policy.configured
            ? t('compliance.retention.yes')
            : t('compliance.retention.default'),
        },
      ]}
    />
  );
}

/** How many customers and files past their period holds keep back (they are not listed). */
function HeldLine({ held }: { held: RetentionRun['held'] }) {
  const { t } = useTranslation();
  const key = held.truncated ? 'compliance.retention.heldAtLeast' : 'compliance.retention.held';
  return (
    <p className="muted" data-testid="retention-held">
      {t(key, {
        customers: t('compliance.retention.heldCustomers', { count: held.customers }),
        files: t('compliance.retention.heldFiles', { count: held.reportFiles }),
      })}
    </p>
  );
}

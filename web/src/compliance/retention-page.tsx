import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { DateTime, FactList, ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { usePlatformId } from '../session/index.js';
import { ComplianceHeader } from './compliance-header.js';
import { getRetentionPolicy, previewRetention, requestRetention } from './compliance-endpoints.js';
import type { RetentionRun } from './compliance-types.js';
import './compliance.css';

/**
 * Retention: the platform's policy (jurisdictions, statutory minimum, period applied), a dry
 * run listing the customers whose personal data is due for anonymization, and a request to
 * anonymize them, which a second person approves in the approvals inbox.
 */
export function RetentionPage() {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const mayRun = useCan()('compliance.write');
  const [preview, setPreview] = useState<RetentionRun | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [requestedId, setRequestedId] = useState<string | null>(null);
  const policy = useResource((signal) => getRetentionPolicy(platformId, signal), platformId);

  const run = async (dryRun: boolean) => {
    if (busy) return;
    const reason = dryRun ? '' : (window.prompt(t('compliance.retention.confirm')) ?? '').trim();
    if (!dryRun && reason === '') return;
    setBusy(true);
    setProblem(null);
    setRequestedId(null);
    try {
      if (dryRun) setPreview(await previewRetention(platformId));
      else setRequestedId((await requestRetention(platformId, reason)).approvalId);
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ComplianceHeader subtitle={t('compliance.retention.subtitle')} />
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <Section title={t('compliance.retention.policy')} testId="retention-policy">
        <ResourceView resource={policy}>
          {(data) => (
            <FactList
              facts={[
                {
                  label: t('compliance.retention.jurisdictions'),
                  value: data.jurisdictions.join(', '),
                },
                {
                  label: t('compliance.retention.statutory'),
                  value: t('compliance.retention.years', { count: data.statutoryMinimumYears }),
                },
                {
                  label: t('compliance.retention.applied'),
                  value: t('compliance.retention.years', { count: data.retentionYears }),
                },
                {
                  label: t('compliance.retention.configured'),
                  value: data.configured
                    ? t('compliance.retention.yes')
                    : t('compliance.retention.default'),
                },
              ]}
            />
          )}
        </ResourceView>
        <p className="muted">{t('compliance.retention.kept')}</p>
        {mayRun ? (
          <div className="row-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              onClick={() => void run(true)}
              data-action="dry-run"
            >
              {t('compliance.retention.dryRun')}
            </button>
            <button
              type="button"
              className="button"
              disabled={
                busy || preview === null || !preview.dryRun || preview.customers.length === 0
              }
              onClick={() => void run(false)}
              data-action="execute"
            >
              {t('compliance.retention.execute')}
            </button>
          </div>
        ) : null}
      </Section>
      {requestedId === null ? null : (
        <p className="muted" data-testid="retention-requested">
          {t('compliance.retention.requested', { approvalId: requestedId })}
        </p>
      )}
      {preview === null ? null : <RunResult run={preview} />}
    </>
  );
}

function RunResult({ run }: { run: RetentionRun }) {
  const { t } = useTranslation();
  return (
    <Section
      title={
        run.dryRun ? t('compliance.retention.previewTitle') : t('compliance.retention.doneTitle')
      }
      count={run.customers.length}
      testId="retention-result"
    >
      {run.truncated ? <p className="muted">{t('compliance.retention.truncated')}</p> : null}
      {run.customers.length === 0 ? (
        <p className="muted">{t('compliance.retention.noneDue')}</p>
      ) : (
        <table className="table" data-testid="retention-customers">
          <thead>
            <tr>
              <th>{t('compliance.retention.customer')}</th>
              <th>{t('compliance.retention.ended')}</th>
              <th>{t('compliance.retention.lastTransaction')}</th>
              <th>{t('compliance.retention.due')}</th>
              <th className="numeric">{t('compliance.retention.bankAccounts')}</th>
            </tr>
          </thead>
          <tbody>
            {run.customers.map((c) => (
              <tr key={c.customerId} data-customer={c.customerId}>
                <td>
                  <code>{c.customerId}</code>
                </td>
                <td>
                  <DateTime value={c.relationshipEndedAt} />
                </td>
                <td>
                  {c.lastTransactionAt === null ? '—' : <DateTime value={c.lastTransactionAt} />}
                </td>
                <td>
                  <DateTime value={c.dueAt} />
                </td>
                <td className="numeric">{c.bankAccounts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

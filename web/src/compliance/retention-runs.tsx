import { useTranslation } from 'react-i18next';
import { DateTime, FactList, IdLink, Section } from '../components/index.js';
import { reportsPaths } from '../reports/reports-paths.js';
import type { RetentionRunDetail, RetentionRunSummary } from './compliance-types.js';
import { REPORT_FILE_FORMAT_LABEL, ShortSha256 } from './retention-lists.js';

/**
 * The executions that anonymized or purged something, newest first: the daily job's and each
 * approved request's, with who ran or approved it and how much it did; each can be opened.
 */
export function RetentionRunsSection({
  runs,
  shownRunId,
  onShow,
}: {
  runs: RetentionRunSummary[];
  shownRunId: string | null;
  onShow: (runId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Section
      title={t('compliance.retention.runsTitle')}
      count={runs.length}
      testId="retention-runs"
    >
      {runs.length === 0 ? (
        <p className="muted">{t('compliance.retention.runsNone')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('compliance.retention.ranAt')}</th>
              <th>{t('compliance.retention.run')}</th>
              <th>{t('compliance.retention.trigger')}</th>
              <th>{t('compliance.retention.by')}</th>
              <th className="numeric">{t('compliance.retention.customersAnonymized')}</th>
              <th className="numeric">{t('compliance.retention.filesPurged')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr
                key={run.runId}
                data-run={run.runId}
                aria-current={run.runId === shownRunId ? 'true' : undefined}
              >
                <td>
                  <DateTime value={run.ranAt} />
                </td>
                <td>
                  <IdLink id={run.runId} compact />
                </td>
                <td>{t(`compliance.retention.triggers.${run.trigger}`)}</td>
                <td>
                  <RunBy run={run} />
                </td>
                <td className="numeric">{run.customersAnonymized}</td>
                <td className="numeric">{run.reportFilesPurged}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onShow(run.runId)}
                    data-action="show-run"
                  >
                    {t('compliance.retention.showRun')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

/** Who ran it: the actor, and the approver of an approved request, as short ids. */
function RunBy({ run }: { run: RetentionRunSummary }) {
  const { t } = useTranslation();
  return (
    <span className="retention-run-by">
      <IdLink id={run.actor} compact />
      {run.approvedBy === null ? null : (
        <>
          <br />
          <span className="muted">{t('compliance.retention.approvedBy')}</span>{' '}
          <IdLink id={run.approvedBy} compact />
        </>
      )}
    </span>
  );
}

/** What one run carried out: the customers it anonymized and the files it purged. */
export function RetentionRunDetailSection({ run }: { run: RetentionRunDetail }) {
  const { t } = useTranslation();
  return (
    <Section
      title={t('compliance.retention.runDetailTitle', { runId: run.runId })}
      testId="retention-run-detail"
    >
      <FactList
        facts={[
          { label: t('compliance.retention.ranAt'), value: <DateTime value={run.ranAt} /> },
          {
            label: t('compliance.retention.trigger'),
            value: t(`compliance.retention.triggers.${run.trigger}`),
          },
          { label: t('compliance.retention.by'), value: <RunBy run={run} /> },
          {
            label: t('compliance.retention.applied'),
            value: t('compliance.retention.years', { count: run.retentionYears }),
          },
        ]}
      />
      <h3>{t('compliance.retention.doneTitle', { count: run.customers.length })}</h3>
      {run.customers.length === 0 ? (
        <p className="muted">{t('compliance.retention.noneAnonymized')}</p>
      ) : (
        <table className="table" data-testid="retention-run-customers">
          <thead>
            <tr>
              <th>{t('compliance.retention.customer')}</th>
              <th>{t('compliance.retention.due')}</th>
            </tr>
          </thead>
          <tbody>
            {run.customers.map((customer) => (
              <tr key={customer.customerId} data-customer={customer.customerId}>
                <td>
                  <code>{customer.customerId}</code>
                </td>
                <td>
                  <DateTime value={customer.dueAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('compliance.retention.filesDoneTitle', { count: run.reportFiles.length })}</h3>
      {run.reportFiles.length === 0 ? (
        <p className="muted">{t('compliance.retention.noneFilesPurged')}</p>
      ) : (
        <table className="table" data-testid="retention-run-files">
          <thead>
            <tr>
              <th>{t('compliance.retention.report')}</th>
              <th>{t('compliance.retention.format')}</th>
              <th className="numeric">{t('compliance.retention.version')}</th>
              <th>{t('compliance.retention.purgedAt')}</th>
              <th>{t('compliance.retention.sha256')}</th>
            </tr>
          </thead>
          <tbody>
            {run.reportFiles.map((file) => (
              <tr key={`${file.format}:${file.fileId}`} data-file={`${file.format}:${file.fileId}`}>
                <td>
                  <IdLink id={file.reportId} to={reportsPaths.report(file.reportId)} />
                </td>
                <td>{REPORT_FILE_FORMAT_LABEL[file.format]}</td>
                <td className="numeric">{file.version}</td>
                <td>
                  <DateTime value={file.purgedAt} />
                </td>
                <td>
                  <ShortSha256 sha256={file.sha256} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

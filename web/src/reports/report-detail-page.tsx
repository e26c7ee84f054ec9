import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import {
  DateTime,
  FactList,
  FormDialog,
  IdLink,
  Notice,
  PageHeader,
  ProblemAlert,
  ResourceView,
  Section,
} from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { useResource } from '../hooks/use-resource.js';
import { Link, setSearchParam, useSearchParam } from '../router/index.js';
import { usePlatformId } from '../session/index.js';
import { downloadExport, getReport, requestSubmission } from './reports-endpoints.js';
import { reportsPaths } from './reports-paths.js';
import type { LvtrContent, ReportDetail, StrContent } from './reports-types.js';
import { OverdueBadge, ReportStatusBadge } from './report-badges.js';
import { isWithdrawable, withdrawalFacts, WithdrawReportAction } from './report-withdrawal.js';
import { StrEditForm } from './str-edit-form.js';

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function ExportButtons({ platformId, reportId }: { platformId: string; reportId: string }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = async (standard: 'goaml' | 'camlmac') => {
    setProblem(null);
    try {
      const { blob, fileName } = await downloadExport(platformId, reportId, standard);
      saveBlob(blob, fileName);
    } catch (error) {
      setProblem(asApiProblem(error));
    }
  };
  return (
    <div>
      <div className="report-actions">
        <button
          type="button"
          className="button"
          data-testid="export-goaml"
          onClick={() => void run('goaml')}
        >
          {t('reports.export.goaml')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="export-camlmac"
          onClick={() => void run('camlmac')}
        >
          {t('reports.export.camlmac')}
        </button>
      </div>
      {problem === null ? null : <ProblemAlert problem={problem} />}
    </div>
  );
}

function StrView({ content }: { content: StrContent }) {
  const { t } = useTranslation();
  return (
    <FactList
      facts={[
        {
          label: t('reports.str.reason'),
          value: content.reason === '' ? <span className="muted">—</span> : content.reason,
        },
        { label: t('reports.str.action'), value: content.action === '' ? '—' : content.action },
        { label: t('reports.str.indicators'), value: content.indicators.join(', ') },
        {
          label: t('reports.str.subjects'),
          value: content.subjects.map((s) => (
            <IdLink
              key={s.customerId}
              id={s.customerId}
              compact
              to={reportsPaths.rating(s.customerId)}
            />
          )),
        },
        {
          label: t('reports.str.transactions'),
          value: content.transactions.map((x) => (
            <IdLink
              key={x.instructionId}
              id={x.instructionId}
              compact
              to={consolePaths.instruction(x.instructionId)}
            />
          )),
        },
      ]}
    />
  );
}

function LvtrView({ content }: { content: LvtrContent }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="lvtr-items">
      <thead>
        <tr>
          <th>{t('reports.field.customer')}</th>
          <th>{t('reports.field.direction')}</th>
          <th>{t('reports.field.category')}</th>
          <th>{t('reports.field.totalCny')}</th>
          <th>{t('reports.field.transactions')}</th>
        </tr>
      </thead>
      <tbody>
        {content.items.map((item) => (
          <tr key={`${item.customerId}|${item.direction}|${item.category}`}>
            <td>
              <IdLink id={item.customerId} compact to={reportsPaths.rating(item.customerId)} />
            </td>
            <td>{t(`reports.direction.${item.direction}`)}</td>
            <td>{t(`reports.category.${item.category}`, { defaultValue: item.category })}</td>
            <td className="cell-amount">
              {(Number(item.totalCnyMinor) / 100).toLocaleString(undefined, {
                minimumFractionDigits: 2,
              })}
            </td>
            <td className="cell-amount">{item.instructionIds.length}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Versions({ detail }: { detail: ReportDetail }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="report-versions">
      <thead>
        <tr>
          <th>{t('reports.field.version')}</th>
          <th>{t('reports.field.note')}</th>
          <th>{t('reports.field.editedBy')}</th>
          <th>{t('reports.field.editedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {detail.versions.map((v) => (
          <tr key={v.version}>
            <td>
              <button
                type="button"
                className="link-button"
                onClick={() => setSearchParam('version', String(v.version))}
              >
                v{v.version}
              </button>
            </td>
            <td>{v.note ?? '—'}</td>
            <td>
              <IdLink id={v.editedBy} compact />
            </td>
            <td>
              <DateTime value={v.editedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One report: its facts, deadline, versions, content, the STR edit form, submission, withdrawal
 * and export.
 */
export function ReportDetailPage({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const can = useCan();
  const versionParam = useSearchParam('version');
  const version = /^\d+$/.test(versionParam) ? Number(versionParam) : null;
  const detail = useResource(
    (signal) => getReport(platformId, reportId, version, signal),
    `${platformId}|${reportId}|${version ?? ''}`,
  );
  const [submitting, setSubmitting] = useState(false);
  // The notice's message key and values, translated when shown: it follows a language switch.
  const [notice, setNotice] = useState<{ key: string; values?: Record<string, unknown> } | null>(
    null,
  );
  return (
    <ResourceView resource={detail}>
      {(data) => {
        const r = data.report;
        const editable =
          r.kind === 'str' &&
          r.status === 'draft' &&
          r.submitApprovalId === null &&
          can('compliance.write');
        return (
          <>
            <PageHeader
              title={
                <>
                  {t(`reports.kind.${r.kind}`)} <code className="id">{r.id}</code>
                </>
              }
              subtitle={<Link to={reportsPaths.reports}>{t('reports.list.back')}</Link>}
              actions={
                can('compliance.write') && r.status === 'draft' ? (
                  <>
                    {r.submitApprovalId === null ? (
                      <button
                        type="button"
                        className="button button-primary"
                        data-testid="request-submission"
                        onClick={() => setSubmitting(true)}
                      >
                        {t('reports.submit.request')}
                      </button>
                    ) : null}
                    {isWithdrawable(r) ? (
                      <WithdrawReportAction
                        platformId={platformId}
                        reportId={r.id}
                        onWithdrawn={() => {
                          setNotice({ key: 'reports.withdraw.done' });
                          detail.reload();
                        }}
                      />
                    ) : null}
                  </>
                ) : undefined
              }
            />
            {notice === null ? null : <Notice>{t(notice.key, notice.values)}</Notice>}
            <FactList
              facts={[
                {
                  label: t('reports.field.status'),
                  value: <ReportStatusBadge status={r.status} />,
                },
                { label: t('reports.field.purpose'), value: t(`reports.purpose.${r.purpose}`) },
                {
                  label: t('reports.field.deadline'),
                  value: (
                    <>
                      {r.deadlineDate}
                      {r.overdue ? <OverdueBadge /> : null}
                    </>
                  ),
                },
                {
                  label: t('reports.field.businessDate'),
                  value:
                    r.businessDate === null
                      ? '—'
                      : r.lvtrPart === null
                        ? r.businessDate
                        : t('reports.businessDayPart', { date: r.businessDate, part: r.lvtrPart }),
                },
                {
                  label: t('reports.field.version'),
                  value: `v${r.currentVersion}${r.approvedVersion === null ? '' : ` (${t('reports.approvedVersion', { version: r.approvedVersion })})`}`,
                },
                {
                  label: t('reports.field.submitApproval'),
                  value: (
                    <IdLink
                      id={r.submitApprovalId}
                      compact
                      to={r.submitApprovalId === null ? undefined : consolePaths.approvals}
                    />
                  ),
                },
                { label: t('reports.field.fiuRef'), value: r.fiuRefNumber ?? '—' },
                ...withdrawalFacts(r, t),
              ]}
            />
            {can('reports.export') ? (
              <Section title={t('reports.export.title')}>
                <ExportButtons platformId={platformId} reportId={r.id} />
              </Section>
            ) : null}
            <Section title={t('reports.content.title', { version: version ?? r.currentVersion })}>
              {data.content.kind === 'str' ? (
                <StrView content={data.content} />
              ) : (
                <LvtrView content={data.content} />
              )}
            </Section>
            {editable && data.content.kind === 'str' ? (
              <Section title={t('reports.str.editTitle')}>
                <StrEditForm
                  key={r.currentVersion}
                  platformId={platformId}
                  reportId={r.id}
                  content={data.content}
                  onSaved={() => {
                    setSearchParam('version', '');
                    detail.reload();
                  }}
                />
              </Section>
            ) : null}
            <Section title={t('reports.versions.title')} count={data.versions.length}>
              <Versions detail={data} />
            </Section>
            {submitting ? (
              <FormDialog
                title={t('reports.submit.title')}
                description={t('reports.submit.description')}
                confirmLabel={t('reports.submit.confirm')}
                tone="primary"
                ready
                onSubmit={(reason) => requestSubmission(platformId, r.id, reason)}
                onClose={() => setSubmitting(false)}
                onDone={(result) => {
                  setSubmitting(false);
                  setNotice({
                    key: 'reports.submit.done',
                    values: { approvalId: result.approvalId, version: result.version },
                  });
                  detail.reload();
                }}
              >
                {null}
              </FormDialog>
            ) : null}
          </>
        );
      }}
    </ResourceView>
  );
}

import { useTranslation } from 'react-i18next';
import { DateTime, IdLink, ReasonAction, type Fact } from '../components/index.js';
import { withdrawReport } from './reports-endpoints.js';
import type { ReportView } from './reports-types.js';

type Translate = ReturnType<typeof useTranslation>['t'];

/**
 * Only a suspicious transaction report never approved is withdrawn: a draft, or one whose
 * submission request awaits approval (the request is closed with it).
 */
export function isWithdrawable(report: ReportView): boolean {
  return report.kind === 'str' && report.status === 'draft';
}

/** The "Withdraw" button and its reason dialog. */
export function WithdrawReportAction({
  platformId,
  reportId,
  onWithdrawn,
}: {
  platformId: string;
  reportId: string;
  onWithdrawn: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ReasonAction
      label={t('reports.withdraw.action')}
      title={t('reports.withdraw.title')}
      description={t('reports.withdraw.description')}
      confirmLabel={t('reports.withdraw.confirm')}
      tone="danger"
      action="withdraw-report"
      onSubmit={(reason) => withdrawReport(platformId, reportId, reason)}
      onDone={onWithdrawn}
    />
  );
}

/** Who withdrew a withdrawn report, when and why; nothing for any other report. */
export function withdrawalFacts(report: ReportView, t: Translate): Fact[] {
  if (report.status !== 'withdrawn') return [];
  return [
    {
      label: t('reports.field.withdrawnBy'),
      value: <IdLink id={report.withdrawnBy} compact />,
    },
    {
      label: t('reports.field.withdrawnAt'),
      value: <DateTime value={report.withdrawnAt} />,
    },
    {
      label: t('reports.field.withdrawalReason'),
      value: <span data-testid="withdrawal-reason">{report.withdrawalReason ?? '—'}</span>,
    },
  ];
}

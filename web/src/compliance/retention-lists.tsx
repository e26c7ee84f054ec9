import { useTranslation } from 'react-i18next';
import { DateTime, IdLink, Section } from '../components/index.js';
import { reportsPaths } from '../reports/reports-paths.js';
import type { DueCustomer, DueReportFile, RetentionLists } from './compliance-types.js';

/**
 * Where the lists come from: a dry run (due now, nothing changed) or a four-eyes request (what
 * a second person is asked to let go). What a run carried out is shown by retention-runs.tsx.
 */
export type RetentionStage = 'preview' | 'requested';

/** Hex digits of a SHA-256 shown in the table; the whole hash is in the tooltip. */
const SHA256_SHOWN_LENGTH = 12;

export const REPORT_FILE_FORMAT_LABEL: Readonly<Record<DueReportFile['format'], string>> = {
  goaml: 'goAML',
  camlmac: 'CAMLMAC',
};

type ListText = Readonly<
  Record<RetentionStage, { title: string; truncated: string; none: string }>
>;

const CUSTOMER_TEXT: ListText = {
  preview: {
    title: 'compliance.retention.previewTitle',
    truncated: 'compliance.retention.truncated',
    none: 'compliance.retention.noneDue',
  },
  requested: {
    title: 'compliance.retention.requestedTitle',
    truncated: 'compliance.retention.requestTruncated',
    none: 'compliance.retention.noneRequested',
  },
};

const FILE_TEXT: ListText = {
  preview: {
    title: 'compliance.retention.filesPreviewTitle',
    truncated: 'compliance.retention.filesTruncated',
    none: 'compliance.retention.filesNoneDue',
  },
  requested: {
    title: 'compliance.retention.filesRequestedTitle',
    truncated: 'compliance.retention.filesRequestTruncated',
    none: 'compliance.retention.filesNoneRequested',
  },
};

/** The customers and the stored report files of a dry run or a request, each with its count. */
export function RetentionListSections({
  stage,
  lists,
}: {
  stage: RetentionStage;
  lists: RetentionLists;
}) {
  const { t } = useTranslation();
  const customerText = CUSTOMER_TEXT[stage];
  const fileText = FILE_TEXT[stage];
  return (
    <>
      <Section
        title={t(customerText.title)}
        count={lists.customers.length}
        testId="retention-result"
      >
        {lists.truncated ? <p className="muted">{t(customerText.truncated)}</p> : null}
        {lists.customers.length === 0 ? (
          <p className="muted">{t(customerText.none)}</p>
        ) : (
          <CustomersTable customers={lists.customers} />
        )}
      </Section>
      <Section
        title={t(fileText.title)}
        count={lists.reportFiles.length}
        testId="retention-report-files"
      >
        {lists.reportFilesTruncated ? <p className="muted">{t(fileText.truncated)}</p> : null}
        {lists.reportFiles.length === 0 ? (
          <p className="muted">{t(fileText.none)}</p>
        ) : (
          <ReportFilesTable files={lists.reportFiles} />
        )}
      </Section>
    </>
  );
}

function CustomersTable({ customers }: { customers: DueCustomer[] }) {
  const { t } = useTranslation();
  return (
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
        {customers.map((c) => (
          <tr key={c.customerId} data-customer={c.customerId}>
            <td>
              <code>{c.customerId}</code>
            </td>
            <td>
              <DateTime value={c.relationshipEndedAt} />
            </td>
            <td>{c.lastTransactionAt === null ? '—' : <DateTime value={c.lastTransactionAt} />}</td>
            <td>
              <DateTime value={c.dueAt} />
            </td>
            <td className="numeric">{c.bankAccounts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportFilesTable({ files }: { files: DueReportFile[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="retention-files">
      <thead>
        <tr>
          <th>{t('compliance.retention.report')}</th>
          <th>{t('compliance.retention.format')}</th>
          <th>{t('compliance.retention.reportKind')}</th>
          <th className="numeric">{t('compliance.retention.version')}</th>
          <th>{t('compliance.retention.retainedFrom')}</th>
          <th>{t('compliance.retention.due')}</th>
          <th>{t('compliance.retention.sha256')}</th>
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={`${file.format}:${file.fileId}`} data-file={`${file.format}:${file.fileId}`}>
            <td>
              <IdLink id={file.reportId} to={reportsPaths.report(file.reportId)} />
            </td>
            <td>{REPORT_FILE_FORMAT_LABEL[file.format]}</td>
            <td>{t(`reports.kind.${file.reportKind}`)}</td>
            <td className="numeric">{file.version}</td>
            <td>
              <DateTime value={file.retainedFrom} />
            </td>
            <td>
              <DateTime value={file.dueAt} />
            </td>
            <td>
              <ShortSha256 sha256={file.sha256} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The first hex digits of a SHA-256, the whole hash in the tooltip. */
export function ShortSha256({ sha256 }: { sha256: string }) {
  return (
    <code className="id" title={sha256}>
      {sha256.slice(0, SHA256_SHOWN_LENGTH)}…
    </code>
  );
}

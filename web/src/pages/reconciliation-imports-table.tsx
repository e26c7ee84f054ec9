import { useTranslation } from 'react-i18next';
import type { StatementImport } from '../api/index.js';
import { DateTime, EmptyRow, IdLink } from '../components/index.js';
import { consolePaths } from '../console-paths.js';
import { rememberedUpload } from './reconciliation-upload-memory.js';

/** Statement files imported for the platform, newest first. */
export function ReconciliationImportsTable({ imports }: { imports: StatementImport[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="imports-table">
      <thead>
        <tr>
          <th>{t('recon.imports.file')}</th>
          <th>{t('recon.imports.format')}</th>
          <th>{t('recon.imports.account')}</th>
          <th className="cell-amount">{t('recon.imports.statements')}</th>
          <th className="cell-amount">{t('recon.imports.lines')}</th>
          <th className="cell-amount">{t('recon.imports.imported')}</th>
          <th className="cell-amount">{t('recon.imports.duplicate')}</th>
          <th>{t('recon.imports.when')}</th>
        </tr>
      </thead>
      <tbody>
        {imports.length === 0 ? <EmptyRow columns={8} text={t('recon.imports.empty')} /> : null}
        {imports.map((item) => (
          <ImportRow key={item.id} item={item} />
        ))}
      </tbody>
    </table>
  );
}

function ImportRow({ item }: { item: StatementImport }) {
  const { t } = useTranslation();
  const remembered = rememberedUpload(item.id);
  return (
    <tr data-import-id={item.id}>
      <td>
        {remembered === null ? (
          <span className="muted">{t('recon.imports.unnamed')}</span>
        ) : (
          <strong>{remembered.fileName}</strong>
        )}
        <div className="small muted" title={item.contentSha256}>
          {t('recon.imports.bytes', { count: item.fileBytes })} · sha256{' '}
          {item.contentSha256.slice(0, 12)}…
        </div>
      </td>
      <td>
        {/* camt.053 / camt.054 are shown as written; a bare family name is translated. */}
        {item.format.includes('.')
          ? item.format
          : t(`recon.format.${item.format}`, { defaultValue: item.format })}
      </td>
      <td>
        {remembered === null || remembered.accounts.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          remembered.accounts.map((accountId) => (
            <div key={accountId}>
              <IdLink id={accountId} compact to={consolePaths.account(accountId)} />
            </div>
          ))
        )}
      </td>
      <td className="cell-amount">{item.statementCount}</td>
      <td className="cell-amount">{item.lineCount}</td>
      <td className="cell-amount" data-count="imported">
        {item.lineCount - item.duplicateLineCount}
      </td>
      <td className="cell-amount" data-count="duplicate">
        {item.duplicateLineCount}
      </td>
      <td>
        <DateTime value={item.createdAt} />
        <div className="small muted">
          <IdLink id={item.importedBy} compact />
        </div>
      </td>
    </tr>
  );
}

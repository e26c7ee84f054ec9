import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  asApiProblem,
  uploadStatement,
  type ApiProblem,
  type StatementFormat,
  type StatementUpload,
  type StatementUploadReply,
} from '../api/index.js';
import { Notice, ProblemAlert } from '../components/index.js';
import { rememberUpload } from './reconciliation-upload-memory.js';

const FORMAT_CHOICES: readonly StatementFormat[] = ['camt', 'mt940', 'csv'];
/** Bytes per chunk when turning a file into base64 (keeps String.fromCharCode's arguments small). */
const BASE64_CHUNK = 0x8000;

/** The file's bytes as base64: the server decodes the text itself (UTF-8, Latin-1, ...). */
async function fileAsBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += BASE64_CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + BASE64_CHUNK));
  }
  return btoa(binary);
}

/**
 * Chooses a bank statement file in the browser and sends it as base64 JSON. A refused file
 * shows the server's problem (title and the detail naming the line or element).
 */
export function ReconciliationUploadForm({
  platformId,
  onImported,
}: {
  platformId: string;
  onImported: () => void;
}) {
  const { t } = useTranslation();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<StatementFormat>('camt');
  const [csvMappingName, setCsvMappingName] = useState('');
  const [csvStatementId, setCsvStatementId] = useState('');
  const [csvCurrency, setCsvCurrency] = useState('CNY');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [result, setResult] = useState<StatementUploadReply | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (file === null || busy) return;
    setBusy(true);
    setProblem(null);
    setResult(null);
    try {
      const upload: StatementUpload = {
        format,
        content: await fileAsBase64(file),
        encoding: 'base64',
        ...(format === 'csv'
          ? {
              csvMappingName: csvMappingName.trim(),
              csvStatement: { statementId: csvStatementId.trim(), currency: csvCurrency.trim() },
            }
          : {}),
      };
      const reply = await uploadStatement(platformId, upload);
      rememberUpload(reply, file.name);
      setResult(reply);
      setFile(null);
      if (fileRef.current !== null) fileRef.current.value = '';
      onImported();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} data-testid="statement-upload">
      <div className="filters" style={{ border: 'none', padding: 0, margin: 0 }}>
        <div className="field field-inline">
          <span>{t('recon.upload.file')}</span>
          {/* The native control would speak the browser's language; this one follows the console's. */}
          <label className="button">
            {t('recon.upload.choose')}
            <input
              ref={fileRef}
              className="visually-hidden"
              type="file"
              name="statementFile"
              accept=".xml,.sta,.txt,.mt940,.940,.csv,.053"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </label>
          <span
            className={file === null ? 'small muted' : 'small'}
            style={{ fontWeight: 400 }}
            data-testid="chosen-file"
          >
            {file === null ? t('recon.upload.noFile') : file.name}
          </span>
        </div>
        <label className="field field-inline">
          <span>{t('recon.upload.format')}</span>
          <select
            name="format"
            value={format}
            onChange={(event) => setFormat(event.target.value as StatementFormat)}
          >
            {FORMAT_CHOICES.map((value) => (
              <option key={value} value={value}>
                {t(`recon.format.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {format === 'csv' ? (
          <>
            <label className="field field-inline">
              <span>{t('recon.upload.csvMappingName')}</span>
              <input
                name="csvMappingName"
                value={csvMappingName}
                required
                maxLength={100}
                onChange={(event) => setCsvMappingName(event.target.value)}
              />
            </label>
            <label className="field field-inline">
              <span>{t('recon.upload.csvStatementId')}</span>
              <input
                name="csvStatementId"
                value={csvStatementId}
                required
                maxLength={100}
                onChange={(event) => setCsvStatementId(event.target.value)}
              />
            </label>
            <label className="field field-inline">
              <span>{t('recon.upload.csvCurrency')}</span>
              <input
                name="csvCurrency"
                value={csvCurrency}
                required
                pattern="[A-Z]{3}"
                size={4}
                onChange={(event) => setCsvCurrency(event.target.value.toUpperCase())}
              />
            </label>
          </>
        ) : null}
        <button type="submit" className="button button-primary" disabled={file === null || busy}>
          {busy ? t('recon.upload.sending') : t('recon.upload.submit')}
        </button>
      </div>
      {format === 'csv' ? <p className="small muted">{t('recon.upload.csvHint')}</p> : null}
      {problem === null ? null : (
        <div style={{ marginTop: 12, marginBottom: -14 }} data-testid="upload-refused">
          <ProblemAlert problem={problem} />
        </div>
      )}
      {result === null ? null : (
        <div style={{ marginTop: 12, marginBottom: -14 }} data-testid="upload-result">
          <Notice>
            {result.duplicateFile
              ? t('recon.upload.duplicateFile')
              : t('recon.upload.imported', {
                  imported: result.linesImported,
                  duplicate: result.linesDuplicate,
                  statements: result.statements.length,
                })}
            {result.warnings.length === 0 ? null : (
              <div className="small muted">
                {t('recon.upload.warnings', { warnings: result.warnings.join(', ') })}
              </div>
            )}
          </Notice>
        </div>
      )}
    </form>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatformId } from '../session/index.js';
import type { CaseNotice } from './case-actions.js';
import { CaseDialog } from './case-dialog.js';
import { addCaseEvidence } from './case-endpoints.js';
import type { CaseWorkspace } from './case-types.js';
import {
  bytesToBase64,
  EVIDENCE_BYTES_MAX,
  EVIDENCE_EXTENSIONS,
  evidenceFileProblem,
  formatBytes,
} from './evidence-file.js';

const DESCRIPTION_LENGTH_MAX = 1_000;

/**
 * Attaches a file to the case. Type and size are checked here first (so a 40 MB video never
 * travels); the server checks again and also that the bytes match the name.
 */
export function CaseEvidenceDialog({
  data,
  onClose,
  onActed,
}: {
  data: CaseWorkspace;
  onClose: () => void;
  onActed: (notice: CaseNotice) => void;
}) {
  const { t } = useTranslation();
  const platformId = usePlatformId();
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const problem = file === null ? null : evidenceFileProblem(file.name, file.size);
  const submit = async () => {
    if (file === null) throw new Error('no file chosen');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const text = description.trim();
    return addCaseEvidence(platformId, data.case.id, {
      fileName: file.name,
      contentBase64: bytesToBase64(bytes),
      ...(text === '' ? {} : { description: text }),
    });
  };
  return (
    <CaseDialog
      title={t('cases.action.uploadEvidence')}
      description={t('cases.evidence.help', {
        types: EVIDENCE_EXTENSIONS.join(', '),
        max: formatBytes(EVIDENCE_BYTES_MAX),
      })}
      confirmLabel={t('cases.evidence.confirm')}
      tone="primary"
      ready={file !== null && problem === null}
      testId="dialog-upload-evidence"
      localProblem={
        problem === null || file === null ? null : (
          <div className="problem" role="alert" data-evidence-problem={problem}>
            <strong className="problem-title">
              {t(`cases.evidence.problem.${problem}`, {
                name: file.name,
                size: formatBytes(file.size),
                max: formatBytes(EVIDENCE_BYTES_MAX),
              })}
            </strong>
          </div>
        )
      }
      submit={submit}
      onClose={onClose}
      onDone={(reply) => {
        onClose();
        onActed({ key: 'cases.notice.evidenceAdded', values: { fileName: reply.fileName } });
      }}
    >
      <label className="field">
        <span>{t('cases.evidence.file')}</span>
        <input
          type="file"
          name="file"
          accept={EVIDENCE_EXTENSIONS.map((extension) => `.${extension}`).join(',')}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        {file === null ? null : (
          <small className="muted">
            {file.name} · {formatBytes(file.size)}
          </small>
        )}
      </label>
      <label className="field">
        <span>{t('cases.evidence.description')}</span>
        <input
          type="text"
          name="description"
          maxLength={DESCRIPTION_LENGTH_MAX}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </label>
    </CaseDialog>
  );
}

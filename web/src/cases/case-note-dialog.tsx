import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatformId } from '../session/index.js';
import type { CaseNotice } from './case-actions.js';
import { CaseDialog } from './case-dialog.js';
import { addCaseNote } from './case-endpoints.js';
import type { CaseWorkspace } from './case-types.js';

const NOTE_LENGTH_MAX = 4_000;

/** A note on the timeline; closed cases take notes too, since the timeline only grows. */
export function CaseNoteDialog({
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
  const [text, setText] = useState('');
  return (
    <CaseDialog
      title={t('cases.action.addNote')}
      confirmLabel={t('cases.note.confirm')}
      tone="primary"
      ready={text.trim() !== ''}
      testId="dialog-add-note"
      submit={() => addCaseNote(platformId, data.case.id, text.trim())}
      onClose={onClose}
      onDone={() => {
        onClose();
        onActed({ key: 'cases.notice.noted' });
      }}
    >
      <label className="field">
        <span>{t('cases.note.text')}</span>
        <textarea
          name="text"
          rows={5}
          maxLength={NOTE_LENGTH_MAX}
          value={text}
          autoFocus
          onChange={(event) => setText(event.target.value)}
        />
        <small className="muted">
          {t('cases.note.count', { length: text.length, max: NOTE_LENGTH_MAX })}
        </small>
      </label>
    </CaseDialog>
  );
}

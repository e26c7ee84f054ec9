import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatformId } from '../session/index.js';
import type { CaseNotice } from './case-actions.js';
import { CaseDialog } from './case-dialog.js';
import { freezeFromCase } from './case-endpoints.js';
import { FREEZE_REASON_CODES, type CaseWorkspace } from './case-types.js';

const FREEZE_NOTE_LENGTH_MAX = 1_000;

/** Freezes the case's customer, with the case as the freeze's reference. */
export function CaseFreezeDialog({
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
  const [scope, setScope] = useState<'debits' | 'all'>('debits');
  const [reasonCode, setReasonCode] = useState<string>('aml_investigation');
  const [note, setNote] = useState('');
  return (
    <CaseDialog
      title={t('cases.action.freeze')}
      description={t('cases.freeze.help')}
      confirmLabel={t('cases.freeze.confirm')}
      tone="danger"
      ready={data.case.customerId !== null}
      testId="dialog-freeze"
      submit={() =>
        freezeFromCase(platformId, data.case.id, {
          scope,
          reasonCode,
          ...(note.trim() === '' ? {} : { note: note.trim() }),
        })
      }
      onClose={onClose}
      onDone={() => {
        onClose();
        onActed({ key: 'cases.notice.frozen' });
      }}
    >
      {data.case.customerId === null ? (
        <p className="muted small">{t('cases.freeze.noCustomer')}</p>
      ) : null}
      <label className="field">
        <span>{t('cases.freeze.scope')}</span>
        <select
          name="scope"
          value={scope}
          onChange={(event) => setScope(event.target.value === 'all' ? 'all' : 'debits')}
        >
          <option value="debits">{t('freezeScope.debits')}</option>
          <option value="all">{t('freezeScope.all')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('cases.freeze.reasonCode')}</span>
        <select
          name="reasonCode"
          value={reasonCode}
          onChange={(event) => setReasonCode(event.target.value)}
        >
          {FREEZE_REASON_CODES.map((code) => (
            <option key={code} value={code}>
              {t(`freezeReason.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('cases.field.noteOptional')}</span>
        <textarea
          name="note"
          rows={2}
          maxLength={FREEZE_NOTE_LENGTH_MAX}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </label>
    </CaseDialog>
  );
}

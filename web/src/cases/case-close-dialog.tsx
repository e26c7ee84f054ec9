import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatformId } from '../session/index.js';
import type { CaseNotice } from './case-actions.js';
import { CaseDialog } from './case-dialog.js';
import { closeCase } from './case-endpoints.js';
import { DISPOSITIONS, type CaseWorkspace, type Disposition } from './case-types.js';
import {
  closeNeedsSecondPerson,
  CLOSE_REASON_LENGTH_MAX,
  CLOSE_REASON_LENGTH_MIN,
} from './close-rules.js';

/**
 * Closes the case with a disposition and a written reason. High and critical cases, and every
 * decision to report, go to a second person in the approvals inbox; the dialog says so first.
 */
export function CaseCloseDialog({
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
  const [disposition, setDisposition] = useState<Disposition>('false_positive');
  const [reason, setReason] = useState('');
  const length = reason.trim().length;
  const secondPerson = closeNeedsSecondPerson(data.case.severity, disposition);
  return (
    <CaseDialog
      title={t('cases.action.close')}
      description={t('cases.close.help')}
      confirmLabel={secondPerson ? t('cases.close.confirmFourEyes') : t('cases.close.confirm')}
      tone="primary"
      ready={length >= CLOSE_REASON_LENGTH_MIN && length <= CLOSE_REASON_LENGTH_MAX}
      testId="dialog-close"
      submit={() => closeCase(platformId, data.case.id, { disposition, reason: reason.trim() })}
      onClose={onClose}
      onDone={(reply) => {
        onClose();
        onActed(
          reply.status === 'closed'
            ? { key: 'cases.notice.closed' }
            : { key: 'cases.notice.closeRequested' },
        );
      }}
    >
      <label className="field">
        <span>{t('cases.field.disposition')}</span>
        <select
          name="disposition"
          value={disposition}
          onChange={(event) => {
            const next = DISPOSITIONS.find((value) => value === event.target.value);
            if (next !== undefined) setDisposition(next);
          }}
        >
          {DISPOSITIONS.map((value) => (
            <option key={value} value={value}>
              {t(`cases.disposition.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('cases.field.closeReason')}</span>
        <textarea
          name="reason"
          rows={4}
          maxLength={CLOSE_REASON_LENGTH_MAX}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <small className={length < CLOSE_REASON_LENGTH_MIN ? 'case-hint-warn' : 'muted'}>
          {t('cases.close.reasonLength', { length, min: CLOSE_REASON_LENGTH_MIN })}
        </small>
      </label>
      {secondPerson ? (
        <p className="case-banner small" data-testid="close-four-eyes">
          {t('cases.close.fourEyes')}
        </p>
      ) : null}
    </CaseDialog>
  );
}

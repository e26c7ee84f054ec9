import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Reasons go to the audit log with the action; the server takes up to 500 characters. */
export const REASON_LENGTH_MAX = 500;

/** A reason textarea whose text the dialog around it reads (to enable and to send). */
export function ReasonField({
  children,
}: {
  children: (reason: string, field: ReactNode) => ReactNode;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const field = (
    <label className="field">
      <span>{t('reason.label')}</span>
      <textarea
        name="reason"
        rows={3}
        maxLength={REASON_LENGTH_MAX}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </label>
  );
  return <>{children(reason, field)}</>;
}

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { ProblemAlert } from './problem-alert.js';
import { REASON_LENGTH_MAX } from './reason-dialog.js';

interface FormDialogProps<R> {
  title: string;
  description?: string;
  confirmLabel: string;
  tone: 'primary' | 'danger';
  /** The fields before the reason; `ready` says whether they are complete. */
  children: ReactNode;
  ready: boolean;
  /**
   * False for a change the API takes no reason for (a customer's risk attributes, like its
   * beneficial owners, are the rating's evidence and are audited as such): no reason is asked,
   * and onSubmit gets ''.
   */
  asksReason?: boolean;
  onSubmit: (reason: string) => Promise<R>;
  onClose: () => void;
  onDone: (result: R) => void;
}

/**
 * A modal form with fields of its own plus the reason every state-changing action records;
 * it submits, and shows the server's refusal without closing.
 */
export function FormDialog<R>(props: FormDialogProps<R>) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const asksReason = props.asksReason !== false;
  const reasonMissing = asksReason && reason.trim() === '';

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reasonMissing || busy || !props.ready) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await props.onSubmit(asksReason ? reason.trim() : '');
      props.onDone(result);
    } catch (error) {
      setProblem(asApiProblem(error));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialogRef} className="dialog" onClose={props.onClose} aria-labelledby="form-title">
      <form onSubmit={submit}>
        <h2 id="form-title">{props.title}</h2>
        {props.description === undefined ? null : <p className="muted">{props.description}</p>}
        {props.children}
        {asksReason ? (
          <label className="field">
            <span>{t('reason.label')}</span>
            <textarea
              name="reason"
              value={reason}
              maxLength={REASON_LENGTH_MAX}
              required
              rows={2}
              onChange={(event) => setReason(event.target.value)}
            />
          </label>
        ) : null}
        {problem === null ? null : <ProblemAlert problem={problem} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className={`button button-${props.tone}`}
            disabled={busy || !props.ready || reasonMissing}
          >
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

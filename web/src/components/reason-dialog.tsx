import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { ProblemAlert } from './problem-alert.js';

/** Every state-changing action asks for a reason; it goes to the audit log with the action. */
export const REASON_LENGTH_MAX = 500;

interface ReasonDialogProps {
  title: string;
  description?: string;
  confirmLabel: string;
  tone: 'primary' | 'danger';
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
  /** Gets what onSubmit resolved with (the server's answer). */
  onDone: (result: unknown) => void;
  /** Fields of the action itself, shown above the reason. */
  children?: ReactNode;
  /** False while those fields are not yet valid: the action cannot be submitted. */
  ready?: boolean;
}

/** A modal form that takes a reason, submits it, and shows the server's refusal if any. */
export function ReasonDialog(props: ReasonDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed === '' || busy || props.ready === false) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await props.onSubmit(trimmed);
      props.onDone(result);
    } catch (error) {
      setProblem(asApiProblem(error));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      onClose={props.onClose}
      aria-labelledby="reason-title"
    >
      <form onSubmit={submit}>
        <h2 id="reason-title">{props.title}</h2>
        {props.description === undefined ? null : <p className="muted">{props.description}</p>}
        {props.children}
        <label className="field">
          <span>{t('reason.label')}</span>
          <textarea
            name="reason"
            value={reason}
            maxLength={REASON_LENGTH_MAX}
            required
            rows={3}
            autoFocus={props.children === undefined}
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        {problem === null ? null : <ProblemAlert problem={problem} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className={`button button-${props.tone}`}
            disabled={busy || reason.trim() === '' || props.ready === false}
          >
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

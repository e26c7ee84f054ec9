import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { ProblemAlert } from '../components/index.js';

export interface CaseDialogProps<R> {
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  tone: 'primary' | 'danger';
  /** Whether the fields are complete; the confirm button waits for it. */
  ready: boolean;
  testId: string;
  children?: ReactNode;
  /** A problem found before sending (a file too large …), shown like the server's. */
  localProblem?: ReactNode;
  submit: () => Promise<R>;
  onClose: () => void;
  onDone: (result: R) => void;
}

/**
 * A modal form for one case or incident action: its own fields, one submit, and the server's
 * refusal shown in place without closing, so the person can correct and send again.
 */
export function CaseDialog<R>(props: CaseDialogProps<R>) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !props.ready) return;
    setBusy(true);
    setProblem(null);
    try {
      const result = await props.submit();
      props.onDone(result);
    } catch (error) {
      setProblem(asApiProblem(error));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog case-dialog"
      onClose={props.onClose}
      aria-labelledby={`${props.testId}-title`}
      data-testid={props.testId}
    >
      <form onSubmit={send}>
        <h2 id={`${props.testId}-title`}>{props.title}</h2>
        {props.description === undefined ? null : (
          <p className="muted small">{props.description}</p>
        )}
        {props.children}
        {props.localProblem ?? null}
        {problem === null ? null : <ProblemAlert problem={problem} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className={`button button-${props.tone}`}
            disabled={busy || !props.ready}
          >
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** A button that opens one dialog; `dialog` gets the function that closes it again. */
export function DialogButton({
  label,
  tone,
  testId,
  dialog,
}: {
  label: string;
  tone?: 'primary' | 'danger';
  testId: string;
  dialog: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`button button-small${tone === undefined ? '' : ` button-${tone}`}`}
        data-testid={testId}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {open ? dialog(() => setOpen(false)) : null}
    </>
  );
}

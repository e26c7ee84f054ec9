import { useState, type ReactNode } from 'react';
import { ReasonDialog } from './reason-dialog.js';

interface ReasonActionProps {
  label: string;
  title: string;
  description?: string;
  confirmLabel: string;
  tone: 'primary' | 'danger';
  onSubmit: (reason: string) => Promise<unknown>;
  onDone: (result: unknown) => void;
  children?: ReactNode;
  ready?: boolean;
  /** Marks the button for tests and styles. */
  action?: string;
}

/** A button that opens the reason dialog for one action. */
export function ReasonAction({ label, tone, onDone, action, ...dialog }: ReasonActionProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`button button-small button-${tone}`}
        data-action={action}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
      {open ? (
        <ReasonDialog
          {...dialog}
          tone={tone}
          onClose={() => setOpen(false)}
          onDone={(result) => {
            setOpen(false);
            onDone(result);
          }}
        />
      ) : null}
    </>
  );
}

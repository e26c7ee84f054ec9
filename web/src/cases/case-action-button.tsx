import type { ReactNode } from 'react';
import type { CaseNotice } from './case-actions.js';
import { CaseDialog, DialogButton } from './case-dialog.js';

export interface CaseActionButtonProps<R> {
  /** The action's name: the button is `action-<name>`, its dialog `dialog-<name>`. */
  name: string;
  /** The button's text, which is also the dialog's title. */
  label: string;
  description: string;
  /** The dialog's confirm text; the label when not given. */
  confirmLabel?: string;
  /** The button's own tone; a plain button when not given. */
  buttonTone?: 'primary' | 'danger';
  /** The dialog's confirm tone. */
  tone?: 'primary' | 'danger';
  /** Whether the dialog's fields are complete; always, when it has none. */
  ready?: boolean;
  /** The dialog's own fields. */
  children?: ReactNode;
  submit: () => Promise<R>;
  /** What the workspace says once the server has taken the action. */
  notice: (reply: R) => CaseNotice;
  /** Empties the dialog's fields after a success, so the next opening starts clean. */
  onReset?: () => void;
  onActed: (notice: CaseNotice) => void;
}

/**
 * One case action: a button that opens its dialog, which sends one request and, once the server
 * has taken it, closes, empties its fields and tells the workspace what changed.
 */
export function CaseActionButton<R>(props: CaseActionButtonProps<R>) {
  const { name, label, notice, onReset, onActed } = props;
  return (
    <DialogButton
      label={label}
      testId={`action-${name}`}
      tone={props.buttonTone}
      dialog={(close) => (
        <CaseDialog
          title={label}
          description={props.description}
          confirmLabel={props.confirmLabel ?? label}
          tone={props.tone ?? 'primary'}
          ready={props.ready ?? true}
          testId={`dialog-${name}`}
          submit={props.submit}
          onClose={close}
          onDone={(reply) => {
            close();
            onReset?.();
            onActed(notice(reply));
          }}
        >
          {props.children}
        </CaseDialog>
      )}
    />
  );
}

import { useState } from 'react';
import { CaseActionButton, type CaseActionButtonProps } from './case-action-button.js';

/** Notes and questions on a case: the server takes up to 4,000 characters. */
export const NOTE_LENGTH_MAX = 4_000;

interface CaseTextActionProps<R> extends Omit<
  CaseActionButtonProps<R>,
  'ready' | 'children' | 'submit' | 'onReset'
> {
  /** The free-text field's label, form name and height. */
  field: { label: string; name: string; rows: number };
  /** Whether the action waits for some text; otherwise the text is optional. */
  textRequired: boolean;
  /** Sends the action with the trimmed text. */
  submit: (text: string) => Promise<R>;
}

/** A case action whose dialog takes one free text (a note, a question), emptied after success. */
export function CaseTextAction<R>({
  field,
  textRequired,
  submit,
  ...action
}: CaseTextActionProps<R>) {
  const [text, setText] = useState('');
  return (
    <CaseActionButton
      {...action}
      ready={!textRequired || text.trim() !== ''}
      submit={() => submit(text.trim())}
      onReset={() => setText('')}
    >
      <label className="field">
        <span>{field.label}</span>
        <textarea
          name={field.name}
          rows={field.rows}
          maxLength={NOTE_LENGTH_MAX}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
    </CaseActionButton>
  );
}

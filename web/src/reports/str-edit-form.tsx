import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { ProblemAlert } from '../components/index.js';
import { editStr } from './reports-endpoints.js';
import type { StrContent } from './reports-types.js';

const lines = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Edits a draft STR: every save is a new version, with an optional note. */
export function StrEditForm({
  platformId,
  reportId,
  content,
  onSaved,
}: {
  platformId: string;
  reportId: string;
  content: StrContent;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(content.reason);
  const [action, setAction] = useState(content.action);
  const [indicators, setIndicators] = useState(content.indicators.join(', '));
  const [subjects, setSubjects] = useState(content.subjects.map((s) => s.customerId).join('\n'));
  const [transactions, setTransactions] = useState(
    content.transactions.map((x) => x.instructionId).join('\n'),
  );
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await editStr(platformId, reportId, {
        reason,
        action,
        indicators: lines(indicators),
        subjects: lines(subjects).map((customerId) => ({ customerId })),
        transactions: lines(transactions).map((instructionId) => ({ instructionId })),
        ...(note.trim() === '' ? {} : { note: note.trim() }),
      });
      setNote('');
      onSaved();
    } catch (error) {
      setProblem(asApiProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const area = (name: string, value: string, set: (v: string) => void, rows = 3) => (
    <label className="field">
      <span>{t(`reports.str.${name}`)}</span>
      <textarea name={name} value={value} rows={rows} onChange={(e) => set(e.target.value)} />
    </label>
  );
  return (
    <form className="str-form" onSubmit={submit} data-testid="str-edit-form">
      {area('reason', reason, setReason, 5)}
      {area('action', action, setAction, 2)}
      {area('indicators', indicators, setIndicators, 1)}
      {area('subjects', subjects, setSubjects, 2)}
      {area('transactions', transactions, setTransactions, 3)}
      <label className="field">
        <span>{t('reports.str.note')}</span>
        <input name="note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </label>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('reports.str.save')}
        </button>
      </div>
    </form>
  );
}

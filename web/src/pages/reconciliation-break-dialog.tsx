import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ADJUSTMENT_ACCOUNT_TYPES,
  asApiProblem,
  resolveBreak,
  type AdjustmentAccountType,
  type ApiProblem,
  type BreakResolution,
  type BreakResolutionReply,
  type ReconBreak,
} from '../api/index.js';
import { MoneyText, ProblemAlert } from '../components/index.js';

export type BreakAction = 'link' | 'suspense' | 'adjust';
const NOTE_LENGTH_MAX = 500;

/**
 * One resolution of one break. `link` picks unmatched items of the other side (their sum must
 * equal the break's amount); `suspense` needs only a note; `adjust` asks for an adjusting
 * entry, which a second person approves.
 */
export function BreakResolveDialog({
  platformId,
  target,
  action,
  candidates,
  onClose,
  onDone,
}: {
  platformId: string;
  target: ReconBreak;
  action: BreakAction;
  /** Unresolved breaks of the other side and currency: the items a link may name. */
  candidates: ReconBreak[];
  onClose: () => void;
  onDone: (reply: BreakResolutionReply) => void;
}) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [counterAccountType, setCounterAccountType] = useState<AdjustmentAccountType>('suspense');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
  }, []);

  const ready =
    action === 'link' ? picked.length > 0 : action === 'adjust' ? note.trim() !== '' : true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    const text = note.trim();
    const body: BreakResolution =
      action === 'link'
        ? { resolution: 'link', itemIds: picked, ...(text === '' ? {} : { note: text }) }
        : action === 'suspense'
          ? { resolution: 'suspense', ...(text === '' ? {} : { note: text }) }
          : { resolution: 'adjust', counterAccountType, reason: text };
    setBusy(true);
    setProblem(null);
    try {
      onDone(await resolveBreak(platformId, target.id, body));
    } catch (error) {
      setProblem(asApiProblem(error));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      onClose={onClose}
      aria-labelledby="break-resolve-title"
      style={{ width: 'min(560px, 94vw)' }}
    >
      <form onSubmit={submit}>
        <h2 id="break-resolve-title">{t(`recon.resolve.${action}Title`)}</h2>
        <p className="muted">
          {t(`recon.side.${target.side}`)} · <code className="id">{target.itemId}</code> ·{' '}
          <MoneyText value={target.amount} />
        </p>
        <p className="muted small">{t(`recon.resolve.${action}Description`)}</p>
        {action === 'link' ? (
          <fieldset className="field" style={{ border: 'none', padding: 0 }}>
            <legend className="small" style={{ fontWeight: 500 }}>
              {t('recon.resolve.pickItems')}
            </legend>
            {candidates.length === 0 ? (
              <p className="muted small">{t('recon.resolve.noCandidates')}</p>
            ) : (
              candidates.map((candidate) => (
                <label key={candidate.id} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                  <input
                    type="checkbox"
                    name="itemIds"
                    value={candidate.itemId}
                    checked={picked.includes(candidate.itemId)}
                    onChange={(event) =>
                      setPicked((current) =>
                        event.target.checked
                          ? [...current, candidate.itemId]
                          : current.filter((id) => id !== candidate.itemId),
                      )
                    }
                  />
                  <code className="id">{candidate.itemId}</code>
                  <span className="muted small">{candidate.itemDate}</span>
                  <MoneyText value={candidate.amount} />
                </label>
              ))
            )}
          </fieldset>
        ) : null}
        {action === 'adjust' ? (
          <label className="field">
            <span>{t('recon.resolve.counterAccount')}</span>
            <select
              name="counterAccountType"
              value={counterAccountType}
              onChange={(event) =>
                setCounterAccountType(event.target.value as AdjustmentAccountType)
              }
            >
              {ADJUSTMENT_ACCOUNT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`accountType.${type}`)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="field">
          <span>{action === 'adjust' ? t('reason.label') : t('recon.resolve.note')}</span>
          <textarea
            name={action === 'adjust' ? 'reason' : 'note'}
            value={note}
            maxLength={NOTE_LENGTH_MAX}
            required={action === 'adjust'}
            rows={3}
            onChange={(event) => setNote(event.target.value)}
          />
        </label>
        {problem === null ? null : <ProblemAlert problem={problem} />}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !ready}>
            {t(`recon.resolve.${action}Confirm`)}
          </button>
        </div>
      </form>
    </dialog>
  );
}

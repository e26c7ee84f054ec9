import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../access/use-can.js';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { DateTime, ProblemAlert } from '../components/index.js';
import { ASSIGNABLE_ROLES } from './case-assign-buttons.js';
import { recordIncidentReview } from './incident-endpoints.js';
import type { FollowUpAction, IncidentView } from './incident-types.js';
import { AssigneeName } from './principal-name.js';
import { linesFit, linesOf, REVIEW_ITEMS_MAX } from './review-lines.js';

const EMPTY_ACTION: FollowUpAction = { action: '', ownerRole: 'risk_analyst', dueDate: '' };

/** The recorded post-incident review. */
export function IncidentReviewView({ review }: { review: NonNullable<IncidentView['review']> }) {
  const { t } = useTranslation();
  return (
    <div className="card incident-review" data-testid="incident-review-recorded">
      <div className="incident-review-columns">
        <div>
          <h3>{t('incidents.review.causes')}</h3>
          <ul>
            {review.causes.map((cause) => (
              <li key={cause}>{cause}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('incidents.review.lessons')}</h3>
          <ul>
            {review.lessons.map((lesson) => (
              <li key={lesson}>{lesson}</li>
            ))}
          </ul>
        </div>
      </div>
      <h3>{t('incidents.review.followUps')}</h3>
      {review.followUpActions.length === 0 ? (
        <p className="muted small">{t('incidents.review.noFollowUps')}</p>
      ) : (
        <ul>
          {review.followUpActions.map((item) => (
            <li key={`${item.action}|${item.dueDate}`}>
              {item.action}{' '}
              <span className="small muted">
                · {t(`role.${item.ownerRole}`, { defaultValue: item.ownerRole })} · {item.dueDate}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="small muted">
        {t('incidents.review.recordedBy')} <AssigneeName principalId={review.reviewedBy} /> ·{' '}
        <DateTime value={review.createdAt} />
      </p>
    </div>
  );
}

/** Causes and lessons (one per line) and follow-up actions with owner role and due date. */
export function IncidentReviewForm({
  view,
  onActed,
}: {
  view: IncidentView;
  onActed: (key: string) => void;
}) {
  const { t } = useTranslation();
  const mayManage = useCan()('incidents.manage');
  const [causes, setCauses] = useState('');
  const [lessons, setLessons] = useState('');
  const [actions, setActions] = useState<FollowUpAction[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  if (!mayManage) return <p className="muted">{t('incidents.review.none')}</p>;
  const causeLines = linesOf(causes);
  const lessonLines = linesOf(lessons);
  const actionsComplete = actions.every(
    (item) => item.action.trim() !== '' && /^\d{4}-\d{2}-\d{2}$/.test(item.dueDate),
  );
  const ready = linesFit(causeLines) && linesFit(lessonLines) && actionsComplete;
  const update = (index: number, change: Partial<FollowUpAction>) =>
    setActions((current) =>
      current.map((item, at) => (at === index ? { ...item, ...change } : item)),
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await recordIncidentReview(view.id, {
        causes: causeLines,
        lessons: lessonLines,
        followUpActions: actions.map((item) => ({ ...item, action: item.action.trim() })),
      });
      onActed('incidents.notice.reviewed');
    } catch (error) {
      setProblem(asApiProblem(error));
      setBusy(false);
    }
  };
  return (
    <form className="card incident-review-form" onSubmit={submit} data-testid="review-form">
      <div className="incident-review-columns">
        <label className="field">
          <span>{t('incidents.review.causes')}</span>
          <textarea
            name="causes"
            rows={4}
            value={causes}
            onChange={(event) => setCauses(event.target.value)}
          />
          <small className="muted">{t('incidents.review.onePerLine')}</small>
        </label>
        <label className="field">
          <span>{t('incidents.review.lessons')}</span>
          <textarea
            name="lessons"
            rows={4}
            value={lessons}
            onChange={(event) => setLessons(event.target.value)}
          />
          <small className="muted">{t('incidents.review.onePerLine')}</small>
        </label>
      </div>
      <fieldset className="incident-follow-ups">
        <legend>{t('incidents.review.followUps')}</legend>
        {actions.map((item, index) => (
          <div className="incident-follow-up" key={index} data-follow-up={index}>
            <input
              type="text"
              name="followUpAction"
              aria-label={t('incidents.review.action')}
              placeholder={t('incidents.review.action')}
              value={item.action}
              maxLength={2_000}
              onChange={(event) => update(index, { action: event.target.value })}
            />
            <select
              name="followUpOwner"
              aria-label={t('incidents.review.owner')}
              value={item.ownerRole}
              onChange={(event) => update(index, { ownerRole: event.target.value })}
            >
              {ASSIGNABLE_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
            <input
              type="date"
              name="followUpDue"
              aria-label={t('incidents.review.due')}
              value={item.dueDate}
              onChange={(event) => update(index, { dueDate: event.target.value })}
            />
            <button
              type="button"
              className="button button-small"
              onClick={() => setActions((current) => current.filter((_, at) => at !== index))}
            >
              {t('incidents.review.remove')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          data-testid="add-follow-up"
          disabled={actions.length >= REVIEW_ITEMS_MAX}
          onClick={() => setActions((current) => [...current, { ...EMPTY_ACTION }])}
        >
          {t('incidents.review.addFollowUp')}
        </button>
      </fieldset>
      {problem === null ? null : <ProblemAlert problem={problem} />}
      <div className="dialog-actions">
        <button type="submit" className="button button-primary" disabled={!ready || busy}>
          {t('incidents.review.record')}
        </button>
      </div>
    </form>
  );
}

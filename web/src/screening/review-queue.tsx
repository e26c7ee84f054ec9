import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { EmptyRow, ProblemAlert, ResourceView, Section } from '../components/index.js';
import { useResource } from '../hooks/use-resource.js';
import { HitExplanationView } from './hit-explanation.js';
import { decideReview, listReviews, type ScreeningReview } from './screening-endpoints.js';

const FILTERS = ['pending', 'true_match', 'false_positive', 'all'] as const;

function DecisionCell({
  platformId,
  review,
  canDecide,
  onDecided,
}: {
  platformId: string;
  review: ScreeningReview;
  canDecide: boolean;
  /** Called with the i18n key of what happened. */
  onDecided: (messageKey: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  if (review.status === 'true_match' || review.status === 'false_positive')
    return (
      <span className="muted">
        {review.decidedBy} — {review.decisionReason}
      </span>
    );
  if (!canDecide) return null;
  const decide = async (decision: 'true_match' | 'false_positive') => {
    setProblem(null);
    try {
      const outcome = await decideReview(platformId, review.id, decision, reason);
      onDecided(
        outcome.review.status === 'release_proposed'
          ? 'screening.reviews.proposed'
          : outcome.instructionReleased
            ? 'screening.reviews.released'
            : 'screening.reviews.decided',
      );
    } catch (error) {
      setProblem(asApiProblem(error));
    }
  };
  return (
    <div className="screening-decision">
      <input
        name={`reason-${review.id}`}
        placeholder={t('screening.reviews.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="button"
        disabled={reason.trim() === ''}
        onClick={() => void decide('false_positive')}
      >
        {t('screening.reviews.falsePositive')}
      </button>
      <button
        type="button"
        className="button button-danger"
        disabled={reason.trim() === ''}
        onClick={() => void decide('true_match')}
      >
        {t('screening.reviews.trueMatch')}
      </button>
      {problem === null ? null : <ProblemAlert problem={problem} />}
    </div>
  );
}

/** The platform's screening reviews: open ones first to decide, decided ones for the record. */
export function ReviewQueue({ platformId, canDecide }: { platformId: string; canDecide: boolean }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('pending');
  const [message, setMessage] = useState<string | null>(null);
  const reviews = useResource(
    (signal) => listReviews(platformId, filter, signal),
    `${platformId}/${filter}`,
  );
  return (
    <Section title={t('screening.reviews.title')} testId="screening-reviews">
      <div className="row-actions">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? 'button button-primary' : 'button'}
            onClick={() => setFilter(f)}
          >
            {t(`screening.reviews.filter.${f}`)}
          </button>
        ))}
      </div>
      {message === null ? null : (
        <p className="notice" role="status">
          {t(message)}
        </p>
      )}
      <ResourceView resource={reviews}>
        {(data) => (
          <div className="screening-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('screening.col.subject')}</th>
                  <th>{t('screening.col.entry')}</th>
                  <th>{t('screening.col.score')}</th>
                  <th>{t('screening.col.explanation')}</th>
                  <th>{t('screening.col.status')}</th>
                  <th>{t('screening.col.decision')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 ? (
                  <EmptyRow columns={6} text={t('screening.reviews.none')} />
                ) : null}
                {data.items.map((review) => (
                  <tr key={review.id} data-testid="screening-review-row">
                    <td>
                      <div>{t(`screening.subject.${review.subjectKind}`)}</div>
                      <code className="muted">{review.subjectId}</code>
                      {review.otherHolds ? (
                        <div className="muted">{t('screening.reviews.otherHolds')}</div>
                      ) : null}
                    </td>
                    <td>
                      <div>{review.entryName}</div>
                      <div className="muted">{review.entryKey}</div>
                    </td>
                    <td>{review.score.toFixed(3)}</td>
                    <td>
                      <HitExplanationView explanation={review.explanation.explanation} />
                    </td>
                    <td>
                      {t(`screening.status.${review.status}`)}
                      {review.proposedBy === null ? null : (
                        <div className="muted">
                          {t('screening.reviews.proposedBy', { who: review.proposedBy })}
                        </div>
                      )}
                    </td>
                    <td>
                      <DecisionCell
                        platformId={platformId}
                        review={review}
                        canDecide={canDecide}
                        onDecided={(text) => {
                          setMessage(text);
                          reviews.reload();
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ResourceView>
    </Section>
  );
}

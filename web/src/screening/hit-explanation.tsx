import { useTranslation } from 'react-i18next';
import type { HitExplanation } from './screening-endpoints.js';

/** Which tokens matched how, what is missing on either side, and the qualifiers applied. */
export function HitExplanationView({ explanation }: { explanation: HitExplanation }) {
  const { t } = useTranslation();
  return (
    <div className="screening-explanation" data-testid="hit-explanation">
      <ul className="screening-pairs">
        {explanation.pairs.map((pair) => (
          <li key={`${pair.query}-${pair.entry}`}>
            <code>{pair.query}</code> ↔ <code>{pair.entry}</code>{' '}
            <span className="muted">
              {t(`screening.kind.${pair.kind}`)} {pair.score.toFixed(2)}
            </span>
          </li>
        ))}
      </ul>
      {explanation.unmatchedEntry.length > 0 ? (
        <p className="muted">
          {t('screening.unmatchedEntry')}: {explanation.unmatchedEntry.join(' ')}
        </p>
      ) : null}
      {explanation.unmatchedQuery.length > 0 ? (
        <p className="muted">
          {t('screening.unmatchedQuery')}: {explanation.unmatchedQuery.join(' ')}
        </p>
      ) : null}
      {explanation.qualifiers.map((q) => (
        <p key={q.kind} className="muted">
          {t(`screening.qualifier.${q.kind}`)} {q.adjustment >= 0 ? '+' : ''}
          {q.adjustment.toFixed(2)} ({q.detail})
        </p>
      ))}
      {explanation.quality === 'weak' ? <p className="muted">{t('screening.weakAlias')}</p> : null}
    </div>
  );
}

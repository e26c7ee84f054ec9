import { useTranslation } from 'react-i18next';
import { NETWORK_FAILURE_STATUS, type ApiProblem } from '../api/index.js';

/** Shows an RFC 9457 problem as the server wrote it: its title, then its detail. */
export function ProblemAlert({ problem, onRetry }: { problem: ApiProblem; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status =
    problem.status === NETWORK_FAILURE_STATUS ? t('problem.network') : `HTTP ${problem.status}`;
  const code = problem.code === null ? '' : ` · ${problem.code}`;
  return (
    <div
      className="problem"
      role="alert"
      data-problem-status={problem.status}
      data-problem-code={problem.code ?? undefined}
    >
      <div className="problem-heading">
        <strong className="problem-title">{problem.title}</strong>
        <span className="problem-status">
          {status}
          {code}
        </span>
      </div>
      {problem.detail === null ? null : <p className="problem-detail">{problem.detail}</p>}
      {onRetry === undefined ? null : (
        <button type="button" className="button button-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

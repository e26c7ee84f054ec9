import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../../api/index.js';
import { ProblemAlert } from '../../components/index.js';

/**
 * The server's problem as it wrote it, preceded by a plain-language line for the refusals a
 * customer can act on: a flood limit (429, with when to try again) and an oversized upload (413).
 */
export function SelfServiceProblem({ problem }: { problem: ApiProblem }) {
  const { t } = useTranslation();
  const hint =
    problem.status === 429
      ? t('portalSelfService.problem.tooMany')
      : problem.status === 413 || problem.code === 'attachment_too_large'
        ? t('portalSelfService.problem.tooLarge')
        : null;
  return (
    <div className="portal-self-problem" data-testid="portal-self-problem">
      {hint === null ? null : <p className="portal-self-hint">{hint}</p>}
      <ProblemAlert problem={problem} />
    </div>
  );
}

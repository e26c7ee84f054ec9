import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../api/index.js';
import { ProblemAlert } from './problem-alert.js';

/** Problem codes of the sign-in and enrolment calls that have a message in the catalogue. */
const KNOWN_CODES: Readonly<Record<string, string>> = {
  invalid_credentials: 'signInProblem.invalidCredentials',
  totp_required: 'signInProblem.totpRequired',
  rate_limited: 'signInProblem.rateLimited',
  unauthenticated: 'signInProblem.unauthenticated',
  validation_failed: 'signInProblem.notAccepted',
};

/**
 * A refused sign-in in the reader's language: the server's wording is English and, on
 * purpose, never says which part (login, password or code) was wrong. Unknown problems show
 * as the server wrote them.
 */
export function SignInProblem({ problem }: { problem: ApiProblem }) {
  const { t } = useTranslation();
  const key = problem.code === null ? undefined : KNOWN_CODES[problem.code];
  if (key === undefined) return <ProblemAlert problem={problem} />;
  return (
    <div
      className="problem"
      role="alert"
      data-problem-status={problem.status}
      data-problem-code={problem.code ?? undefined}
    >
      <strong className="problem-title">{t(key)}</strong>
      {problem.code === 'validation_failed' && problem.detail !== null ? (
        <p className="problem-detail">{problem.detail}</p>
      ) : null}
    </div>
  );
}

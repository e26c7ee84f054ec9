import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/index.js';
import { CONSOLE_ROOT, consolePaths, safeNextPath } from '../console-paths.js';
import { SignInPage } from '../pages/sign-in-page.js';
import { navigate, Redirect, useLocation } from '../router/index.js';
import { SignedInConsole } from './signed-in-console.js';
import { useAuth } from './use-auth.js';

/** The root: `/` goes to /console, signed-out tabs go to sign-in and come back after. */
export function App() {
  const { t } = useTranslation();
  const location = useLocation();
  const auth = useAuth();
  const inConsole =
    location.pathname === CONSOLE_ROOT || location.pathname.startsWith(`${CONSOLE_ROOT}/`);
  if (!inConsole) return <Redirect to={CONSOLE_ROOT} />;

  const { state } = auth;
  if (state.status === 'checking') {
    return <p className="loading loading-screen">{t('common.loading')}</p>;
  }
  if (state.status === 'unreachable') {
    return (
      <div className="loading-screen">
        <ProblemAlert problem={state.problem} onRetry={auth.recheck} />
      </div>
    );
  }
  if (state.status === 'signedOut') {
    if (location.pathname !== consolePaths.signIn) {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Redirect to={`${consolePaths.signIn}?next=${next}`} />;
    }
    return (
      <SignInPage
        onSignedIn={(key, principal) => {
          auth.signIn(key, principal);
          navigate(safeNextPath(new URLSearchParams(location.search).get('next')), {
            replace: true,
          });
        }}
      />
    );
  }
  return <SignedInConsole principal={state.principal} signOut={auth.signOut} />;
}

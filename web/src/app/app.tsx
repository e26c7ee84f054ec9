import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../components/index.js';
import { CONSOLE_ROOT, consolePaths, safeNextPath } from '../console-paths.js';
import { EnrolmentPage } from '../pages/enrolment-page.js';
import { SignInPage } from '../pages/sign-in-page.js';
import { transparencyPlatform } from '../pol/pol-paths.js';
import { TransparencyPage } from '../pol/transparency-page.js';
import { navigate, Redirect, useLocation } from '../router/index.js';
import { PortalApp } from '../portal/portal-app.js';
import { isPortalPath } from '../portal/portal-paths.js';
import { SignedInConsole } from './signed-in-console.js';
import { useAuth } from './use-auth.js';

/**
 * The root: `/` goes to /console, signed-out tabs go to sign-in (and come back after), a first
 * sign-in goes through enrolment of the second factor.
 */
export function App() {
  const { t } = useTranslation();
  const location = useLocation();
  const inConsole =
    location.pathname === CONSOLE_ROOT || location.pathname.startsWith(`${CONSOLE_ROOT}/`);
  // Only staff pages check the staff session: the portal has its own, which /v1/me refuses.
  const auth = useAuth(inConsole && !isPortalPath(location.pathname));
  // The public transparency report needs no sign-in.
  const transparencyPlatformId = transparencyPlatform(location.pathname);
  if (transparencyPlatformId !== null)
    return <TransparencyPage platformId={transparencyPlatformId} />;
  if (!inConsole) return <Redirect to={CONSOLE_ROOT} />;
  // Customers: passkey enrolment and sign-in, then their own portal.
  if (isPortalPath(location.pathname)) return <PortalApp />;
  const goNext = () =>
    navigate(safeNextPath(new URLSearchParams(window.location.search).get('next')), {
      replace: true,
    });

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
  if (state.status === 'enrolling') {
    if (location.pathname !== consolePaths.enrolment) {
      return <Redirect to={consolePaths.enrolment + location.search} />;
    }
    return (
      <EnrolmentPage
        onEnrolled={(principal) => {
          auth.signIn(principal, 'session');
          goNext();
        }}
        onCancel={() => void auth.signOut()}
      />
    );
  }
  if (state.status === 'signedOut') {
    if (location.pathname !== consolePaths.signIn) {
      const onEntryPage =
        location.pathname === consolePaths.enrolment || location.pathname === CONSOLE_ROOT;
      const next = encodeURIComponent(location.pathname + location.search);
      return (
        <Redirect to={onEntryPage ? consolePaths.signIn : `${consolePaths.signIn}?next=${next}`} />
      );
    }
    return (
      <SignInPage
        expired={state.expired}
        onSignedIn={(principal, method, apiKey) => {
          auth.signIn(principal, method, apiKey);
          goNext();
        }}
        onEnrolmentRequired={() => {
          auth.startEnrolment();
          navigate(consolePaths.enrolment + window.location.search, { replace: true });
        }}
      />
    );
  }
  return <SignedInConsole principal={state.principal} signOut={auth.signOut} />;
}

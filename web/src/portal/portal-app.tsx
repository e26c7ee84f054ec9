import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiProblem, type ApiProblem } from '../api/index.js';
import { LanguageSwitch, ProblemAlert } from '../components/index.js';
import { Link, matchPath, navigate, Redirect, useLocation } from '../router/index.js';
import { getPortalSession, signOutOfPortal } from './portal-endpoints.js';
import { PORTAL_ROOT, portalPaths } from './portal-paths.js';
import { PORTAL_SECTIONS } from './portal-sections.js';
import { PortalEnrol, PortalSignIn } from './portal-sign-in.js';
import type { PortalSession } from './portal-types.js';
import './portal.css';

type State =
  | { status: 'checking' }
  | { status: 'signedOut' }
  | { status: 'unreachable'; problem: ApiProblem }
  | { status: 'signedIn'; session: PortalSession };

/**
 * The customer portal: enrolment from a platform's link, passkey sign-in, then the sections
 * (balances, pending instructions, statements, history and any others listed).
 */
export function PortalApp() {
  const { t } = useTranslation();
  const location = useLocation();
  const [state, setState] = useState<State>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const recheck = () => {
    setState({ status: 'checking' });
    setAttempt((value) => value + 1);
  };

  useEffect(() => {
    const controller = new AbortController();
    getPortalSession(controller.signal).then(
      (session) => setState({ status: 'signedIn', session }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = asApiProblem(error);
        if (problem.status === 401 || problem.status === 403) setState({ status: 'signedOut' });
        else setState({ status: 'unreachable', problem });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const afterSignIn = () => {
    navigate(portalPaths.section('/pending'), { replace: true });
    recheck();
  };
  if (location.pathname === portalPaths.enrol) {
    const token = new URLSearchParams(location.search).get('token') ?? '';
    return <PortalEnrol token={token} onEnrolled={afterSignIn} />;
  }
  if (state.status === 'checking')
    return <p className="loading loading-screen">{t('common.loading')}</p>;
  if (state.status === 'unreachable')
    return (
      <div className="loading-screen">
        <ProblemAlert problem={state.problem} onRetry={recheck} />
      </div>
    );
  if (state.status === 'signedOut') {
    if (location.pathname !== portalPaths.signIn) return <Redirect to={portalPaths.signIn} />;
    return <PortalSignIn onSignedIn={afterSignIn} />;
  }
  const relative = location.pathname.slice(PORTAL_ROOT.length) || '/';
  if (relative === '/' || relative === '/sign-in')
    return <Redirect to={portalPaths.section('/balances')} />;
  let page = null;
  for (const section of PORTAL_SECTIONS) {
    const params = matchPath(section.path, relative);
    if (params !== null) {
      page = section.render(params);
      break;
    }
  }
  const signOut = async () => {
    await signOutOfPortal().catch(() => undefined);
    setState({ status: 'signedOut' });
    navigate(portalPaths.signIn, { replace: true });
  };
  return (
    <div className="portal">
      <header className="portal-top">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span>{state.session.platformName}</span>
        </div>
        <nav className="portal-nav" aria-label={t('portal.nav.label')}>
          {PORTAL_SECTIONS.filter((section) => section.inNav).map((section) => (
            <Link
              key={section.id}
              to={portalPaths.section(section.path)}
              className={
                matchPath(section.path, relative) === null
                  ? 'portal-nav-item'
                  : 'portal-nav-item active'
              }
            >
              {t(section.labelKey)}
            </Link>
          ))}
        </nav>
        <div className="portal-who">
          <span data-testid="portal-customer">{state.session.externalRef}</span>
          <LanguageSwitch />
          <button type="button" className="button button-small" onClick={() => void signOut()}>
            {t('portal.signOut')}
          </button>
        </div>
      </header>
      <main className="portal-main">{page ?? <p>{t('portal.notFound')}</p>}</main>
    </div>
  );
}

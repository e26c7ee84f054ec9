import { useMemo, useState, type ReactNode } from 'react';
import { roleHasPermission } from '../access/permissions.js';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type Principal } from '../api/index.js';
import { ProblemAlert } from '../components/index.js';
import { CONSOLE_ROOT, consolePaths, safeNextPath } from '../console-paths.js';
import { NotAllowedPage } from '../pages/not-allowed-page.js';
import { NotFoundPage } from '../pages/not-found-page.js';
import { navigate, Redirect, useLocation } from '../router/index.js';
import {
  readPlatformChoice,
  SessionContext,
  writePlatformChoice,
  type Session,
} from '../session/index.js';
import { ConsoleLayout } from './console-layout.js';
import { resolveConsoleRoute } from './console-routes.js';

/** The console once signed in: resolves the page, and asks staff for a platform first. */
export function SignedInConsole({
  principal,
  signOut,
}: {
  principal: Principal;
  signOut: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const [choice, setChoice] = useState<string | null>(readPlatformChoice);
  const platformId = principal.kind === 'platform' ? principal.platformId : choice;

  const session = useMemo<Session>(
    () => ({
      principal,
      platformId,
      choosePlatform: (id) => {
        writePlatformChoice(id);
        setChoice(id);
        navigate(safeNextPath(new URLSearchParams(window.location.search).get('next')));
      },
      signOut: () => signOut().then(() => navigate(consolePaths.signIn)),
    }),
    [principal, platformId, signOut],
  );

  const here = location.pathname + location.search;
  if (location.pathname === CONSOLE_ROOT || location.pathname === `${CONSOLE_ROOT}/`) {
    return <Redirect to={consolePaths.customers} />;
  }
  if (location.pathname === consolePaths.signIn || location.pathname === consolePaths.enrolment) {
    return <Redirect to={safeNextPath(new URLSearchParams(location.search).get('next'))} />;
  }
  if (principal.kind === 'platform' && platformId === null) {
    const problem = new ApiProblem({ status: 403, title: t('session.noPlatformTitle') });
    return <ProblemAlert problem={problem} />;
  }
  if (principal.kind === 'platform' && location.pathname === consolePaths.platforms) {
    return <Redirect to={consolePaths.customers} />;
  }
  const resolved = resolveConsoleRoute(location.pathname);
  const allowed = resolved === null || roleHasPermission(principal.role, resolved.route.permission);
  if (allowed && resolved !== null && resolved.route.needsPlatform && platformId === null) {
    return <Redirect to={`${consolePaths.platforms}?next=${encodeURIComponent(here)}`} />;
  }
  let page: ReactNode;
  if (resolved === null) page = <NotFoundPage />;
  else if (!allowed) page = <NotAllowedPage />;
  else page = resolved.route.render(resolved.params);
  return (
    <SessionContext.Provider value={session}>
      <ConsoleLayout>{page}</ConsoleLayout>
    </SessionContext.Provider>
  );
}

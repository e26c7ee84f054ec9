import { useCallback, useEffect, useState } from 'react';
import {
  asApiProblem,
  clearApiKey,
  endSession,
  getMe,
  onUnauthorized,
  readApiKey,
  writeApiKey,
  type ApiProblem,
  type Principal,
} from '../api/index.js';
import {
  clearEnrolling,
  clearPlatformChoice,
  readEnrolling,
  writeEnrolling,
} from '../session/index.js';

/** Staff sign in with a password and TOTP (a cookie session); API clients with a key. */
export type SignInMethod = 'session' | 'apiKey';

export type AuthState =
  | { status: 'checking' }
  /** `expired`: the server turned away a request of a session or key that used to work. */
  | { status: 'signedOut'; expired: boolean }
  /** A first sign-in: the session may only enrol a second factor and set a password. */
  | { status: 'enrolling' }
  | { status: 'unreachable'; problem: ApiProblem }
  | { status: 'signedIn'; principal: Principal; method: SignInMethod };

export interface Auth {
  state: AuthState;
  signIn: (principal: Principal, method: SignInMethod, apiKey?: string) => void;
  startEnrolment: () => void;
  /** Ends the server session too, when there is one; resolves once it has. */
  signOut: () => Promise<void>;
  recheck: () => void;
}

function initialState(): AuthState {
  if (readApiKey() === null && readEnrolling()) return { status: 'enrolling' };
  return { status: 'checking' };
}

/**
 * Who this tab is signed in as. At start a stored API key, or else the session cookie, is
 * checked with GET /v1/me; any later 401 signs the tab out, since the key was revoked or the
 * session ended meanwhile. The check runs only while `staffPage` is true: customer portal
 * pages have a session of their own, which /v1/me refuses (and records as a refused
 * permission). It runs again whenever the tab comes back to a staff page.
 */
export function useAuth(staffPage: boolean): Auth {
  const [state, setState] = useState<AuthState>(initialState);
  const [attempt, setAttempt] = useState(0);

  const forget = useCallback((expired: boolean) => {
    clearApiKey();
    clearEnrolling();
    clearPlatformChoice();
    setState({ status: 'signedOut', expired });
  }, []);

  useEffect(() => onUnauthorized(() => forget(true)), [forget]);

  useEffect(() => {
    if (!staffPage) return;
    if (attempt === 0 && initialState().status === 'enrolling') return;
    const controller = new AbortController();
    const method: SignInMethod = readApiKey() === null ? 'session' : 'apiKey';
    getMe(controller.signal, undefined, true).then(
      (me) => setState({ status: 'signedIn', principal: me.principal, method }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = asApiProblem(error);
        if (problem.status === 401) forget(false);
        else setState({ status: 'unreachable', problem });
      },
    );
    return () => controller.abort();
  }, [staffPage, attempt, forget]);

  const signIn = useCallback((principal: Principal, method: SignInMethod, apiKey?: string) => {
    clearEnrolling();
    if (method === 'apiKey' && apiKey !== undefined) writeApiKey(apiKey);
    else clearApiKey();
    setState({ status: 'signedIn', principal, method });
  }, []);

  const startEnrolment = useCallback(() => {
    clearApiKey();
    writeEnrolling();
    setState({ status: 'enrolling' });
  }, []);

  const signOut = useCallback(async () => {
    if (readApiKey() === null) {
      // The answer clears the cookie; waiting for it keeps a quick next sign-in's cookie safe.
      await endSession().catch(() => undefined);
    }
    forget(false);
  }, [forget]);

  const recheck = useCallback(() => {
    setState({ status: 'checking' });
    setAttempt((value) => value + 1);
  }, []);

  return { state, signIn, startEnrolment, signOut, recheck };
}

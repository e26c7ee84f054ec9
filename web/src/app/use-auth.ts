import { useCallback, useEffect, useState } from 'react';
import {
  asApiProblem,
  clearApiKey,
  getMe,
  onUnauthorized,
  readApiKey,
  writeApiKey,
  type ApiProblem,
  type Principal,
} from '../api/index.js';
import { clearPlatformChoice } from '../session/index.js';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signedOut' }
  | { status: 'unreachable'; problem: ApiProblem }
  | { status: 'signedIn'; principal: Principal };

export interface Auth {
  state: AuthState;
  signIn: (apiKey: string, principal: Principal) => void;
  signOut: () => void;
  recheck: () => void;
}

/**
 * Whether this tab holds a working API key. A stored key is checked once at start; any later
 * 401 signs the tab out, since the key was revoked or expired meanwhile.
 */
export function useAuth(): Auth {
  const [state, setState] = useState<AuthState>(() =>
    readApiKey() === null ? { status: 'signedOut' } : { status: 'checking' },
  );
  const [attempt, setAttempt] = useState(0);

  const signOut = useCallback(() => {
    clearApiKey();
    clearPlatformChoice();
    setState({ status: 'signedOut' });
  }, []);

  useEffect(() => onUnauthorized(signOut), [signOut]);

  useEffect(() => {
    if (readApiKey() === null) return;
    const controller = new AbortController();
    getMe(controller.signal).then(
      (me) => setState({ status: 'signedIn', principal: me.principal }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const problem = asApiProblem(error);
        if (problem.status === 401) signOut();
        else setState({ status: 'unreachable', problem });
      },
    );
    return () => controller.abort();
  }, [attempt, signOut]);

  const signIn = useCallback((apiKey: string, principal: Principal) => {
    writeApiKey(apiKey);
    setState({ status: 'signedIn', principal });
  }, []);

  const recheck = useCallback(() => {
    setState({ status: 'checking' });
    setAttempt((value) => value + 1);
  }, []);

  return { state, signIn, signOut, recheck };
}

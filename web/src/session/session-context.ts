import { createContext, useContext } from 'react';
import type { Principal } from '../api/index.js';

/** Who is signed in and which platform's books the console is showing. */
export interface Session {
  principal: Principal;
  /** Fixed for platform principals; chosen in the platform picker by staff. */
  platformId: string | null;
  choosePlatform: (platformId: string) => void;
  /** Ends the session (on the server too) and goes to the sign-in page. */
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside a signed-in console');
  return session;
}

/** The platform of a page that shows platform books; the router only renders those once set. */
export function usePlatformId(): string {
  const { platformId } = useSession();
  if (platformId === null) throw new Error('a platform page rendered before a platform was chosen');
  return platformId;
}

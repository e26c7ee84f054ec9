import { loadOnFirstUse } from '../load-on-first-use.js';

/** @simplewebauthn/server and its certificate parsers, loaded on the first passkey request. */
export const webAuthnLibrary = loadOnFirstUse(() => import('@simplewebauthn/server'));

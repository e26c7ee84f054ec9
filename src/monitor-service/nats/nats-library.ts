import { loadOnFirstUse } from '../../load-on-first-use.js';

/** The NATS client, loaded when a publisher, worker or replay first talks to NATS. */
export const natsLibrary = loadOnFirstUse(() => import('nats'));

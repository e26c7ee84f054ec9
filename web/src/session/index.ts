export { SessionContext, usePlatformId, useSession } from './session-context.js';
export type { Session } from './session-context.js';
export {
  clearPlatformChoice,
  readPlatformChoice,
  writePlatformChoice,
} from './platform-choice-store.js';
export { clearEnrolling, readEnrolling, writeEnrolling } from './enrolment-marker-store.js';

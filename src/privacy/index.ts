export { completeCorrection } from './privacy-correction.js';
export { completeDeletion } from './privacy-deletion.js';
export type { DeletionAnswer } from './privacy-deletion.js';
export { completeExport, downloadExport } from './privacy-export.js';
export { PRIVACY_LIMITS } from './privacy-limits.js';
export {
  getPrivacyRequest,
  listPrivacyRequests,
  openPrivacyRequest,
  refusePrivacyRequest,
} from './privacy-requests.js';
export type { PrivacyRequestInput } from './privacy-requests.js';
export { PRIVACY_OVERDUE_RULE, sweepPrivacyRequests } from './privacy-sweep.js';
export * from './privacy-types.js';
export { retentionDecision, RETENTION_RULES_CN, HELD_DATA_CATEGORIES } from './retention-basis.js';

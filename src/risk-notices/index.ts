export {
  acknowledgeNotice,
  checkAcknowledgement,
  pendingNotices,
} from './notice-acknowledgement.js';
export type { AcknowledgementCheck, AcknowledgementInput } from './notice-acknowledgement.js';
export { listCurrentNotices, noticeVersions, publishNotice } from './notice-store.js';
export type { NoticeInput, NoticeView } from './notice-store.js';
export * from './notice-text.js';

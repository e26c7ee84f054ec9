export const COMPLAINT_CATEGORIES = [
  'unauthorized_transaction',
  'service',
  'fees',
  'privacy',
  /** An objection to a risk measure (a freeze): answered within 15 days, AML Law Art. 39. */
  'restriction_objection',
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_STATES = [
  'received',
  'acknowledged',
  'investigating',
  'escalated',
  'resolved',
  'rejected',
] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];

export const COMPLAINT_CHANNELS = ['portal', 'api', 'staff'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_COMMANDS = [
  'acknowledge',
  'investigate',
  'escalate',
  'resolve',
  'reject',
] as const;
export type ComplaintCommand = (typeof COMPLAINT_COMMANDS)[number];

export function isClosedState(state: ComplaintState): boolean {
  return state === 'resolved' || state === 'rejected';
}

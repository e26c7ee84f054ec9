import type { ComplaintCommand, ComplaintState } from './complaint-types.js';

/**
 * The life of a complaint: received → acknowledged → investigating → (escalated) → resolved
 * or rejected. Resolving or rejecting answers the customer and needs the answer's text; a
 * complaint may be answered straight from acknowledged (a simple one needs no investigation)
 * and rejected from received (a duplicate or an abusive submission), never reopened.
 */
const TRANSITIONS: Readonly<
  Record<ComplaintState, Partial<Record<ComplaintCommand, ComplaintState>>>
> = {
  received: { acknowledge: 'acknowledged', reject: 'rejected' },
  acknowledged: {
    investigate: 'investigating',
    escalate: 'escalated',
    resolve: 'resolved',
    reject: 'rejected',
  },
  investigating: { escalate: 'escalated', resolve: 'resolved', reject: 'rejected' },
  escalated: { resolve: 'resolved', reject: 'rejected' },
  resolved: {},
  rejected: {},
};

/** Commands that need a text: the answer to the customer, or why it is escalated. */
export const COMMANDS_NEEDING_TEXT: ReadonlySet<ComplaintCommand> = new Set([
  'escalate',
  'resolve',
  'reject',
]);

export function nextComplaintState(
  state: ComplaintState,
  command: ComplaintCommand,
): ComplaintState | null {
  return TRANSITIONS[state][command] ?? null;
}

export function allowedComplaintCommands(state: ComplaintState): ComplaintCommand[] {
  return Object.keys(TRANSITIONS[state]) as ComplaintCommand[];
}

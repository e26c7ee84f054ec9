import { assert } from '../assert.js';

/** Alerts accepted by one `raiseAlerts` call: each table is written by one statement. */
export const ALERTS_PER_CALL_MAX = 1_000;
/** Case events, notes and evidence a workspace shows at once. */
export const CASE_EVENTS_PER_READ_MAX = 1_000;
export const CASE_ALERTS_PER_READ_MAX = 500;
export const CASE_INSTRUCTIONS_PER_READ_MAX = 200;
export const CASE_COUNTERPARTIES_MAX = 100;
export const CASES_PER_PAGE_MAX = 500;
/** Cases the SLA sweep handles in one transaction; the rest wait for the next sweep. */
export const SLA_SWEEP_BATCH_MAX = 1_000;
/** Closed cases the metrics read at most (newest first). */
export const METRICS_CASES_MAX = 20_000;
export const NOTE_LENGTH_MAX = 4_000;
export const CLOSE_REASON_LENGTH_MIN = 10;
export const CLOSE_REASON_LENGTH_MAX = 4_000;
/** Evidence files: the database refuses larger ones too (case_evidence.size_bytes). */
export const EVIDENCE_BYTES_MAX = 4 * 1024 * 1024;
export const EVIDENCE_FILES_PER_CASE_MAX = 200;
export const ALERT_KEY_LENGTH_MAX = 200;
export const EXPLANATION_BYTES_MAX = 16_384;

assert(CASE_EVENTS_PER_READ_MAX >= CASE_ALERTS_PER_READ_MAX, 'a timeline holds its alerts');
assert(CLOSE_REASON_LENGTH_MIN < CLOSE_REASON_LENGTH_MAX, 'close reason limits are ordered');

/** Every bound of the screening module in one place. */

/** A list file larger than this is refused before parsing (the full OFAC SDN CSV is ~4 MB). */
export const LIST_FILE_BYTES_MAX = 64 * 1024 * 1024;
/** Entries one list version may hold (the OpenSanctions default collection has ~300,000). */
export const LIST_ENTRIES_MAX = 500_000;
/** Names (primary plus aliases) one entry may carry. */
export const ENTRY_NAMES_MAX = 200;
/** Characters of one name as it appears on a list or is screened (UN entity names reach ~600). */
export const NAME_CHARS_MAX = 1_000;
/** Tokens of one normalized name; more are dropped (none of the real lists comes close). */
export const NAME_TOKENS_MAX = 16;
/** Name variants (spellings, orders) generated from one name. */
export const NAME_VARIANTS_MAX = 4;
/** Dates of birth and countries kept per entry. */
export const ENTRY_DOBS_MAX = 50;
export const ENTRY_COUNTRIES_MAX = 50;
/**
 * Candidates the index scores in full for one query, best-ranked by blocking (shared whole
 * tokens first): bounds the time of a query on common names (see SCREENING.md).
 */
export const CANDIDATES_SCORED_MAX = 64;
/** Hits returned for one query. */
export const HITS_RETURNED_MAX = 50;
/** Entries written per INSERT when a list version is stored. */
export const ENTRY_INSERT_BATCH = 1_000;
/** Parties (customers, bank accounts) screened per transaction by the rescreen job. */
export const RESCREEN_BATCH = 200;
/** Parties the in-memory gate cache holds; past it, the cache starts over from the database. */
export const GATE_PARTIES_MAX = 1_000_000;
/** Pending gate reviews waiting to be written; past it the gate holds with 'screening_backlog'. */
export const GATE_PENDING_MAX = 10_000;
/** Rows one list page returns. */
export const PAGE_ROWS_MAX = 200;
/** Characters of a decision reason. */
export const REASON_CHARS_MAX = 1_000;

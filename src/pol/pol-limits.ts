/** Limits of the proof-of-liabilities module. */

/** Customers in one tree (per platform and currency): 2^22, four times the design load. */
export const POL_CUSTOMERS_MAX = 4_194_304;
/** Tree height bounds: at least 16 leaves (so a small book still hides its exact size), at most 2^22. */
export const POL_HEIGHT_MIN = 4;
export const POL_HEIGHT_MAX = 22;
/** Nodes kept in the database sit this many levels above the leaves (chunks of 1,024 leaves). */
export const POL_CHUNK_LEVEL = 10;
/** A customer id inside a leaf, in UTF-8 bytes. */
export const POL_CUSTOMER_ID_BYTES_MAX = 200;
/** Largest balance a leaf carries: a customer account's posted balance is a non-negative int8. */
export const POL_BALANCE_MAX = 2n ** 63n - 1n;
/** Size of a proof file `custos pol verify` and the console accept. */
export const POL_PROOF_BYTES_MAX = 64 * 1024;
/** Leaves written per INSERT when a tree is stored. */
export const POL_LEAF_INSERT_BATCH = 5_000;
/** Roots listed per request. */
export const POL_ROOTS_LIST_MAX = 200;
/** Worker threads a build may use. */
export const POL_WORKERS_MAX = 8;
/** Mask arithmetic is modulo 2^128. */
export const POL_SUM_MODULUS = 2n ** 128n;
/** Below this many customer accounts in a currency, the transparency report withholds its exact total. */
export const POL_TRANSPARENCY_MIN_CUSTOMERS = 10;
/** How long a platform's transparency report is served from memory while its newest tree is unchanged. */
export const POL_TRANSPARENCY_CACHE_MS = 60_000;
/** Platforms whose transparency report is kept in memory at once. */
export const POL_TRANSPARENCY_CACHE_ENTRIES_MAX = 1_000;

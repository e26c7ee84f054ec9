/** The hold code of an instruction only screening held. */
export const SCREENING_HOLD_REASON = 'screening_review';
/** The review workflow a screening hold waits for (in the instruction's hold_reviews_pending). */
export const SCREENING_REVIEW = 'screening';

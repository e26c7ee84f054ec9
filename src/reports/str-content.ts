import { z } from 'zod';
import { GoamlCode } from './subject-profiles.js';
import { REPORT_LIMITS } from './report-limits.js';

const Id = z
  .string()
  .regex(/^[a-z]+_[0-9a-z]+$/, 'an identifier')
  .max(64);

/**
 * What a compliance officer edits in a suspicious transaction report: the grounds for
 * suspicion (PBOC Order [2016] No. 3 Art. 13), what was done, the indicators, the customers
 * the report is about and the instructions involved (attempted ones included: Art. 11).
 */
export const StrEditableSchema = z
  .object({
    reason: z.string().max(REPORT_LIMITS.narrativeCharsMax),
    action: z.string().max(REPORT_LIMITS.narrativeCharsMax).default(''),
    indicators: z.array(GoamlCode).min(1).max(50),
    subjects: z.array(z.object({ customerId: Id }).strict()).max(REPORT_LIMITS.strSubjectsMax),
    transactions: z
      .array(z.object({ instructionId: Id }).strict())
      .max(REPORT_LIMITS.reportTransactionsMax),
  })
  .strict();
export type StrEditable = z.infer<typeof StrEditableSchema>;

export const StrContentSchema = StrEditableSchema.extend({
  kind: z.literal('str'),
  /** For a correction or deletion: why it is filed. */
  amendmentNote: z.string().max(REPORT_LIMITS.narrativeCharsMax).optional(),
});
export type StrContent = z.infer<typeof StrContentSchema>;

/** Duplicates name one thing twice: the first of each is kept, in order. */
export function normalizedStrContent(editable: StrEditable, amendmentNote?: string): StrContent {
  return {
    kind: 'str',
    reason: editable.reason,
    action: editable.action,
    indicators: [...new Set(editable.indicators)],
    subjects: uniqueBy(editable.subjects, (s) => s.customerId),
    transactions: uniqueBy(editable.transactions, (t) => t.instructionId),
    ...(amendmentNote === undefined ? {} : { amendmentNote }),
  };
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const kept: T[] = [];
  for (const item of items) {
    if (seen.has(key(item))) continue;
    seen.add(key(item));
    kept.push(item);
  }
  return kept;
}

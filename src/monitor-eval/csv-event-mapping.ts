import { z } from 'zod';
import { MONITORED_EVENT_KINDS } from '../monitor/monitored-event.js';

/**
 * How the columns of a transaction CSV become monitored events. Every key is checked (an
 * unknown key is an error, so a misspelt one does not pass silently), and each error names
 * the field.
 */
const Column = z.string().min(1).max(200);
/** One column, or several whose values are joined (bank + account, date + time). */
const Columns = z.union([Column, z.array(Column).min(1).max(4)]);
const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');

export const CsvEventMappingSchema = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  delimiter: z.enum([',', ';', '\t', '|']).default(','),
  platformId: z.string().min(1).max(64).default('csv'),
  timestamp: z.strictObject({
    columns: Columns,
    /** `iso`, `epoch_ms`, `epoch_s`, or a pattern of YYYY MM DD HH mm ss SSS and literals. */
    format: z.string().min(1).max(40).default('iso'),
    /** Offset of times that carry no zone, in minutes east of UTC (480 = UTC+8). */
    utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
  }),
  payerAccount: Columns,
  payeeAccount: Columns,
  amount: Column,
  currency: z.union([
    z.strictObject({ column: Column, names: z.record(z.string(), CurrencyCode).optional() }),
    z.strictObject({ fixed: CurrencyCode }),
  ]),
  /** Amounts with more decimals than the currency has: refuse the row (default) or round. */
  roundExcessDecimals: z.boolean().default(false),
  paymentType: Column.optional(),
  /** Event kind per payment type value; every other value is a transfer. */
  paymentKinds: z.record(z.string(), z.enum(MONITORED_EVENT_KINDS)).optional(),
  cashPaymentTypes: z.array(z.string()).max(100).optional(),
  crossBorder: z.strictObject({ payerLocation: Column, payeeLocation: Column }).optional(),
  label: z
    .strictObject({
      column: Column,
      positiveValues: z.array(z.string()).min(1).max(20).default(['1', 'true', 'yes']),
    })
    .optional(),
  typology: z
    .strictObject({
      column: Column,
      /** Values that mean "not suspicious" when there is no label column. */
      normalValues: z.array(z.string()).max(100).default([]),
      /** Renames values to the simulator's typology ids (so their rules are used for recall). */
      map: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  /** Rows with the same value form one instance; else one per typology and payer. */
  instance: Column.optional(),
  /** Accounts are treated as opened this many days before their first row. */
  accountsOpenedDaysBefore: z.number().int().min(0).max(36_500).default(365),
});

export type CsvEventMapping = z.output<typeof CsvEventMappingSchema>;

export type MappingResult =
  { ok: true; mapping: CsvEventMapping } | { ok: false; errors: string[] };

/** Validates a parsed mapping file; each error reads `field.path: what is wrong`. */
export function parseCsvEventMapping(json: unknown): MappingResult {
  const parsed = CsvEventMappingSchema.safeParse(json);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const field = issue.path.length === 0 ? 'mapping' : `mapping.${issue.path.join('.')}`;
    return `${field}: ${issue.message}`;
  });
  return { ok: false, errors };
}

/** Every column the mapping reads, with the field that names it. */
export function mappedColumns(mapping: CsvEventMapping): { field: string; column: string }[] {
  const list = (field: string, columns: string | string[] | undefined) =>
    columns === undefined
      ? []
      : (Array.isArray(columns) ? columns : [columns]).map((column) => ({ field, column }));
  return [
    ...list('timestamp.columns', mapping.timestamp.columns),
    ...list('payerAccount', mapping.payerAccount),
    ...list('payeeAccount', mapping.payeeAccount),
    ...list('amount', mapping.amount),
    ...list('currency.column', 'column' in mapping.currency ? mapping.currency.column : undefined),
    ...list('paymentType', mapping.paymentType),
    ...list('crossBorder.payerLocation', mapping.crossBorder?.payerLocation),
    ...list('crossBorder.payeeLocation', mapping.crossBorder?.payeeLocation),
    ...list('label.column', mapping.label?.column),
    ...list('typology.column', mapping.typology?.column),
    ...list('instance', mapping.instance),
  ];
}

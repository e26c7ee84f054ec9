import { z } from 'zod';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { failure, success, type Result } from '../custody/errors.js';
import type { Database, Queryable } from '../store/index.js';
import { RISK_LIMITS } from './risk-limits.js';
import { loadActiveModel } from './risk-model-store.js';
import type { RiskLevel, RiskModel } from './risk-model.js';

export const EDD_STATUSES = ['pending', 'done', 'waived'] as const;
export type EddStatus = (typeof EDD_STATUSES)[number];

export const EddItemUpdateSchema = z
  .object({
    status: z.enum(EDD_STATUSES),
    note: z.string().trim().min(3).max(RISK_LIMITS.noteCharsMax).optional(),
  })
  .strict();

export interface EddItem {
  item: string;
  /** Whether the customer's level in force requires it (items of an earlier level stay). */
  required: boolean;
  status: EddStatus;
  note: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface EddChecklist {
  level: RiskLevel;
  items: EddItem[];
  complete: boolean;
}

/**
 * A customer's enhanced due diligence checklist: the items the model requires for the level
 * in force, as recorded (pending until someone records them done or waived with a note),
 * and items recorded earlier that the level no longer requires.
 */
export async function loadEddChecklist(
  db: Queryable,
  model: RiskModel,
  platformId: string,
  customerId: string,
  level: RiskLevel,
): Promise<EddChecklist> {
  const rows = await db.query<{
    item: string;
    status: EddStatus;
    note: string | null;
    updated_by: string;
    updated_at: Date;
  }>(
    `SELECT item, status, note, updated_by, updated_at FROM customer_edd_items
     WHERE platform_id = $1 AND customer_id = $2 ORDER BY item LIMIT $3`,
    [platformId, customerId, RISK_LIMITS.eddItemsMax * 3],
  );
  const recorded = new Map(rows.map((row) => [row.item, row]));
  const required = model.edd[level];
  const items: EddItem[] = required.map((item) => {
    const row = recorded.get(item);
    return {
      item,
      required: true,
      status: row?.status ?? 'pending',
      note: row?.note ?? null,
      updatedBy: row?.updated_by ?? null,
      updatedAt: row === undefined ? null : new Date(row.updated_at).toISOString(),
    };
  });
  for (const row of rows) {
    if (required.includes(row.item)) continue;
    items.push({
      item: row.item,
      required: false,
      status: row.status,
      note: row.note,
      updatedBy: row.updated_by,
      updatedAt: new Date(row.updated_at).toISOString(),
    });
  }
  return { level, items, complete: items.every((i) => !i.required || i.status !== 'pending') };
}

/**
 * Records one checklist item as done, waived (each with a note) or pending again. Only items
 * some level of the model in force requires are accepted.
 */
export async function recordEddItem(
  db: Database,
  actor: string,
  platformId: string,
  customerId: string,
  item: string,
  update: z.infer<typeof EddItemUpdateSchema>,
): Promise<Result<{ item: string; status: EddStatus }>> {
  if (update.status !== 'pending' && update.note === undefined)
    return failure('validation_failed', `an item recorded ${update.status} needs a note`);
  if (!/^[a-z_]{1,40}$/.test(item)) return failure('validation_failed', 'an item code');
  return db.transaction(async (tx) => {
    const known = await tx.query('SELECT 1 FROM customers WHERE platform_id = $1 AND id = $2', [
      platformId,
      customerId,
    ]);
    if (known.length === 0) return failure('unknown_customer', `customer ${customerId} not found`);
    const { model } = await loadActiveModel(tx, platformId);
    const items = new Set([...model.edd.low, ...model.edd.medium, ...model.edd.high]);
    if (!items.has(item))
      return failure('validation_failed', `${item} is not an EDD item of the risk model`, {
        knownItems: [...items].sort(),
      });
    await tx.query(
      `INSERT INTO customer_edd_items (platform_id, customer_id, item, status, note, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform_id, customer_id, item) DO UPDATE SET status = EXCLUDED.status,
         note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [platformId, customerId, item, update.status, update.note ?? null, actor],
    );
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'edd_item.recorded',
        subjectType: 'customer',
        subjectId: customerId,
        payload: { item, status: update.status, note: update.note ?? null },
        atMs: Date.now(),
      },
    ]);
    return success({ item, status: update.status });
  });
}

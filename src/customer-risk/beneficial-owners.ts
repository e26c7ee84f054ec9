import { z } from 'zod';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { assert } from '../assert.js';
import { failure, success, type Result } from '../custody/errors.js';
import {
  openPersonalData,
  personalDataVaultOf,
  sealPersonalData,
  type PersonalDataVault,
} from '../security/index.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import { RISK_LIMITS } from './risk-limits.js';

export const CONTROL_TYPES = [
  'ownership',
  'voting_rights',
  'board_control',
  'senior_manager',
  'other_means',
] as const;

/** 25% or more of the shares, or control by any other means, makes a beneficial owner ultimate. */
export const UBO_OWNERSHIP_BP_MIN = 2_500;
const BASIS_POINTS_WHOLE = 10_000;

export const BeneficialOwnerSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** Ownership in percent with at most two decimals, e.g. 25 or 33.33. */
    ownershipPercent: z.number().min(0).max(100).multipleOf(0.01),
    controlType: z.enum(CONTROL_TYPES),
    nationality: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
  })
  .strict();
export type BeneficialOwnerInput = z.infer<typeof BeneficialOwnerSchema>;

export interface BeneficialOwner {
  id: string;
  customerId: string;
  name: string;
  ownershipPercent: number;
  controlType: (typeof CONTROL_TYPES)[number];
  nationality: string | null;
  isUbo: boolean;
  updatedBy: string;
  updatedAt: string;
}

export function isUltimateOwner(ownershipBp: number, controlType: string): boolean {
  return ownershipBp >= UBO_OWNERSHIP_BP_MIN || controlType !== 'ownership';
}

const basisPoints = (percent: number) => Math.round(percent * 100);

type OwnerRow = {
  id: string;
  customer_id: string;
  personal_data: unknown;
  ownership_bp: number;
  control_type: BeneficialOwner['controlType'];
  nationality: string | null;
  is_ubo: boolean;
  updated_by: string;
  updated_at: Date;
};

/** What a reader without `personal_data.read` sees in place of an owner's name. */
export const OWNER_NAME_WITHHELD = '***';

export async function listBeneficialOwners(
  db: Queryable,
  vault: PersonalDataVault,
  platformId: string,
  customerId: string,
  options: { decryptNames: boolean } = { decryptNames: true },
): Promise<BeneficialOwner[]> {
  const rows = await db.query<OwnerRow>(
    `SELECT id, customer_id, personal_data, ownership_bp, control_type, nationality, is_ubo,
       updated_by, updated_at FROM customer_beneficial_owners
     WHERE platform_id = $1 AND customer_id = $2 ORDER BY ownership_bp DESC, id LIMIT $3`,
    [platformId, customerId, RISK_LIMITS.beneficialOwnersMax],
  );
  const owners: BeneficialOwner[] = [];
  for (const row of rows) {
    // A reader without personal_data.read gets no decryption at all, not a partial mask.
    const data = options.decryptNames
      ? await openPersonalData(
          row.personal_data,
          { vault, db, platformId, table: 'customer_beneficial_owners', recordId: row.id },
          ['name'],
        )
      : { name: OWNER_NAME_WITHHELD };
    assert(row.is_ubo === isUltimateOwner(row.ownership_bp, row.control_type), 'UBO rule agrees');
    owners.push({
      id: row.id,
      customerId: row.customer_id,
      name: data.name ?? '',
      ownershipPercent: row.ownership_bp / 100,
      controlType: row.control_type,
      nationality: row.nationality,
      isUbo: row.is_ubo,
      updatedBy: row.updated_by,
      updatedAt: new Date(row.updated_at).toISOString(),
    });
  }
  return owners;
}

/** Seals an owner's name for the row `ownerId`, in the transaction that writes it. */
export type OwnerNameSealer = (tx: Queryable, ownerId: string) => Promise<unknown>;

/** An owner's details other than the name, which travels sealed. */
export type OwnerFacts = Omit<BeneficialOwnerInput, 'name'>;

/** The row an owner write targets: an existing owner, or a new one under a chosen id. */
export interface OwnerTarget {
  ownerId: string;
  existing: boolean;
}

/** Seals `name` with the vault bound to `db` (the usual path of an API write). */
export function sealOwnerName(db: Database, platformId: string, name: string): OwnerNameSealer {
  return (tx, ownerId) =>
    sealPersonalData(
      { name },
      {
        vault: personalDataVaultOf(db),
        db: tx,
        platformId,
        table: 'customer_beneficial_owners',
        recordId: ownerId,
      },
    );
}

/** A fresh id for an owner about to be added. */
export function newOwnerId(): string {
  return newId('bo');
}

/**
 * Adds or replaces a beneficial owner of an entity customer in the caller's transaction.
 * Refused when the customer is unknown or a natural person, when the owners would hold more
 * than 100% between them, or when the customer has the most owners recorded already; nothing
 * is written then.
 */
export async function saveBeneficialOwnerInTx(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  target: OwnerTarget,
  input: OwnerFacts,
  sealName: OwnerNameSealer,
): Promise<Result<{ ownerId: string }>> {
  const bp = basisPoints(input.ownershipPercent);
  const ownerId = target.existing ? target.ownerId : null;
  const customer = await tx.query<{ kind: string }>(
    'SELECT kind FROM customers WHERE platform_id = $1 AND id = $2 FOR UPDATE',
    [platformId, customerId],
  );
  if (customer[0] === undefined)
    return failure('unknown_customer', `customer ${customerId} not found`);
  if (customer[0].kind !== 'entity')
    return failure('validation_failed', 'beneficial owners are recorded for entity customers only');
  const others = await tx.query<{ n: number; bp: number }>(
    `SELECT count(*)::int AS n, coalesce(sum(ownership_bp), 0)::int AS bp
     FROM customer_beneficial_owners WHERE platform_id = $1 AND customer_id = $2 AND id <> coalesce($3, '')`,
    [platformId, customerId, ownerId],
  );
  const { n = 0, bp: othersBp = 0 } = others[0] ?? {};
  if (ownerId !== null) {
    const found = await tx.query(
      'SELECT 1 FROM customer_beneficial_owners WHERE id = $1 AND platform_id = $2 AND customer_id = $3',
      [ownerId, platformId, customerId],
    );
    if (found.length === 0) return failure('not_found', `beneficial owner ${ownerId} not found`);
  } else if (n >= RISK_LIMITS.beneficialOwnersMax) {
    return failure(
      'validation_failed',
      `at most ${RISK_LIMITS.beneficialOwnersMax} beneficial owners`,
    );
  }
  if (othersBp + bp > BASIS_POINTS_WHOLE)
    return failure(
      'validation_failed',
      `ownership would total ${(othersBp + bp) / 100}%: the owners of a customer hold at most 100%`,
      { ownershipPercentTotal: (othersBp + bp) / 100 },
    );
  const id = target.ownerId;
  const sealed = await sealName(tx, id);
  await tx.query(
    `INSERT INTO customer_beneficial_owners (id, platform_id, customer_id, personal_data,
       ownership_bp, control_type, nationality, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (id) DO UPDATE SET personal_data = EXCLUDED.personal_data,
       ownership_bp = EXCLUDED.ownership_bp, control_type = EXCLUDED.control_type,
       nationality = EXCLUDED.nationality, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [
      id,
      platformId,
      customerId,
      JSON.stringify(sealed),
      bp,
      input.controlType,
      input.nationality,
      actor,
    ],
  );
  await assertOwnershipWithinWhole(tx, platformId, customerId);
  await ownerAudit(tx, actor, platformId, customerId, ownerId === null ? 'added' : 'changed', {
    ownerId: id,
    ownershipBp: bp,
    controlType: input.controlType,
    nationality: input.nationality,
    isUbo: isUltimateOwner(bp, input.controlType),
  });
  return success({ ownerId: id });
}

/** Adds (ownerId null) or replaces a beneficial owner in a transaction of its own. */
export async function saveBeneficialOwner(
  db: Database,
  actor: string,
  platformId: string,
  customerId: string,
  ownerId: string | null,
  input: BeneficialOwnerInput,
): Promise<Result<{ ownerId: string }>> {
  const { name, ...facts } = input;
  const target = { ownerId: ownerId ?? newOwnerId(), existing: ownerId !== null };
  return db.transaction((tx) =>
    saveBeneficialOwnerInTx(
      tx,
      actor,
      platformId,
      customerId,
      target,
      facts,
      sealOwnerName(db, platformId, name),
    ),
  );
}

/** Removes a beneficial owner in the caller's transaction. */
export async function removeBeneficialOwnerInTx(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  ownerId: string,
): Promise<Result<{ removed: string }>> {
  const removed = await tx.query<{ id: string }>(
    `DELETE FROM customer_beneficial_owners WHERE id = $1 AND platform_id = $2 AND customer_id = $3
     RETURNING id`,
    [ownerId, platformId, customerId],
  );
  if (removed.length === 0) return failure('not_found', `beneficial owner ${ownerId} not found`);
  await ownerAudit(tx, actor, platformId, customerId, 'removed', { ownerId });
  return success({ removed: ownerId });
}

export async function removeBeneficialOwner(
  db: Database,
  actor: string,
  platformId: string,
  customerId: string,
  ownerId: string,
): Promise<Result<{ removed: string }>> {
  return db.transaction((tx) =>
    removeBeneficialOwnerInTx(tx, actor, platformId, customerId, ownerId),
  );
}

async function assertOwnershipWithinWhole(
  tx: Queryable,
  platformId: string,
  customerId: string,
): Promise<void> {
  const total = await tx.query<{ bp: number }>(
    `SELECT coalesce(sum(ownership_bp), 0)::int AS bp FROM customer_beneficial_owners
     WHERE platform_id = $1 AND customer_id = $2`,
    [platformId, customerId],
  );
  assert(
    Number(total[0]?.bp ?? 0) <= BASIS_POINTS_WHOLE,
    'beneficial ownership sums to at most 100%',
  );
}

async function ownerAudit(
  tx: Queryable,
  actor: string,
  platformId: string,
  customerId: string,
  what: 'added' | 'changed' | 'removed',
  payload: Record<string, unknown>,
): Promise<void> {
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: `beneficial_owner.${what}`,
      subjectType: 'customer',
      subjectId: customerId,
      payload,
      atMs: Date.now(),
    },
  ]);
}

import { z } from 'zod';
import { assert } from '../assert.js';
import type { Queryable } from '../store/index.js';
import {
  BLIND_INDEX_NAMES,
  blindIndexValue,
  normalizeForIndex,
  type BlindIndexName,
} from './field-encryption/blind-index.js';
import {
  decryptField,
  encryptField,
  FieldDecryptionError,
  fieldKeyVersion,
  type FieldLocation,
} from './field-encryption/field-cipher.js';
import type { PersonalDataVault } from './field-encryption/personal-data-vault.js';

export {
  openPersonalDataVault,
  personalDataVaultOf,
  type PersonalDataVault,
} from './field-encryption/personal-data-vault.js';

/**
 * Personal data of customers and their bank accounts. Every read and write of it goes
 * through this module, so protection is applied in one place: each field is encrypted on
 * its own (AES-256-GCM under the platform's data key, bound to table, column, record,
 * platform and key version; see field-encryption/), and the fields looked up by exact value
 * (ID number, phone, bank account number) get blind indexes. Logs and lists only ever see
 * `maskText`.
 *
 * Stored form (`personal_data` jsonb), version 1:
 *   { v: 1, k: <key version>, fields: { name: "enc:v1:<k>:…", … }, idx: { idNumber: 4711, … } }
 * The database derives `personal_data_key_version` and the index columns from `k` and `idx`.
 * Version 0 rows (fields in clear, written before encryption) stay readable until
 * `custos keys rotate` re-encrypts them.
 */
export interface PersonalData {
  name?: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
  accountNumber?: string;
  bankName?: string;
  holderName?: string;
}

export const PERSONAL_FIELD_LENGTH_MAX = 200;
/** A stored ciphertext: prefix, version and base64url of a few kilobytes at most. */
const SEALED_FIELD_CHARS_MAX = 8_192;
const FIELDS = [
  'name',
  'idNumber',
  'phone',
  'email',
  'address',
  'accountNumber',
  'bankName',
  'holderName',
] as const satisfies readonly (keyof PersonalData)[];
type Field = (typeof FIELDS)[number];

/** The tables that hold personal data, and the blind indexes each one carries. */
export const PERSONAL_DATA_INDEXES = {
  customers: ['idNumber', 'phone'],
  customer_bank_accounts: ['accountNumber'],
  customer_beneficial_owners: [],
} as const satisfies Record<string, readonly BlindIndexName[]>;
export type PersonalDataTable = keyof typeof PERSONAL_DATA_INDEXES;

export interface SealedPersonalData {
  v: 1;
  k: number;
  fields: Partial<Record<Field, string>>;
  idx: Partial<Record<BlindIndexName, number>>;
}

export interface PersonalDataContext {
  vault: PersonalDataVault;
  /** Writing: the transaction that stores the row. Reading: any handle (or that transaction). */
  db: Queryable;
  platformId: string;
  table: PersonalDataTable;
  recordId: string;
}

const SealedSchema = z.discriminatedUnion('v', [
  z.object({ v: z.literal(0), fields: z.partialRecord(z.enum(FIELDS), z.string()) }),
  z.object({
    v: z.literal(1),
    k: z.number().int().min(1),
    fields: z.partialRecord(z.enum(FIELDS), z.string().max(SEALED_FIELD_CHARS_MAX)),
    idx: z.partialRecord(z.enum(BLIND_INDEX_NAMES), z.number().int().min(0)),
  }),
]);

/**
 * Encrypts and indexes personal data for storage. Call it inside the transaction that
 * writes the row (`context.db`): it share-locks the platform's active key version there.
 */
export async function sealPersonalData(
  data: PersonalData,
  context: PersonalDataContext,
): Promise<SealedPersonalData> {
  const version = await context.vault.keyring.lockActiveVersion(context.db, context.platformId);
  return sealPersonalDataAt(data, context, version);
}

/** Seals under `version`, which the caller has share-locked in `context.db` (rotation). */
export async function sealPersonalDataAt(
  data: PersonalData,
  context: PersonalDataContext,
  version: number,
): Promise<SealedPersonalData> {
  const { vault, db, platformId } = context;
  const idx = await vault.keyring.withIndexKeys(db, platformId, true, (keys) => {
    const values: Partial<Record<BlindIndexName, number>> = {};
    for (const name of PERSONAL_DATA_INDEXES[context.table]) {
      const raw = data[name];
      const normalized = raw === undefined ? null : normalizeForIndex(name, raw);
      if (normalized !== null) values[name] = blindIndexValue(keys[name], normalized);
    }
    return values;
  });
  assert(idx !== null, 'index keys are created when missing');
  const fields = await vault.keyring.withDataKey(db, platformId, version, (key) => {
    const sealed: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const value = data[field];
      if (value === undefined) continue;
      assert(value.length <= PERSONAL_FIELD_LENGTH_MAX, `${field} too long`);
      sealed[field] = encryptField(key, version, location(context, field), value);
    }
    return sealed;
  });
  return { v: 1, k: version, fields, idx };
}

/**
 * Decrypts stored personal data (version 1) or returns it as stored (version 0). `only`
 * limits the work to some fields. Throws FieldDecryptionError for a field that was altered
 * or moved: its message names the place, never the content.
 */
export async function openPersonalData(
  sealed: unknown,
  context: PersonalDataContext,
  only: readonly (keyof PersonalData)[] = FIELDS,
): Promise<PersonalData> {
  const parsed = SealedSchema.safeParse(sealed);
  if (!parsed.success) {
    throw new FieldDecryptionError(
      `${context.table} ${context.recordId}: personal data is not in a known sealed form`,
    );
  }
  const record = parsed.data;
  const wanted = FIELDS.filter((field) => only.includes(field));
  const data: PersonalData = {};
  if (record.v === 0) {
    for (const field of wanted) {
      const value = record.fields[field];
      if (value !== undefined) data[field] = value;
    }
    return data;
  }
  for (const field of wanted) {
    const ciphertext = record.fields[field];
    if (ciphertext === undefined) continue;
    const version = fieldKeyVersion(ciphertext);
    if (version === null) {
      throw new FieldDecryptionError(
        `${context.table}.${field} of ${context.recordId}: not an enc:v1 ciphertext`,
      );
    }
    data[field] = await context.vault.keyring.withDataKey(
      context.db,
      context.platformId,
      version,
      (key) => decryptField(key, location(context, field), ciphertext),
    );
  }
  return data;
}

/** The key version a stored value was sealed under; null for version 0 (clear) rows. */
export function sealedKeyVersion(sealed: unknown): number | null {
  const parsed = SealedSchema.safeParse(sealed);
  if (!parsed.success || parsed.data.v === 0) return null;
  return parsed.data.k;
}

function location(context: PersonalDataContext, column: Field): FieldLocation {
  return {
    table: context.table,
    column,
    recordId: context.recordId,
    platformId: context.platformId,
  };
}

/** Shows the first and last characters only: enough to recognise, not to reuse. */
export function maskText(value: string | undefined): string {
  if (value === undefined || value.length === 0) return '';
  if (value.length <= 2) return '*'.repeat(value.length);
  if (value.length <= 6) return value[0] + '*'.repeat(value.length - 2) + value.at(-1);
  return value.slice(0, 2) + '*'.repeat(value.length - 4) + value.slice(-2);
}

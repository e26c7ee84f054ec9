import { assert } from '../assert.js';

/**
 * Personal data of customers and their bank accounts. Every read and write of it goes
 * through this module, so protection (field encryption, blind indexes) is applied in one
 * place. Version 0 stores the fields as given; logs and lists only ever see `maskText`.
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
const FIELDS: readonly (keyof PersonalData)[] = [
  'name',
  'idNumber',
  'phone',
  'email',
  'address',
  'accountNumber',
  'bankName',
  'holderName',
];

export interface SealedPersonalData {
  v: 0;
  fields: PersonalData;
}

export function sealPersonalData(data: PersonalData): SealedPersonalData {
  const fields: PersonalData = {};
  for (const field of FIELDS) {
    const value = data[field];
    if (value === undefined) continue;
    assert(value.length <= PERSONAL_FIELD_LENGTH_MAX, `${field} too long`);
    fields[field] = value;
  }
  return { v: 0, fields };
}

export function openPersonalData(sealed: unknown): PersonalData {
  assert(
    typeof sealed === 'object' && sealed !== null && 'v' in sealed,
    'not sealed personal data',
  );
  const record = sealed as SealedPersonalData;
  assert(record.v === 0, `unknown personal data version ${String(record.v)}`);
  return { ...record.fields };
}

/** Shows the first and last characters only: enough to recognise, not to reuse. */
export function maskText(value: string | undefined): string {
  if (value === undefined || value.length === 0) return '';
  if (value.length <= 2) return '*'.repeat(value.length);
  if (value.length <= 6) return value[0] + '*'.repeat(value.length - 2) + value.at(-1);
  return value.slice(0, 2) + '*'.repeat(value.length - 4) + value.slice(-2);
}

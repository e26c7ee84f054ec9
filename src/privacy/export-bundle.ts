import { openText } from '../complaints/sealed-text.js';
import { openPersonalData, personalDataVaultOf } from '../security/personal-data.js';
import type { Queryable } from '../store/index.js';
import { PRIVACY_LIMITS } from './privacy-limits.js';

const iso = (value: unknown) =>
  value === null || value === undefined ? null : new Date(value as string).toISOString();

/**
 * Everything Custos holds on one customer, readable by that customer (PIPL Art. 45): the
 * personal data in clear, bank accounts, accounts with balances, instructions touching them,
 * freezes, mandates, risk notice acknowledgements, complaints with their text, and earlier
 * privacy requests. Every query is scoped by platform and customer.
 */
export async function buildExportBundle(
  db: Queryable,
  platformId: string,
  customerId: string,
  nowMs: number,
): Promise<Record<string, unknown>> {
  const vault = personalDataVaultOf(db);
  const customers = await db.query<Record<string, unknown>>(
    'SELECT id, kind, external_ref, personal_data, status, created_at FROM customers WHERE id = $1 AND platform_id = $2',
    [customerId, platformId],
  );
  const customer = customers[0];
  if (customer === undefined) throw new Error(`customer ${customerId} vanished under lock`);
  const personalData = await openPersonalData(customer.personal_data, {
    vault,
    db,
    platformId,
    table: 'customers',
    recordId: customerId,
  });
  const banks = await db.query<{
    id: string;
    currency: string;
    personal_data: unknown;
    created_at: Date;
  }>(
    'SELECT id, currency, personal_data, created_at FROM customer_bank_accounts WHERE customer_id = $1 AND platform_id = $2 ORDER BY id',
    [customerId, platformId],
  );
  const accounts = await db.query<Record<string, string>>(
    `SELECT id, currency, credits_posted - debits_posted AS posted_minor,
       credits_posted - debits_posted - debits_pending AS available_minor, created_at
     FROM accounts WHERE customer_id = $1 AND platform_id = $2 ORDER BY id`,
    [customerId, platformId],
  );
  const accountIds = accounts.map((a) => a.id);
  const instructions = await db.query<Record<string, unknown>>(
    `SELECT id, type, status, debit_account_id, credit_account_id, amount_minor::text AS amount_minor,
       currency, purpose, authorization_kind, created_at
     FROM instructions WHERE platform_id = $1
       AND (debit_account_id = ANY($2::text[]) OR credit_account_id = ANY($2::text[]) OR auth_customer_id = $3)
     ORDER BY id LIMIT $4`,
    [platformId, accountIds, customerId, PRIVACY_LIMITS.exportRowsMax],
  );
  const freezes = await db.query<Record<string, unknown>>(
    `SELECT f.id, f.scope, f.reason_code, f.created_at, f.lifted_at FROM freezes f
     LEFT JOIN accounts a ON a.id = f.account_id
     WHERE f.platform_id = $1 AND coalesce(f.customer_id, a.customer_id) = $2 ORDER BY f.id`,
    [platformId, customerId],
  );
  const mandates = await db.query<Record<string, unknown>>(
    `SELECT id, payer_account_id, payee_account_id, purpose, valid_from, valid_until, revoked_at
     FROM mandates WHERE customer_id = $1 AND platform_id = $2 ORDER BY id`,
    [customerId, platformId],
  );
  const acknowledgements = await db.query<Record<string, unknown>>(
    `SELECT product_code, version, language, channel, encode(shown_sha256, 'hex') AS shown_sha256,
       acknowledged_at FROM risk_notice_acknowledgements
     WHERE customer_id = $1 AND platform_id = $2 ORDER BY acknowledged_at`,
    [customerId, platformId],
  );
  const complaints = await db.query<{
    id: string;
    category: string;
    state: string;
    created_at: Date;
    closed_at: Date | null;
    subject_sealed: string[];
    description_sealed: string[];
    outcome_sealed: string[] | null;
    text_erased_at: Date | null;
  }>(
    `SELECT id, category, state, created_at, closed_at, subject_sealed, description_sealed,
       outcome_sealed, text_erased_at FROM complaints
     WHERE customer_id = $1 AND platform_id = $2 ORDER BY id LIMIT $3`,
    [customerId, platformId, PRIVACY_LIMITS.exportRowsMax],
  );
  const requests = await db.query<Record<string, unknown>>(
    `SELECT id, kind, state, created_at, closed_at FROM privacy_requests
     WHERE customer_id = $1 AND platform_id = $2 ORDER BY id`,
    [customerId, platformId],
  );
  const open = (id: string, column: string, sealed: string[] | null) =>
    sealed === null || sealed.length === 0
      ? Promise.resolve(null)
      : openText(db, { table: 'complaints', column, recordId: id, platformId }, sealed);
  return {
    format: 'custos.privacy-export/1',
    generatedAt: new Date(nowMs).toISOString(),
    platformId,
    customer: {
      id: customerId,
      kind: customer.kind,
      externalRef: customer.external_ref,
      status: customer.status,
      createdAt: iso(customer.created_at),
      personalData,
    },
    bankAccounts: await Promise.all(
      banks.map(async (bank) => ({
        id: bank.id,
        currency: bank.currency,
        createdAt: iso(bank.created_at),
        personalData: await openPersonalData(bank.personal_data, {
          vault,
          db,
          platformId,
          table: 'customer_bank_accounts',
          recordId: bank.id,
        }),
      })),
    ),
    accounts: accounts.map((a) => ({
      id: a.id,
      currency: a.currency,
      postedMinor: String(a.posted_minor),
      availableMinor: String(a.available_minor),
      createdAt: iso(a.created_at),
    })),
    instructions: instructions.map((i) => ({ ...i, created_at: iso(i.created_at) })),
    instructionsTruncated: instructions.length === PRIVACY_LIMITS.exportRowsMax,
    freezes: freezes.map((f) => ({
      ...f,
      created_at: iso(f.created_at),
      lifted_at: iso(f.lifted_at),
    })),
    mandates: mandates.map((m) => ({
      ...m,
      valid_from: iso(m.valid_from),
      valid_until: iso(m.valid_until),
      revoked_at: iso(m.revoked_at),
    })),
    riskNoticeAcknowledgements: acknowledgements.map((a) => ({
      ...a,
      acknowledged_at: iso(a.acknowledged_at),
    })),
    complaints: await Promise.all(
      complaints.map(async (c) => ({
        id: c.id,
        category: c.category,
        state: c.state,
        createdAt: iso(c.created_at),
        closedAt: iso(c.closed_at),
        textErased: c.text_erased_at !== null,
        subject: await open(c.id, 'subject', c.subject_sealed),
        description: await open(c.id, 'description', c.description_sealed),
        answer: await open(c.id, 'outcome', c.outcome_sealed),
      })),
    ),
    privacyRequests: requests.map((r) => ({
      ...r,
      created_at: iso(r.created_at),
      closed_at: iso(r.closed_at),
    })),
  };
}

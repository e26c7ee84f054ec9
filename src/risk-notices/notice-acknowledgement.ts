import { appendAuditRecords } from '../audit/audit-record-store.js';
import {
  accept,
  ComplaintRefusal,
  refusable,
  type ComplaintResult,
} from '../complaints/complaint-error.js';
import type { ComplaintChannel } from '../complaints/complaint-types.js';
import { newId, type Database, type Queryable } from '../store/index.js';
import type { NoticeLanguage } from './notice-text.js';

export interface AcknowledgementInput {
  customerId: string;
  productCode: string;
  version: number;
  language: NoticeLanguage;
  channel: ComplaintChannel;
  /** SHA-256 (hex) of the title and body the customer was shown (see noticeTextSha256). */
  shownSha256: string;
}

export interface AcknowledgementCheck {
  productCode: string;
  currentVersion: number | null;
  /** True when the customer acknowledged the current version. */
  acknowledged: boolean;
  acknowledgedVersion: number | null;
  acknowledgedAt: string | null;
}

/**
 * Records that a customer acknowledged a product's current risk notice, as shown to them in
 * one language. Refused unless the version is the current one and the hash matches that
 * version's text; acknowledging again is answered with the first record.
 */
export async function acknowledgeNotice(
  db: Database,
  actor: string,
  platformId: string,
  input: AcknowledgementInput,
  nowMs = Date.now(),
): Promise<
  ComplaintResult<{ acknowledgementId: string; acknowledgedAt: string; replayed: boolean }>
> {
  return refusable(db, async (tx) => {
    const customer = await tx.query('SELECT 1 FROM customers WHERE id = $1 AND platform_id = $2', [
      input.customerId,
      platformId,
    ]);
    if (customer.length === 0)
      throw new ComplaintRefusal({
        code: 'unknown_customer',
        message: `customer ${input.customerId} not found`,
      });
    const notices = await tx.query<{
      id: string;
      version: number;
      sha256_en: Buffer;
      sha256_zh: Buffer;
    }>(
      `SELECT id, version, sha256_en, sha256_zh FROM risk_notices
       WHERE platform_id = $1 AND product_code = $2 ORDER BY version DESC LIMIT 1`,
      [platformId, input.productCode],
    );
    const current = notices[0];
    if (current === undefined)
      throw new ComplaintRefusal({
        code: 'unknown_risk_notice',
        message: `no risk notice for product ${input.productCode}`,
      });
    if (current.version !== input.version)
      throw new ComplaintRefusal({
        code: 'notice_text_mismatch',
        message: `version ${input.version} of ${input.productCode} is not current; the current version is ${current.version}`,
        detail: { currentVersion: current.version },
      });
    const expected = Buffer.from(
      input.language === 'en' ? current.sha256_en : current.sha256_zh,
    ).toString('hex');
    if (expected !== input.shownSha256.toLowerCase())
      throw new ComplaintRefusal({
        code: 'notice_text_mismatch',
        message: `the text shown does not match version ${current.version} (${input.language}) of ${input.productCode}`,
      });
    const existing = await tx.query<{ id: string; acknowledged_at: Date }>(
      'SELECT id, acknowledged_at FROM risk_notice_acknowledgements WHERE customer_id = $1 AND notice_id = $2',
      [input.customerId, current.id],
    );
    if (existing[0] !== undefined)
      return {
        acknowledgementId: existing[0].id,
        acknowledgedAt: new Date(existing[0].acknowledged_at).toISOString(),
        replayed: true,
      };
    const id = newId('rna', nowMs);
    await tx.query(
      `INSERT INTO risk_notice_acknowledgements (id, platform_id, customer_id, notice_id, product_code,
         version, language, channel, shown_sha256, recorded_by, acknowledged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        platformId,
        input.customerId,
        current.id,
        input.productCode,
        current.version,
        input.language,
        input.channel,
        Buffer.from(expected, 'hex'),
        actor,
        new Date(nowMs),
      ],
    );
    await appendAuditRecords(tx, [
      {
        platformId,
        actor,
        action: 'risk_notice.acknowledged',
        subjectType: 'risk_notice_acknowledgement',
        subjectId: id,
        payload: {
          customerId: input.customerId,
          productCode: input.productCode,
          version: current.version,
          language: input.language,
          channel: input.channel,
          shownSha256: expected,
        },
        atMs: nowMs,
      },
    ]);
    return {
      acknowledgementId: id,
      acknowledgedAt: new Date(nowMs).toISOString(),
      replayed: false,
    };
  });
}

/** Whether a customer acknowledged the current notice of a product: the check before investing. */
export async function checkAcknowledgement(
  db: Queryable,
  platformId: string,
  customerId: string,
  productCode: string,
): Promise<ComplaintResult<AcknowledgementCheck>> {
  const customer = await db.query('SELECT 1 FROM customers WHERE id = $1 AND platform_id = $2', [
    customerId,
    platformId,
  ]);
  if (customer.length === 0)
    return {
      ok: false,
      error: { code: 'unknown_customer', message: `customer ${customerId} not found` },
    };
  const rows = await db.query<{
    current_version: number | null;
    version: number | null;
    acknowledged_at: Date | null;
  }>(
    `SELECT (SELECT max(version) FROM risk_notices WHERE platform_id = $1 AND product_code = $3) AS current_version,
       a.version, a.acknowledged_at
     FROM (SELECT 1) AS one
     LEFT JOIN LATERAL (SELECT version, acknowledged_at FROM risk_notice_acknowledgements
       WHERE platform_id = $1 AND customer_id = $2 AND product_code = $3
       ORDER BY version DESC LIMIT 1) a ON true`,
    [platformId, customerId, productCode],
  );
  const row = rows[0];
  const currentVersion = row?.current_version ?? null;
  return accept({
    productCode,
    currentVersion,
    acknowledged: currentVersion !== null && row?.version === currentVersion,
    acknowledgedVersion: row?.version ?? null,
    acknowledgedAt:
      row?.acknowledged_at == null ? null : new Date(row.acknowledged_at).toISOString(),
  });
}

/** The products whose current notice a customer has not acknowledged yet. */
export async function pendingNotices(
  db: Queryable,
  platformId: string,
  customerId: string,
): Promise<{ productCode: string; version: number; noticeId: string }[]> {
  const rows = await db.query<{ product_code: string; version: number; id: string }>(
    `SELECT n.product_code, n.version, n.id FROM (
       SELECT DISTINCT ON (product_code) id, product_code, version FROM risk_notices
       WHERE platform_id = $1 ORDER BY product_code, version DESC) n
     WHERE NOT EXISTS (SELECT 1 FROM risk_notice_acknowledgements a
       WHERE a.customer_id = $2 AND a.notice_id = n.id)
     ORDER BY n.product_code`,
    [platformId, customerId],
  );
  return rows.map((row) => ({
    productCode: row.product_code,
    version: row.version,
    noticeId: row.id,
  }));
}

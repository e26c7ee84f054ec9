import { appendAuditRecords } from '../audit/audit-record-store.js';
import { newId, type Queryable } from '../store/index.js';
import { NOTICE_LIMITS, noticeTextSha256, type RiskLevel } from './notice-text.js';

export interface NoticeInput {
  productCode: string;
  riskLevel: RiskLevel;
  titleEn: string;
  bodyEn: string;
  titleZh: string;
  bodyZh: string;
}

export interface NoticeView {
  id: string;
  platformId: string;
  productCode: string;
  version: number;
  riskLevel: RiskLevel;
  titleEn: string;
  bodyEn: string;
  titleZh: string;
  bodyZh: string;
  sha256En: string;
  sha256Zh: string;
  publishedBy: string;
  publishedAt: string;
}

type NoticeRow = {
  id: string;
  platform_id: string;
  product_code: string;
  version: number;
  risk_level: RiskLevel;
  title_en: string;
  body_en: string;
  title_zh: string;
  body_zh: string;
  sha256_en: Buffer;
  sha256_zh: Buffer;
  published_by: string;
  published_at: Date;
};

const COLUMNS = `id, platform_id, product_code, version, risk_level, title_en, body_en, title_zh,
  body_zh, sha256_en, sha256_zh, published_by, published_at`;

export function noticeView(row: NoticeRow): NoticeView {
  return {
    id: row.id,
    platformId: row.platform_id,
    productCode: row.product_code,
    version: row.version,
    riskLevel: row.risk_level,
    titleEn: row.title_en,
    bodyEn: row.body_en,
    titleZh: row.title_zh,
    bodyZh: row.body_zh,
    sha256En: Buffer.from(row.sha256_en).toString('hex'),
    sha256Zh: Buffer.from(row.sha256_zh).toString('hex'),
    publishedBy: row.published_by,
    publishedAt: new Date(row.published_at).toISOString(),
  };
}

/**
 * Publishes a new version of a product's risk notice; it becomes current at once, and
 * customers who acknowledged an earlier version must acknowledge this one before investing.
 * Versions are never edited.
 */
export async function publishNotice(
  tx: Queryable,
  actor: string,
  platformId: string,
  input: NoticeInput,
  nowMs = Date.now(),
): Promise<NoticeView> {
  await tx.query(
    "SELECT pg_advisory_xact_lock(hashtext('custos.risk_notices:' || $1 || ':' || $2))",
    [platformId, input.productCode],
  );
  const latest = await tx.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM risk_notices WHERE platform_id = $1 AND product_code = $2',
    [platformId, input.productCode],
  );
  const version = (latest[0]?.version ?? 0) + 1;
  const id = newId('rnt', nowMs);
  const rows = await tx.query<NoticeRow>(
    `INSERT INTO risk_notices (id, platform_id, product_code, version, risk_level, title_en, body_en,
       title_zh, body_zh, sha256_en, sha256_zh, published_by, published_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
    [
      id,
      platformId,
      input.productCode,
      version,
      input.riskLevel,
      input.titleEn,
      input.bodyEn,
      input.titleZh,
      input.bodyZh,
      noticeTextSha256(input.titleEn, input.bodyEn),
      noticeTextSha256(input.titleZh, input.bodyZh),
      actor,
      new Date(nowMs),
    ],
  );
  const view = noticeView(rows[0] as NoticeRow);
  await appendAuditRecords(tx, [
    {
      platformId,
      actor,
      action: 'risk_notice.published',
      subjectType: 'risk_notice',
      subjectId: id,
      payload: {
        productCode: input.productCode,
        version,
        riskLevel: input.riskLevel,
        sha256En: view.sha256En,
        sha256Zh: view.sha256Zh,
      },
      atMs: nowMs,
    },
  ]);
  return view;
}

/** The current (latest) notice of every product of a platform. */
export async function listCurrentNotices(db: Queryable, platformId: string): Promise<NoticeView[]> {
  const rows = await db.query<NoticeRow>(
    `SELECT DISTINCT ON (product_code) ${COLUMNS} FROM risk_notices WHERE platform_id = $1
     ORDER BY product_code, version DESC LIMIT $2`,
    [platformId, NOTICE_LIMITS.productsPerReadMax],
  );
  return rows.map(noticeView);
}

/** Every version of one product's notice, newest first. */
export async function noticeVersions(
  db: Queryable,
  platformId: string,
  productCode: string,
): Promise<NoticeView[]> {
  const rows = await db.query<NoticeRow>(
    `SELECT ${COLUMNS} FROM risk_notices WHERE platform_id = $1 AND product_code = $2
     ORDER BY version DESC LIMIT $3`,
    [platformId, productCode, NOTICE_LIMITS.versionsPerReadMax],
  );
  return rows.map(noticeView);
}

import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { success, type Result } from '../../custody/index.js';
import type { Principal } from '../../security/index.js';
import { newId, type Database, type Queryable } from '../../store/index.js';
import { raiseReconAlerts, shortfallAlert } from './recon-alerts.js';
import { reconAudit } from './recon-audit.js';
import { loadReconSettings } from './recon-settings.js';
import {
  assessSafeguarding,
  type SafeguardingFigures,
  type SafeguardingAssessment,
} from './safeguarding-assessment.js';

export interface SafeguardingCheck extends SafeguardingAssessment {
  readonly id: string;
  readonly currency: string;
  readonly asOf: string;
  readonly figures: SafeguardingFigures;
  readonly createdAt: string;
}

/**
 * The safeguarding check for a day, per currency of the platform's custody accounts: the
 * bank's closing balance, adjusted for items in flight (unmatched on either side), against
 * what the books owe customers plus the reserve. Every result is stored with its breakdown;
 * a shortfall is critical and gets its own audit record.
 */
export async function runSafeguardingCheck(
  db: Database,
  actor: Principal,
  platformId: string,
  asOf: string,
): Promise<Result<SafeguardingCheck[]>> {
  return db.transaction(async (tx) => {
    const settings = await loadReconSettings(tx, platformId);
    const custody = await tx.query(
      `SELECT id, currency FROM accounts WHERE platform_id = $1 AND type = 'custody_bank'
       ORDER BY currency`,
      [platformId],
    );
    const checks: SafeguardingCheck[] = [];
    for (const account of custody) {
      const figures = await loadFigures(
        tx,
        platformId,
        String(account.id),
        String(account.currency),
        asOf,
      );
      const assessment = assessSafeguarding(figures, settings.reserveShareBasisPoints);
      const check: SafeguardingCheck = {
        id: newId('sgc'),
        currency: String(account.currency),
        asOf,
        figures,
        ...assessment,
        createdAt: new Date().toISOString(),
      };
      await insertCheck(tx, actor, platformId, check);
      checks.push(check);
    }
    return success(checks);
  });
}

async function loadFigures(
  tx: Queryable,
  platformId: string,
  custodyAccountId: string,
  currency: string,
  asOf: string,
): Promise<SafeguardingFigures> {
  const statement = (
    await tx.query(
      `SELECT closing_minor, closing_date::text AS closing_date FROM bank_statements
       WHERE custody_account_id = $1 AND closing_date <= $2::date
       ORDER BY closing_date DESC, id DESC LIMIT 1`,
      [custodyAccountId, asOf],
    )
  )[0];
  const balances = await tx.query(
    `SELECT a.type, coalesce(sum(CASE WHEN t.credit_account_id = a.id THEN t.amount_minor
       ELSE -t.amount_minor END), 0) AS balance
     FROM accounts a JOIN transfers t ON (t.credit_account_id = a.id OR t.debit_account_id = a.id)
     WHERE a.platform_id = $1 AND a.currency = $2 AND t.platform_id = $1
       AND a.type IN ('customer', 'reserve', 'fees', 'suspense', 'custody_bank')
       AND t.phase IN ('single', 'post_pending')
       AND (t.created_at AT TIME ZONE 'UTC')::date <= $3::date
     GROUP BY a.type`,
    [platformId, currency, asOf],
  );
  const balance = (type: string) =>
    BigInt(String(balances.find((row) => row.type === type)?.balance ?? 0));
  const closingDate = statement === undefined ? null : String(statement.closing_date);
  const unmatched = await tx.query(
    `SELECT
       (SELECT coalesce(sum(CASE WHEN t.debit_account_id = $1 THEN t.amount_minor ELSE -t.amount_minor END), 0)
        FROM transfers t WHERE t.platform_id = $2 AND (t.debit_account_id = $1 OR t.credit_account_id = $1)
          AND t.phase IN ('single', 'post_pending') AND (t.created_at AT TIME ZONE 'UTC')::date <= $3::date
          AND NOT EXISTS (SELECT 1 FROM match_items m WHERE m.side = 'book' AND m.item_id = t.id)) AS book,
       (SELECT coalesce(sum(l.amount_minor), 0) FROM statement_lines l
        WHERE l.custody_account_id = $1 AND l.status = 'booked' AND l.booking_date <= $4::date
          AND NOT EXISTS (SELECT 1 FROM match_items m WHERE m.side = 'bank' AND m.item_id = l.id)) AS bank`,
    [custodyAccountId, platformId, asOf, closingDate ?? asOf],
  );
  return {
    bankClosingMinor: statement === undefined ? null : BigInt(String(statement.closing_minor)),
    bankClosingDate: closingDate,
    customerLiabilitiesMinor: balance('customer'),
    reserveMinor: balance('reserve'),
    feesMinor: balance('fees'),
    suspenseMinor: balance('suspense'),
    // custody_bank is debit-normal: the sum above counted credits positive.
    bookCustodyMinor: -balance('custody_bank'),
    unmatchedBookMinor: BigInt(String(unmatched[0]?.book ?? 0)),
    unmatchedBankMinor: statement === undefined ? 0n : BigInt(String(unmatched[0]?.bank ?? 0)),
  };
}

async function insertCheck(
  tx: Queryable,
  actor: Principal,
  platformId: string,
  check: SafeguardingCheck,
): Promise<void> {
  const f = check.figures;
  const breakdown = JSON.stringify(
    Object.fromEntries(
      Object.entries(f).map(([key, value]) => [
        key,
        typeof value === 'bigint' ? value.toString() : value,
      ]),
    ),
  );
  await tx.query(
    `INSERT INTO safeguarding_checks (id, platform_id, currency, as_of, status, severity,
       bank_closing_minor, bank_closing_date, customer_liabilities_minor, reserve_minor,
       required_minor, unmatched_book_minor, unmatched_bank_minor, adjusted_bank_minor,
       drift_minor, reserve_required_minor, reserve_adequate, breakdown, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      check.id,
      platformId,
      check.currency,
      check.asOf,
      check.status,
      check.severity,
      f.bankClosingMinor?.toString() ?? null,
      f.bankClosingDate,
      f.customerLiabilitiesMinor.toString(),
      f.reserveMinor.toString(),
      check.requiredMinor.toString(),
      f.unmatchedBookMinor.toString(),
      f.unmatchedBankMinor.toString(),
      check.adjustedBankMinor?.toString() ?? null,
      check.driftMinor?.toString() ?? null,
      check.reserveRequiredMinor.toString(),
      check.reserveAdequate,
      breakdown,
      actor.id,
    ],
  );
  const payload = {
    currency: check.currency,
    asOf: check.asOf,
    status: check.status,
    severity: check.severity,
    driftMinor: check.driftMinor?.toString() ?? null,
    breakdown: JSON.parse(breakdown) as unknown,
  };
  await appendAuditRecords(tx, [
    reconAudit(
      actor,
      platformId,
      check.status === 'shortfall' ? 'safeguarding.shortfall' : 'safeguarding.checked',
      'safeguarding_check',
      check.id,
      payload,
    ),
  ]);
  if (check.status === 'shortfall')
    await raiseReconAlerts(tx, [
      shortfallAlert(platformId, {
        id: check.id,
        currency: check.currency,
        asOf: check.asOf,
        driftMinor: check.driftMinor?.toString() ?? null,
        requiredMinor: check.requiredMinor.toString(),
      }),
    ]);
}

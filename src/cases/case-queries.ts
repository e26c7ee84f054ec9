import { toBigInt, type Queryable } from '../store/index.js';
import type { AlertSource } from './alert-input.js';
import {
  counterpartiesOf,
  type Counterparty,
  type CustomerInstruction,
} from './case-counterparties.js';
import { listCaseEvents, type CaseEventView } from './case-events-store.js';
import { listEvidence, type EvidenceView } from './case-evidence.js';
import {
  CASE_ALERTS_PER_READ_MAX,
  CASE_INSTRUCTIONS_PER_READ_MAX,
  CASES_PER_PAGE_MAX,
} from './case-limits.js';
import { CASE_COLUMNS, CASE_FROM, caseFromRow, type CaseView } from './case-row.js';
import { allowedCommands, type CaseCommandKind } from './case-state.js';
import type { Severity } from './severity.js';

export interface AlertView {
  id: string;
  platformId: string;
  alertKey: string;
  source: AlertSource;
  ruleId: string;
  ruleVersion: number;
  severity: Severity;
  customerId: string | null;
  score: number;
  explanation: Record<string, unknown>;
  caseId: string;
  occurrences: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface CaseFilter {
  /** null: every platform (staff queues). */
  platformId: string | null;
  state?: string;
  queue?: string;
  severity?: string;
  assigneeId?: string;
  /** Only cases not closed. */
  openOnly?: boolean;
  limit?: number;
  cursor?: string;
  /** The caller's platform scope (regulators): null for every platform. */
  platformIds?: readonly string[] | null;
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isInteger(limit) || limit < 1) return 100;
  return Math.min(limit, CASES_PER_PAGE_MAX);
}

/** Cases newest first (ids are time-ordered), filtered; `nextCursor` pages on. */
export async function listCases(
  db: Queryable,
  filter: CaseFilter,
): Promise<{ items: CaseView[]; nextCursor: string | null }> {
  const limit = pageLimit(filter.limit);
  const rows = await db.query(
    `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM}
     WHERE ($1::text IS NULL OR c.platform_id = $1) AND ($2::text IS NULL OR c.state = $2)
       AND ($3::text IS NULL OR c.queue = $3) AND ($4::text IS NULL OR c.severity = $4)
       AND ($5::text IS NULL OR c.assignee_id = $5) AND (NOT $6 OR c.state <> 'closed')
       AND ($7::text IS NULL OR c.id < $7)
       AND ($9::text[] IS NULL OR c.platform_id = ANY($9::text[]))
     ORDER BY c.id DESC LIMIT $8`,
    [
      filter.platformId,
      filter.state ?? null,
      filter.queue ?? null,
      filter.severity ?? null,
      filter.assigneeId ?? null,
      filter.openOnly === true,
      filter.cursor ?? null,
      limit + 1,
      filter.platformIds === undefined || filter.platformIds === null
        ? null
        : [...filter.platformIds],
    ],
  );
  const items = rows.slice(0, limit).map((row) => caseFromRow(row).view);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function getCase(
  db: Queryable,
  platformId: string,
  caseId: string,
): Promise<CaseView | null> {
  const rows = await db.query(
    `SELECT ${CASE_COLUMNS} FROM ${CASE_FROM} WHERE c.id = $1 AND c.platform_id = $2`,
    [caseId, platformId],
  );
  const row = rows[0];
  return row === undefined ? null : caseFromRow(row).view;
}

const ALERT_COLUMNS = `id, platform_id, alert_key, source, rule_id, rule_version, severity,
  customer_id, score, explanation, case_id, occurrences, first_seen_at, last_seen_at`;

function alertView(row: Record<string, unknown>): AlertView {
  return {
    id: String(row.id),
    platformId: String(row.platform_id),
    alertKey: String(row.alert_key),
    source: row.source as AlertSource,
    ruleId: String(row.rule_id),
    ruleVersion: Number(row.rule_version),
    severity: row.severity as Severity,
    customerId: (row.customer_id as string | null) ?? null,
    score: Number(row.score),
    explanation: row.explanation as Record<string, unknown>,
    caseId: String(row.case_id),
    occurrences: Number(row.occurrences),
    firstSeenAt: new Date(row.first_seen_at as Date).toISOString(),
    lastSeenAt: new Date(row.last_seen_at as Date).toISOString(),
  };
}

export async function listAlerts(
  db: Queryable,
  filter: { platformId: string; caseId?: string; ruleId?: string; limit?: number; cursor?: string },
): Promise<{ items: AlertView[]; nextCursor: string | null }> {
  const limit = pageLimit(filter.limit);
  const rows = await db.query(
    `SELECT ${ALERT_COLUMNS} FROM alerts WHERE platform_id = $1
       AND ($2::text IS NULL OR case_id = $2) AND ($3::text IS NULL OR rule_id = $3)
       AND ($4::text IS NULL OR id < $4)
     ORDER BY id DESC LIMIT $5`,
    [
      filter.platformId,
      filter.caseId ?? null,
      filter.ruleId ?? null,
      filter.cursor ?? null,
      limit + 1,
    ],
  );
  const items = rows.slice(0, limit).map(alertView);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export interface StrDraftView {
  id: string;
  status: string;
  createdBy: string;
  createdAt: string;
}

export interface CaseWorkspace {
  case: CaseView;
  allowedCommands: CaseCommandKind[];
  alerts: AlertView[];
  timeline: CaseEventView[];
  evidence: EvidenceView[];
  instructions: CustomerInstruction[];
  counterparties: Counterparty[];
  strDrafts: StrDraftView[];
}

/** Everything a person working the case needs on one page. */
export async function getCaseWorkspace(
  db: Queryable,
  platformId: string,
  caseId: string,
): Promise<CaseWorkspace | null> {
  const view = await getCase(db, platformId, caseId);
  if (view === null) return null;
  const alerts = await db.query(
    `SELECT ${ALERT_COLUMNS} FROM alerts WHERE case_id = $1 ORDER BY id LIMIT $2`,
    [caseId, CASE_ALERTS_PER_READ_MAX],
  );
  const instructions =
    view.customerId === null ? [] : await customerInstructions(db, platformId, view.customerId);
  const drafts = await db.query<{
    id: string;
    status: string;
    created_by: string;
    created_at: Date;
  }>('SELECT id, status, created_by, created_at FROM str_drafts WHERE case_id = $1 ORDER BY id', [
    caseId,
  ]);
  return {
    case: view,
    allowedCommands: view.closeApprovalId === null ? allowedCommands(view.state) : [],
    alerts: alerts.map(alertView),
    timeline: await listCaseEvents(db, caseId),
    evidence: await listEvidence(db, caseId),
    instructions,
    counterparties: counterpartiesOf(instructions),
    strDrafts: drafts.map((d) => ({
      id: d.id,
      status: d.status,
      createdBy: d.created_by,
      createdAt: new Date(d.created_at).toISOString(),
    })),
  };
}

/** The customer's latest instructions, in either direction, through the journal's indexes. */
export async function customerInstructions(
  db: Queryable,
  platformId: string,
  customerId: string,
): Promise<CustomerInstruction[]> {
  const rows = await db.query(
    `WITH mine AS (SELECT id FROM accounts WHERE platform_id = $1 AND customer_id = $2),
     ids AS (
       (SELECT instruction_id FROM transfers WHERE debit_account_id IN (SELECT id FROM mine)
        ORDER BY id DESC LIMIT $3)
       UNION
       (SELECT instruction_id FROM transfers WHERE credit_account_id IN (SELECT id FROM mine)
        ORDER BY id DESC LIMIT $3)
     )
     SELECT i.id, i.type, i.status, i.amount_minor, i.currency, i.purpose, i.hold_reason,
       i.created_at, (da.customer_id IS NOT DISTINCT FROM $2) AS outgoing,
       da.id AS debit_id, da.type AS debit_type, da.customer_id AS debit_customer,
       ca.id AS credit_id, ca.type AS credit_type, ca.customer_id AS credit_customer
     FROM instructions i
     JOIN accounts da ON da.id = i.debit_account_id
     JOIN accounts ca ON ca.id = i.credit_account_id
     WHERE i.id IN (SELECT instruction_id FROM ids) AND i.platform_id = $1
     ORDER BY i.id DESC LIMIT $3`,
    [platformId, customerId, CASE_INSTRUCTIONS_PER_READ_MAX],
  );
  return rows.map((row) => {
    const outgoing = row.outgoing === true;
    const side = outgoing ? 'credit' : 'debit';
    return {
      id: String(row.id),
      type: String(row.type),
      status: String(row.status),
      amountMinor: toBigInt(row.amount_minor),
      currency: String(row.currency),
      purpose: String(row.purpose),
      direction: outgoing ? 'out' : 'in',
      counterpartyAccountId: String(row[`${side}_id`]),
      counterpartyAccountType: String(row[`${side}_type`]),
      counterpartyCustomerId: (row[`${side}_customer`] as string | null) ?? null,
      holdReason: (row.hold_reason as string | null) ?? null,
      createdAt: new Date(row.created_at as Date).toISOString(),
    };
  });
}

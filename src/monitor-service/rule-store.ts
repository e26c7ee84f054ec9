import { createHash } from 'node:crypto';
import type { ApprovalRow } from '../approvals/approval-actions.js';
import { ApprovalExecutionRefused } from '../approvals/approval-execution-refused.js';
import { openApproval } from '../approvals/approvals.js';
import { appendAuditRecords } from '../audit/audit-record-store.js';
import { canonicalJson } from '../crypto/index.js';
import { failure, success, type Result } from '../custody/errors.js';
import {
  cnRulePack,
  RuleDefinitionSchema,
  TypologyDefinitionSchema,
  validateRulePack,
  type RulePack,
} from '../monitor/index.js';
import type { Principal } from '../security/index.js';
import type { Database, Queryable } from '../store/index.js';

export const RULE_VERSIONS_LISTED_MAX = 1_000;

export interface StoredRuleVersion {
  platformId: string;
  ruleId: string;
  version: number;
  kind: 'rule' | 'typology';
  status: 'draft' | 'pending_activation' | 'active' | 'retired';
  definition: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  activatedBy: string | null;
  activatedAt: string | null;
  activationApprovalId: string | null;
}

/**
 * A platform's effective pack: the CN default pack, with every rule or typology that has an
 * active stored version replaced by it (or added). Validated as a whole.
 */
export async function effectivePack(db: Queryable, platformId: string): Promise<RulePack> {
  const base = cnRulePack();
  const rows = await db.query<{
    rule_id: string;
    kind: string;
    definition: Record<string, unknown>;
  }>(
    `SELECT rule_id, kind, definition FROM monitoring_rules
     WHERE platform_id = $1 AND status = 'active' ORDER BY rule_id`,
    [platformId],
  );
  if (rows.length === 0) return base;
  return packWith(
    base,
    rows.map((r) => ({ kind: r.kind as 'rule' | 'typology', definition: r.definition })),
  );
}

function packWith(
  base: RulePack,
  overrides: { kind: 'rule' | 'typology'; definition: Record<string, unknown> }[],
): RulePack {
  const rules = new Map<string, unknown>(base.rules.map((r) => [r.id, r]));
  const typologies = new Map<string, unknown>(base.typologies.map((t) => [t.id, t]));
  for (const override of overrides) {
    const id = String(override.definition.id);
    (override.kind === 'rule' ? rules : typologies).set(id, override.definition);
  }
  const validation = validateRulePack({
    ...base,
    rules: [...rules.values()],
    typologies: [...typologies.values()],
  });
  if (!validation.ok)
    throw new Error(
      `stored rules do not form a valid pack: ${validation.issues[0]?.message ?? ''}`,
    );
  return validation.pack;
}

/** A stable fingerprint of a pack: snapshots restore only into the pack they were taken with. */
export function packFingerprint(pack: RulePack): string {
  return createHash('sha256')
    .update(canonicalJson(JSON.parse(JSON.stringify(pack))))
    .digest('hex')
    .slice(0, 32);
}

export type DraftResult = Result<{ ruleId: string; version: number }>;

/**
 * Saves a draft version of a rule or typology. It is validated on its own and inside the
 * platform's pack (unknown template, wrong parameter types, windows beyond the limit, unknown
 * rules or cycles in typologies are refused with the field at fault).
 */
export async function saveDraft(
  db: Database,
  actor: Principal,
  platformId: string,
  kind: 'rule' | 'typology',
  definition: unknown,
): Promise<DraftResult | { ok: false; issues: { path: string; message: string }[] }> {
  const schema = kind === 'rule' ? RuleDefinitionSchema : TypologyDefinitionSchema;
  const parsed = schema.safeParse(definition);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  const value = parsed.data as unknown as Record<string, unknown>;
  const ruleId = String(value.id);
  const base = await effectivePack(db, platformId);
  const trial = packWithUnchecked(base, kind, value);
  const validation = validateRulePack(trial);
  if (!validation.ok) return { ok: false, issues: validation.issues };
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ highest: number }>(
      `SELECT COALESCE(max(version), 0) AS highest FROM monitoring_rules
       WHERE platform_id = $1 AND rule_id = $2`,
      [platformId, ruleId],
    );
    // Above every stored version and the built-in one: a version names one definition, and the
    // engine keeps a rule's windowed state only across the same version.
    const version = Math.max(Number(rows[0]?.highest ?? 0), builtInVersion(kind, ruleId)) + 1;
    const stored = { ...value, version };
    await tx.query(
      `INSERT INTO monitoring_rules (platform_id, rule_id, version, kind, status, definition, created_by)
       VALUES ($1, $2, $3, $4, 'draft', $5, $6)`,
      [platformId, ruleId, version, kind, JSON.stringify(stored), actor.id],
    );
    await appendAuditRecords(tx, [
      {
        platformId,
        actor: actor.id,
        action: 'rule.draft_saved',
        subjectType: 'monitoring_rule',
        subjectId: `${ruleId}@${version}`,
        payload: { kind, definition: stored },
        atMs: Date.now(),
      },
    ]);
    return success({ ruleId, version });
  });
}

/** The version of the CN pack's own definition of `id`, 0 when the pack has none. */
function builtInVersion(kind: 'rule' | 'typology', id: string): number {
  const pack = cnRulePack();
  const found =
    kind === 'rule'
      ? pack.rules.find((rule) => rule.id === id)
      : pack.typologies.find((typology) => typology.id === id);
  return found?.version ?? 0;
}

function packWithUnchecked(
  base: RulePack,
  kind: 'rule' | 'typology',
  definition: Record<string, unknown>,
): unknown {
  const id = String(definition.id);
  if (kind === 'rule')
    return { ...base, rules: [...base.rules.filter((r) => r.id !== id), definition] };
  return { ...base, typologies: [...base.typologies.filter((t) => t.id !== id), definition] };
}

/** Asks a second person to activate a draft (approval action `rule.activate`). */
export async function requestActivation(
  db: Database,
  actor: Principal,
  platformId: string,
  ruleId: string,
  version: number,
  reason: string,
): Promise<Result<{ approvalId: string }>> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ status: string; activation_approval_id: string | null }>(
      `SELECT status, activation_approval_id FROM monitoring_rules
       WHERE platform_id = $1 AND rule_id = $2 AND version = $3
       FOR UPDATE`,
      [platformId, ruleId, version],
    );
    const row = rows[0];
    if (row === undefined)
      return failure('not_found', `rule ${ruleId} version ${version} not found`);
    // A version whose activation was rejected or expired is a draft again.
    const asked = row.status === 'pending_activation' && !(await hasOpenApproval(tx, row));
    if (row.status !== 'draft' && !asked)
      return failure('invalid_state', `version ${version} is ${row.status}`);
    const others = await tx.query<{ version: number; activation_approval_id: string | null }>(
      `SELECT version, activation_approval_id FROM monitoring_rules
       WHERE platform_id = $1 AND rule_id = $2 AND version <> $3
         AND (status = 'pending_activation' OR status = 'active')
       ORDER BY version DESC FOR UPDATE`,
      [platformId, ruleId, version],
    );
    for (const other of others) {
      if (other.version > version)
        return failure(
          'invalid_state',
          `version ${other.version} of ${ruleId} is newer; save a new draft instead of ${version}`,
          { newerVersion: other.version },
        );
      if (await hasOpenApproval(tx, other))
        return failure(
          'invalid_state',
          `version ${other.version} of ${ruleId} is awaiting approval; decide it first`,
          { pendingVersion: other.version },
        );
    }
    const approvalId = await openApproval(tx, actor, {
      platformId,
      action: 'rule.activate',
      payload: { ruleId, version },
      reason,
    });
    await tx.query(
      `UPDATE monitoring_rules SET status = 'pending_activation', activation_approval_id = $4
       WHERE platform_id = $1 AND rule_id = $2 AND version = $3`,
      [platformId, ruleId, version, approvalId],
    );
    return success({ approvalId });
  });
}

/** Whether the version's activation request is still open (not decided, not past expiry). */
async function hasOpenApproval(
  tx: Queryable,
  row: { activation_approval_id: string | null },
): Promise<boolean> {
  if (row.activation_approval_id === null) return false;
  const rows = await tx.query<{ open: boolean }>(
    `SELECT status = 'open' AND expires_at > now() AS open FROM approvals WHERE id = $1`,
    [row.activation_approval_id],
  );
  return rows[0]?.open === true;
}

/**
 * Runs an approved activation: the version becomes active, the previous one retires. Refused,
 * with nothing changed, when a newer version is active already or when the platform's pack
 * with this version in it would not be valid (another activation since the draft was saved
 * can make it so: a typology cycle, a member gone).
 */
export async function executeRuleActivation(
  tx: Queryable,
  approval: ApprovalRow,
  decider: Principal,
): Promise<void> {
  const platformId = approval.platform_id;
  const ruleId = String(approval.payload.ruleId);
  const version = Number(approval.payload.version);
  if (platformId === null)
    throw new ApprovalExecutionRefused({ code: 'invalid_state', message: 'no platform' });
  const newer = await tx.query<{ version: number }>(
    `SELECT version FROM monitoring_rules
     WHERE platform_id = $1 AND rule_id = $2 AND status = 'active' AND version > $3`,
    [platformId, ruleId, version],
  );
  if (newer.length > 0)
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: `version ${newer[0]?.version ?? ''} of ${ruleId} is active: ${version} is older`,
    });
  await tx.query(
    `UPDATE monitoring_rules SET status = 'retired', retired_at = now()
     WHERE platform_id = $1 AND rule_id = $2 AND status = 'active'`,
    [platformId, ruleId],
  );
  const activated = await tx.query(
    `UPDATE monitoring_rules SET status = 'active', activated_by = $4, activated_at = now()
     WHERE platform_id = $1 AND rule_id = $2 AND version = $3 AND status = 'pending_activation'
     RETURNING rule_id`,
    [platformId, ruleId, version, decider.id],
  );
  if (activated.length === 0)
    throw new ApprovalExecutionRefused({
      code: 'invalid_state',
      message: 'the version is no longer pending',
    });
  try {
    await effectivePack(tx, platformId);
  } catch (error) {
    throw new ApprovalExecutionRefused({
      code: 'validation_failed',
      message: `activating ${ruleId} version ${version} would leave an invalid rule pack: ${
        error instanceof Error ? error.message : String(error)
      }`,
    });
  }
  await appendAuditRecords(tx, [
    {
      platformId,
      actor: decider.id,
      action: 'rule.activated',
      subjectType: 'monitoring_rule',
      subjectId: `${ruleId}@${version}`,
      payload: { requestedBy: approval.requested_by },
      atMs: Date.now(),
    },
  ]);
}

/** Stored versions of a platform's rules (the CN pack's built-in versions are not rows). */
export async function listRuleVersions(
  db: Queryable,
  platformId: string,
): Promise<StoredRuleVersion[]> {
  const rows = await db.query<Record<string, unknown>>(
    // A version whose activation request was rejected or expired reads as a draft again.
    `SELECT m.platform_id, m.rule_id, m.version, m.kind,
       CASE WHEN m.status = 'pending_activation'
              AND NOT EXISTS (SELECT 1 FROM approvals a WHERE a.id = m.activation_approval_id
                                AND a.status = 'open' AND a.expires_at > now())
            THEN 'draft' ELSE m.status END AS status,
       m.definition, m.created_by, m.created_at, m.activated_by, m.activated_at,
       m.activation_approval_id
     FROM monitoring_rules m WHERE m.platform_id = $1
     ORDER BY m.rule_id, m.version DESC LIMIT $2`,
    [platformId, RULE_VERSIONS_LISTED_MAX],
  );
  return rows.map((r) => ({
    platformId: String(r.platform_id),
    ruleId: String(r.rule_id),
    version: Number(r.version),
    kind: r.kind as 'rule' | 'typology',
    status: r.status as StoredRuleVersion['status'],
    definition: r.definition as Record<string, unknown>,
    createdBy: String(r.created_by),
    createdAt: new Date(r.created_at as string).toISOString(),
    activatedBy: (r.activated_by as string | null) ?? null,
    activatedAt: r.activated_at === null ? null : new Date(r.activated_at as string).toISOString(),
    activationApprovalId: (r.activation_approval_id as string | null) ?? null,
  }));
}

/** The pack a draft version would make (for backtests): the effective pack with it swapped in. */
export async function packWithDraft(
  db: Queryable,
  platformId: string,
  ruleId: string,
  version: number,
): Promise<RulePack> {
  const rows = await db.query<{ kind: 'rule' | 'typology'; definition: Record<string, unknown> }>(
    'SELECT kind, definition FROM monitoring_rules WHERE platform_id = $1 AND rule_id = $2 AND version = $3',
    [platformId, ruleId, version],
  );
  const row = rows[0];
  if (row === undefined) throw new Error(`rule ${ruleId} version ${version} not found`);
  return packWith(await effectivePack(db, platformId), [row]);
}

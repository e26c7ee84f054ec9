import { z } from 'zod';
import { RULES_PER_PACK_MAX, TYPOLOGIES_PER_PACK_MAX } from './limits.js';
import { RuleDefinitionSchema, RuleIdSchema } from './rule-definition.js';
import { TypologyDefinitionSchema, type TypologyDefinition } from './typology-definition.js';

type PackIssue = { path: (string | number)[]; message: string };

function duplicateIssues(ruleIds: string[], typologyIds: string[]): PackIssue[] {
  const issues: PackIssue[] = [];
  const firstAt = new Map<string, string>();
  const visit = (id: string, path: (string | number)[]) => {
    const earlier = firstAt.get(id);
    if (earlier === undefined) firstAt.set(id, path.slice(0, 2).join('.'));
    else issues.push({ path, message: `duplicate id ${id} (first at ${earlier})` });
  };
  ruleIds.forEach((id, index) => visit(id, ['rules', index, 'id']));
  typologyIds.forEach((id, index) => visit(id, ['typologies', index, 'id']));
  return issues;
}

/** Unknown members, repeated members, and cycles among typologies (reported where they close). */
function typologyIssues(ruleIds: Set<string>, typologies: TypologyDefinition[]): PackIssue[] {
  const issues: PackIssue[] = [];
  const byId = new Map(typologies.map((typology, index) => [typology.id, index] as const));
  typologies.forEach((typology, index) => {
    const seen = new Set<string>();
    typology.rules.forEach((member, memberIndex) => {
      const path = ['typologies', index, 'rules', memberIndex, 'ruleId'];
      if (!ruleIds.has(member.ruleId) && !byId.has(member.ruleId)) {
        issues.push({ path, message: `unknown rule or typology ${member.ruleId}` });
      }
      if (seen.has(member.ruleId)) issues.push({ path, message: `${member.ruleId} listed twice` });
      seen.add(member.ruleId);
    });
  });
  // Depth-first search; state 1 = on the current path, 2 = finished.
  const state = new Map<string, 1 | 2>();
  const walk = (id: string, trail: string[]): void => {
    state.set(id, 1);
    const index = byId.get(id) ?? -1;
    typologies[index]?.rules.forEach((member, memberIndex) => {
      if (!byId.has(member.ruleId)) return;
      const mark = state.get(member.ruleId);
      if (mark === 1) {
        const cycle = [...trail.slice(trail.indexOf(member.ruleId)), member.ruleId].join(' → ');
        const path = ['typologies', index, 'rules', memberIndex, 'ruleId'];
        issues.push({ path, message: `typology cycle: ${cycle}` });
      } else if (mark === undefined) {
        walk(member.ruleId, [...trail, member.ruleId]);
      }
    });
    state.set(id, 2);
  };
  for (const typology of typologies) {
    if (!state.has(typology.id)) walk(typology.id, [typology.id]);
  }
  return issues;
}

/** A tenant's monitoring configuration: rules and the typologies built on them. */
export const RulePackSchema = z
  .strictObject({
    id: RuleIdSchema,
    rules: z.array(RuleDefinitionSchema).max(RULES_PER_PACK_MAX),
    typologies: z.array(TypologyDefinitionSchema).max(TYPOLOGIES_PER_PACK_MAX),
  })
  .superRefine((pack, ctx) => {
    const ruleIds = pack.rules.map((rule) => rule.id);
    const typologyIds = pack.typologies.map((typology) => typology.id);
    const issues = [
      ...duplicateIssues(ruleIds, typologyIds),
      ...typologyIssues(new Set(ruleIds), pack.typologies),
    ];
    for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
  });
export type RulePack = z.infer<typeof RulePackSchema>;
export type RulePackInput = z.input<typeof RulePackSchema>;

export type RulePackValidation =
  { ok: true; pack: RulePack } | { ok: false; issues: { path: string; message: string }[] };

/** Validates a pack; each issue names the field at fault as a dotted path (rules.3.params.…). */
export function validateRulePack(input: unknown): RulePackValidation {
  const parsed = RulePackSchema.safeParse(input);
  if (parsed.success) return { ok: true, pack: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return { ok: false, issues };
}

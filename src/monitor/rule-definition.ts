import { z } from 'zod';
import { SEVERITIES } from './alert.js';
import { TEXT_LENGTH_MAX, WINDOW_BUCKETS_MAX } from './limits.js';
import {
  AggregateParamsSchema,
  BaselineParamsSchema,
  DormancyParamsSchema,
  ListMembershipParamsSchema,
  SequenceParamsSchema,
  SYNC_TEMPLATES,
  ThresholdParamsSchema,
} from './rule-templates.js';

export const RULE_ID_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;
export const RuleIdSchema = z.string().regex(RULE_ID_PATTERN, 'lower-case id, at most 64 chars');

const common = {
  id: RuleIdSchema,
  version: z.number().int().min(1).max(1_000_000),
  severity: z.enum(SEVERITIES),
  /** sync: also checked before posting by check(); async: only after posting by observe(). */
  mode: z.enum(['sync', 'async']),
  /** What check() asks for when a sync rule fires. */
  syncAction: z.enum(['hold', 'reject']).default('hold'),
  enabled: z.boolean().default(true),
  description: z.string().min(1).max(TEXT_LENGTH_MAX),
  /** The legal or professional ground of the rule and its defaults. */
  basis: z.string().min(1).max(TEXT_LENGTH_MAX),
};

type Issue = { path: (string | number)[]; message: string };
type Params<S extends z.ZodType> = z.infer<S>;

function aggregateIssues(params: Params<typeof AggregateParamsSchema>): Issue[] {
  const issues: Issue[] = [];
  const shared = params.keyBy === 'device' || params.keyBy === 'ip' || params.keyBy === 'platform';
  if (
    params.decideAt === 'closure' &&
    (params.keyBy !== 'customer' || params.window.kind !== 'sliding')
  ) {
    const message = 'decideAt closure needs keyBy customer and a sliding window';
    issues.push({ path: ['decideAt'], message });
  }
  if (shared && params.direction !== 'both') {
    issues.push({ path: ['direction'], message: `keyBy ${params.keyBy} needs direction both` });
  }
  params.conditions.forEach((condition, index) => {
    const path = ['conditions', index];
    if (condition.measure === 'count' || condition.measure === 'distinct_count') return;
    if (condition.measure === 'ratio') return;
    const net = condition.measure === 'net_inflow' || condition.measure === 'net_outflow';
    if (net && params.direction !== 'both') {
      issues.push({ path: [...path, 'measure'], message: 'net measures need direction both' });
    }
    const given = [
      condition.atLeast,
      condition.atLeastDeclaredMultiple,
      condition.atLeastCustodyShare,
    ].filter((threshold) => threshold !== undefined).length;
    if (given !== 1) {
      const message = 'give exactly one of atLeast, atLeastDeclaredMultiple, atLeastCustodyShare';
      issues.push({ path, message });
    }
    if (condition.atLeastCustodyShare !== undefined && params.keyBy !== 'platform') {
      issues.push({ path: [...path, 'atLeastCustodyShare'], message: 'needs keyBy platform' });
    }
    if (condition.atLeastDeclaredMultiple !== undefined && params.keyBy !== 'customer') {
      issues.push({ path: [...path, 'atLeastDeclaredMultiple'], message: 'needs keyBy customer' });
    }
    const via = condition.otherCurrenciesVia;
    if (via !== undefined && condition.atLeast?.[via] === undefined) {
      issues.push({
        path: [...path, 'otherCurrenciesVia'],
        message: `atLeast names no ${via} amount`,
      });
    }
  });
  return issues;
}

function baselineIssues(params: Params<typeof BaselineParamsSchema>): Issue[] {
  const issues: Issue[] = [];
  if (params.metric === 'count' && params.minCount === undefined) {
    issues.push({ path: ['minCount'], message: 'a count baseline needs minCount' });
  }
  if (params.metric === 'sum' && params.minAmount === undefined) {
    issues.push({ path: ['minAmount'], message: 'a sum baseline needs minAmount' });
  }
  if (params.baselineDays + params.periodDays > WINDOW_BUCKETS_MAX) {
    const message = `baselineDays + periodDays must be at most ${WINDOW_BUCKETS_MAX}`;
    issues.push({ path: ['baselineDays'], message });
  }
  if (params.baselineDays < 2 * params.periodDays) {
    issues.push({ path: ['baselineDays'], message: 'must span at least two periods' });
  }
  if (params.minHistoryDays > params.baselineDays) {
    issues.push({ path: ['minHistoryDays'], message: 'must not exceed baselineDays' });
  }
  if (params.keyBy === 'platform' && params.direction !== 'both') {
    issues.push({ path: ['direction'], message: 'keyBy platform needs direction both' });
  }
  return issues;
}

function withIssues<S extends z.ZodType>(schema: S, check: (params: z.infer<S>) => Issue[]) {
  return schema.superRefine((params, ctx) => {
    for (const issue of check(params)) ctx.addIssue({ code: 'custom', ...issue });
  });
}

const noIssues = (): Issue[] => [];

/**
 * A rule: a template with typed parameters. Rules are data: a tenant's pack is validated once
 * and compiled by the engine; nothing in a rule is code.
 */
export const RuleDefinitionSchema = z
  .discriminatedUnion('template', [
    z.strictObject({
      ...common,
      template: z.literal('threshold'),
      params: withIssues(ThresholdParamsSchema, noIssues),
    }),
    z.strictObject({
      ...common,
      template: z.literal('list_membership'),
      params: ListMembershipParamsSchema,
    }),
    z.strictObject({
      ...common,
      template: z.literal('aggregate'),
      params: withIssues(AggregateParamsSchema, aggregateIssues),
    }),
    z.strictObject({
      ...common,
      template: z.literal('baseline_deviation'),
      params: withIssues(BaselineParamsSchema, baselineIssues),
    }),
    z.strictObject({ ...common, template: z.literal('sequence'), params: SequenceParamsSchema }),
    z.strictObject({
      ...common,
      template: z.literal('dormancy'),
      params: withIssues(DormancyParamsSchema, (params) =>
        params.atLeast === undefined && params.historicalMonthlyMultiple === undefined
          ? [{ path: ['atLeast'], message: 'give atLeast or historicalMonthlyMultiple' }]
          : [],
      ),
    }),
  ])
  .superRefine((rule, ctx) => {
    if (rule.mode === 'sync' && !SYNC_TEMPLATES.includes(rule.template)) {
      const message = `template ${rule.template} can only run async`;
      ctx.addIssue({ code: 'custom', path: ['mode'], message });
    }
  });
export type RuleDefinition = z.infer<typeof RuleDefinitionSchema>;
export type RuleDefinitionInput = z.input<typeof RuleDefinitionSchema>;

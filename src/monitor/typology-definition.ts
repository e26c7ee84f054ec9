import { z } from 'zod';
import { SEVERITIES } from './alert.js';
import { TEXT_LENGTH_MAX, TYPOLOGY_MEMBERS_MAX } from './limits.js';
import { DurationMsSchema } from './rule-schema-parts.js';
import { RuleIdSchema } from './rule-definition.js';

/**
 * A typology scores a customer from the latest outcomes of its members (rules, or other
 * typologies) within windowMs: score = Σ weight × outcome / Σ weight, in 0..1. At or above
 * alertThreshold it raises an alert; at or above interdictionThreshold check() holds the
 * customer's next instruction.
 */
export const TypologyDefinitionSchema = z
  .strictObject({
    id: RuleIdSchema,
    version: z.number().int().min(1).max(1_000_000),
    description: z.string().min(1).max(TEXT_LENGTH_MAX),
    rules: z
      .array(z.strictObject({ ruleId: RuleIdSchema, weight: z.number().positive().max(1_000) }))
      .min(1)
      .max(TYPOLOGY_MEMBERS_MAX),
    windowMs: DurationMsSchema,
    alertThreshold: z.number().positive().max(1),
    interdictionThreshold: z.number().positive().max(1),
    severity: z.enum(SEVERITIES),
  })
  .superRefine((typology, ctx) => {
    if (typology.interdictionThreshold < typology.alertThreshold) {
      const message = 'must be at least alertThreshold';
      ctx.addIssue({ code: 'custom', path: ['interdictionThreshold'], message });
    }
  });
export type TypologyDefinition = z.infer<typeof TypologyDefinitionSchema>;

import type { ProblemIssue } from '../api/index.js';
import { RISK_LIMITS } from '../../../src/customer-risk/risk-limits.js';
import {
  ONBOARDING_CHANNELS,
  PEP_STATUSES,
  type OnboardingChannel,
  type PepStatus,
  type RatingDetail,
  type RiskAttributesBody,
} from './reports-types.js';

/**
 * The declared monthly figure as the API checks it (DeclaredCny in
 * src/customer-risk/risk-attributes.ts): CNY with at most two decimals, below 1 trillion, no
 * sign, no leading zero, no thousands separator.
 */
const DECLARED_CNY_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

/** Products one customer may hold, as the API bounds them. */
export const PRODUCTS_PER_CUSTOMER_MAX = RISK_LIMITS.productsPerCustomerMax;

/** The form's fields, as typed: '' is "none" for a category and "not declared" for the figure. */
export interface AttributesDraft {
  occupationCategory: string;
  industryCategory: string;
  products: string[];
  onboardingChannel: OnboardingChannel;
  pepStatus: PepStatus;
  declaredMonthlyCny: string;
}

/** The members of the body, which are also the paths the server names a field by. */
export type AttributeField = keyof RiskAttributesBody;

const ATTRIBUTE_FIELDS: readonly AttributeField[] = [
  'occupationCategory',
  'industryCategory',
  'products',
  'onboardingChannel',
  'pepStatus',
  'declaredMonthlyCny',
];

function isChannel(value: string): value is OnboardingChannel {
  return (ONBOARDING_CHANNELS as readonly string[]).includes(value);
}

function isPepStatus(value: string): value is PepStatus {
  return (PEP_STATUSES as readonly string[]).includes(value);
}

/** The form prefilled with what is recorded (the API's defaults when nothing is). */
export function draftOf(attributes: RatingDetail['attributes']): AttributesDraft {
  const channel = attributes.onboardingChannel;
  const pep = attributes.pepStatus;
  return {
    occupationCategory: attributes.occupationCategory ?? '',
    industryCategory: attributes.industryCategory ?? '',
    products: [...attributes.products],
    onboardingChannel: isChannel(channel) ? channel : 'remote',
    pepStatus: isPepStatus(pep) ? pep : 'none',
    declaredMonthlyCny: attributes.declaredMonthlyCny ?? '',
  };
}

/** Whether the typed figure is one the API takes: empty (none declared) or a CNY amount. */
export function declaredCnyValid(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || DECLARED_CNY_PATTERN.test(trimmed);
}

/** The PUT body of a complete draft, or null while a field is not one the API takes. */
export function attributesBody(draft: AttributesDraft): RiskAttributesBody | null {
  if (!declaredCnyValid(draft.declaredMonthlyCny)) return null;
  if (draft.products.length > PRODUCTS_PER_CUSTOMER_MAX) return null;
  const declared = draft.declaredMonthlyCny.trim();
  return {
    occupationCategory: draft.occupationCategory === '' ? null : draft.occupationCategory,
    industryCategory: draft.industryCategory === '' ? null : draft.industryCategory,
    products: draft.products,
    onboardingChannel: draft.onboardingChannel,
    pepStatus: draft.pepStatus,
    declaredMonthlyCny: declared === '' ? null : declared,
  };
}

/**
 * The codes to choose from: those the model in force scores, in order, and a recorded code the
 * model no longer lists, so that opening the form never changes a value by itself.
 */
export function codeChoices(modelCodes: readonly string[], recorded: readonly string[]): string[] {
  const choices = [...modelCodes].sort();
  for (const code of recorded) if (code !== '' && !choices.includes(code)) choices.push(code);
  return choices;
}

/** The issues the server named for one field: its own path, or one inside it ('products.3'). */
export function issuesOfField(
  issues: readonly ProblemIssue[],
  field: AttributeField,
): ProblemIssue[] {
  return issues.filter((issue) => issue.path === field || issue.path.startsWith(`${field}.`));
}

/** Whether the form shows every issue by a field of its own (and the problem need not list them). */
export function issuesAllShownByFields(issues: readonly ProblemIssue[]): boolean {
  return (
    issues.length > 0 &&
    issues.every((issue) =>
      ATTRIBUTE_FIELDS.some((field) => issuesOfField([issue], field).length > 0),
    )
  );
}

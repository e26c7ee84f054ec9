import type { Definition, DefinitionIssue, RuleKind } from './monitoring-types.js';

/**
 * The simple parts of a rule or typology definition, found by walking it: numbers, durations
 * (keys ending in `Ms`) and amounts per currency ({ CNY: '50000', USD: '10000' }). The editor
 * shows these as fields; everything else (filters, lists, enumerations) is edited as JSON.
 */
export type FieldKind = 'number' | 'duration' | 'amounts';
export type PathSegment = string | number;

export interface EditableField {
  path: PathSegment[];
  /** The dotted path, as the server names a field in its validation issues. */
  key: string;
  /** The last named segment (`atLeast`, `windowMs`), for the label. */
  name: string;
  kind: FieldKind;
}

export const EDITABLE_FIELDS_MAX = 64;
const DEPTH_MAX = 8;
/** Root-level members of a typology that are not parameters. */
const TYPOLOGY_FIXED = new Set(['id', 'version', 'description', 'severity', 'rules']);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An object of ISO 4217 codes to decimal strings. */
export function isCurrencyAmounts(value: unknown): value is Record<string, string> {
  if (!isRecord(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length > 0 &&
    entries.every(([code, amount]) => /^[A-Z]{3}$/.test(code) && typeof amount === 'string')
  );
}

export const dottedPath = (path: readonly PathSegment[]) => path.map(String).join('.');

function lastName(path: readonly PathSegment[]): string {
  for (let index = path.length - 1; index >= 0; index -= 1) {
    const segment = path[index];
    if (typeof segment === 'string') return segment;
  }
  return '';
}

/** The definition's editable fields in document order, at most EDITABLE_FIELDS_MAX. */
export function editableFields(definition: Definition, kind: RuleKind): EditableField[] {
  const fields: EditableField[] = [];
  const visit = (value: unknown, path: PathSegment[], depth: number) => {
    if (fields.length >= EDITABLE_FIELDS_MAX || depth > DEPTH_MAX) return;
    const name = lastName(path);
    if (isCurrencyAmounts(value)) {
      fields.push({ path, key: dottedPath(path), name, kind: 'amounts' });
    } else if (typeof value === 'number') {
      const fieldKind = /Ms(Max)?$/.test(name) ? 'duration' : 'number';
      fields.push({ path, key: dottedPath(path), name, kind: fieldKind });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index], depth + 1));
    } else if (isRecord(value)) {
      for (const [member, child] of Object.entries(value))
        visit(child, [...path, member], depth + 1);
    }
  };
  if (kind === 'rule') {
    visit(definition.params, ['params'], 0);
  } else {
    for (const [member, child] of Object.entries(definition)) {
      if (TYPOLOGY_FIXED.has(member)) continue;
      visit(child, [member], 0);
    }
    const members = Array.isArray(definition.rules) ? definition.rules : [];
    members.forEach((_member, index) =>
      visit(getAt(definition, ['rules', index, 'weight']), ['rules', index, 'weight'], 1),
    );
  }
  return fields;
}

export function getAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value: unknown = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value) && typeof segment === 'string') value = value[segment];
    else return undefined;
  }
  return value;
}

/** A copy of `root` with the value at `path` replaced; the input is left as it was. */
export function setAt<T>(root: T, path: readonly PathSegment[], next: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return next as T;
  if (Array.isArray(root) && typeof head === 'number') {
    const copy = [...root];
    copy[head] = setAt(copy[head], rest, next);
    return copy as T;
  }
  const base: Record<string, unknown> = isRecord(root) ? root : {};
  return { ...base, [head]: setAt(base[String(head)], rest, next) } as T;
}

/** The issues about a field: its own path, or one inside it (an amount's currency). */
export function issuesAt(issues: readonly DefinitionIssue[], key: string): DefinitionIssue[] {
  return issues.filter((issue) => issue.path === key || issue.path.startsWith(`${key}.`));
}

/** Issues that no shown field claims; the editor lists them with their paths. */
export function unclaimedIssues(
  issues: readonly DefinitionIssue[],
  keys: readonly string[],
): DefinitionIssue[] {
  return issues.filter((issue) => !keys.some((key) => issuesAt([issue], key).length > 0));
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const DURATION_UNITS = { minutes: 60_000, hours: HOUR_MS, days: DAY_MS } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

/** The largest unit that divides `ms` exactly: 86,400,000 → 1 day, 5,400,000 → 90 minutes. */
export function durationParts(ms: number): { amount: number; unit: DurationUnit } {
  if (ms % DAY_MS === 0) return { amount: ms / DAY_MS, unit: 'days' };
  if (ms % HOUR_MS === 0) return { amount: ms / HOUR_MS, unit: 'hours' };
  return { amount: ms / DURATION_UNITS.minutes, unit: 'minutes' };
}

/**
 * Text typed into a number field as the value to send: a number when it reads as one, else
 * the text itself, so the server names the field and says what it expected.
 */
export function numberFromText(text: string): number | string {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(trimmed)) return text;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : text;
}

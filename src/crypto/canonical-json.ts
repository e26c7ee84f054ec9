import canonicalize from 'canonicalize';
import { assert } from '../assert.js';

/**
 * RFC 8785 (JCS) canonical JSON for audit records. The `canonicalize` package does the
 * serialisation; this wrapper first rejects values JSON cannot carry faithfully, because the
 * package silently drops `undefined` properties, turns `undefined` array items into null and
 * lets `toJSON` rewrite values, and an audit leaf must hash exactly what the caller meant.
 */

/** Nesting depth of a canonicalized value. A cycle in the input trips this bound too. */
export const CANONICAL_JSON_DEPTH_MAX = 64;

/** Values (objects, arrays, scalars) in one canonicalized document. */
export const CANONICAL_JSON_VALUES_MAX = 100_000;

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
  /** JSONPath-like location of the offending value, e.g. `$.amount.minor`. */
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.path = path;
  }
}

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Frame | null;
  readonly key: string | number | null;
}

function framePath(frame: Frame): string {
  const parts: string[] = [];
  // Walk up the parent links; depth is bounded by CANONICAL_JSON_DEPTH_MAX.
  for (let at: Frame | null = frame; at !== null && at.key !== null; at = at.parent) {
    parts.push(typeof at.key === 'number' ? `[${at.key}]` : `.${at.key}`);
  }
  return `$${parts.reverse().join('')}`;
}

function scalarProblem(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return /\p{Surrogate}/u.test(value) ? 'string contains a lone UTF-16 surrogate' : null;
    case 'number':
      return Number.isFinite(value) ? null : 'number is not finite (NaN or Infinity)';
    case 'boolean':
      return null;
    case 'bigint':
      return 'bigint is not JSON; pass it as a decimal string (e.g. amountMinor.toString())';
    case 'undefined':
      return 'undefined is not JSON; omit the property or use null';
    default:
      return `${typeof value} is not JSON`;
  }
}

function objectProblem(value: object): string | null {
  if (Array.isArray(value)) return null;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return 'only plain objects and arrays are allowed (convert Dates, Maps, buffers first)';
  }
  if (Object.getOwnPropertySymbols(value).length > 0) return 'symbol keys are not JSON';
  return null;
}

function pushChildren(stack: Frame[], frame: Frame, value: object): void {
  const depth = frame.depth + 1;
  if (Array.isArray(value)) {
    // Index loop, not forEach: holes in sparse arrays must surface as undefined and be rejected.
    for (let index = 0; index < value.length; index += 1) {
      stack.push({ value: value[index] as unknown, depth, parent: frame, key: index });
    }
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    stack.push({ value: child, depth, parent: frame, key });
  }
}

function checkJsonValue(root: unknown): void {
  const stack: Frame[] = [{ value: root, depth: 0, parent: null, key: null }];
  let visited = 0;
  while (stack.length > 0) {
    const frame = stack.pop();
    assert(frame !== undefined, 'checkJsonValue: stack underflow');
    visited += 1;
    if (visited > CANONICAL_JSON_VALUES_MAX) {
      throw new CanonicalJsonError('$', `more than ${CANONICAL_JSON_VALUES_MAX} values`);
    }
    if (frame.depth > CANONICAL_JSON_DEPTH_MAX) {
      const problem = `nested deeper than ${CANONICAL_JSON_DEPTH_MAX} (or cyclic)`;
      throw new CanonicalJsonError(framePath(frame), problem);
    }
    const value = frame.value;
    if (value === null) continue;
    if (typeof value !== 'object') {
      const problem = scalarProblem(value);
      if (problem !== null) throw new CanonicalJsonError(framePath(frame), problem);
      continue;
    }
    const problem = objectProblem(value);
    if (problem !== null) throw new CanonicalJsonError(framePath(frame), problem);
    pushChildren(stack, frame, value);
  }
}

function isFaithfulScalar(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
      return !/\p{Surrogate}/u.test(value);
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return true;
    default:
      return false;
  }
}

/**
 * The hot path: the same rules as checkJsonValue with bare value and depth stacks instead of
 * path-tracking frames, so valid records allocate nothing per value. Only a failing value pays
 * for the second, path-building walk.
 */
function isFaithfulJson(root: unknown): boolean {
  const values: unknown[] = [root];
  const depths: number[] = [0];
  for (let visited = 1; values.length > 0; visited += 1) {
    const value = values.pop();
    const depth = depths.pop() as number;
    if (visited > CANONICAL_JSON_VALUES_MAX || depth > CANONICAL_JSON_DEPTH_MAX) return false;
    if (value === null) continue;
    if (typeof value !== 'object') {
      if (!isFaithfulScalar(value)) return false;
      continue;
    }
    if (objectProblem(value) !== null) return false;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        values.push(value[index]);
        depths.push(depth + 1);
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      values.push(record[key]);
      depths.push(depth + 1);
    }
  }
  return true;
}

/**
 * The RFC 8785 canonical form of `value`. Throws CanonicalJsonError for values JSON cannot
 * represent faithfully: undefined, bigint, NaN/Infinity, functions, symbols, lone surrogates,
 * class instances, and inputs past the depth or size limits.
 */
export function canonicalJson(value: unknown): string {
  if (!isFaithfulJson(value)) {
    checkJsonValue(value);
    assert(false, 'canonicalJson: the two validators must agree');
  }
  const text = canonicalize(value);
  assert(typeof text === 'string', 'canonicalJson: checked value must serialise');
  assert(text.length > 0, 'canonicalJson: JSON text is never empty');
  return text;
}

/** UTF-8 bytes of the canonical form: the exact leaf data of an audit record. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  const buffer = Buffer.from(canonicalJson(value), 'utf8');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

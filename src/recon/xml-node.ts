import { assert } from '../assert.js';

/**
 * Read-only navigation over the fast-xml-parser tree. Leaves are strings (tag values are never
 * converted), elements with attributes are objects with `#text` and `@_name` keys, and a name
 * that repeats becomes an array. These helpers hide that variance from the camt readers.
 */

export function xmlChildren(node: unknown, name: string): readonly unknown[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  if (!Object.hasOwn(node, name)) return [];
  const value = (node as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

/** The first child of that name; reads in place (it runs for every field of every entry). */
export function xmlChild(node: unknown, name: string): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  if (!Object.hasOwn(node, name)) return undefined;
  const value = (node as Record<string, unknown>)[name];
  return Array.isArray(value) ? (value[0] as unknown) : value;
}

/** Text of an element, or undefined when it has none (absent, empty, or children only). */
export function xmlText(node: unknown): string | undefined {
  if (typeof node === 'string') return node === '' ? undefined : node;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  if (!Object.hasOwn(node, '#text')) return undefined;
  const text = (node as Record<string, unknown>)['#text'];
  assert(typeof text === 'string', 'parser keeps text as strings');
  return text === '' ? undefined : text;
}

export function xmlAttribute(node: unknown, name: string): string | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const key = `@_${name}`;
  if (!Object.hasOwn(node, key)) return undefined;
  const value = (node as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** Text at a child path such as ['Tp', 'CdOrPrtry', 'Cd'], following the first match. */
export function xmlPathText(node: unknown, path: readonly string[]): string | undefined {
  let current: unknown = node;
  for (const name of path) {
    current = xmlChild(current, name);
    if (current === undefined) return undefined;
  }
  return xmlText(current);
}

/** True when an element has child elements (not just text and attributes). */
export function xmlHasChildElements(node: unknown): boolean {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  return Object.keys(node).some((key) => key !== '#text' && !key.startsWith('@_'));
}

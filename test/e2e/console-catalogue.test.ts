/**
 * The console's two string catalogues must say the same things: every key in one is in the
 * other, every literal key the sources ask for exists, and every KRI has a title and basis.
 * Runs without a browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KRI_DEFINITIONS } from '../../src/monitor-service/kri-definitions.js';
import { APPROVAL_DECIDER_PERMISSION, PERMISSIONS } from '../../web/src/access/permissions.js';

const I18N_DIR = path.resolve('web/src/i18n');
const SOURCE_DIR = path.resolve('web/src');
// i18next plural forms: English has _one and _other, Chinese only _other.
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    flatten(child, prefix === '' ? key : `${prefix}.${key}`),
  );
}

/** A language's keys across its main catalogue and every area's (`en.json`, `en.cases.json` …). */
function catalogueKeys(language: string): Set<string> {
  const files = fs
    .readdirSync(I18N_DIR)
    .filter(
      (file) =>
        file === `${language}.json` ||
        (file.startsWith(`${language}.`) && file.endsWith('.json') && file.split('.').length === 3),
    );
  const keys = new Set<string>();
  const sections = new Map<string, string>();
  for (const file of files) {
    const parsed = JSON.parse(fs.readFileSync(path.join(I18N_DIR, file), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const section of Object.keys(parsed)) {
      const owner = sections.get(section);
      if (owner !== undefined)
        throw new Error(`section ${section} is in both ${owner} and ${file}`);
      sections.set(section, file);
    }
    for (const key of flatten(parsed)) keys.add(key.replace(PLURAL_SUFFIX, ''));
  }
  return keys;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Dotted names that are not catalogue keys: permissions ('recon.write') and approval actions. */
const NOT_KEYS = new Set([
  ...Object.keys(PERMISSIONS),
  ...Object.keys(APPROVAL_DECIDER_PERMISSION),
]);

/**
 * Keys written as plain string literals: t('a.b') anywhere, and any other 'a.b' literal whose
 * first part names a catalogue section (labelKey: 'nav.accounts', setNotice('approvals.approved')),
 * unless it is a permission or an approval action.
 */
function literalKeys(sections: Set<string>): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(SOURCE_DIR)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) keys.add(match[1] ?? '');
    for (const match of text.matchAll(/'([a-z][a-zA-Z]*)\.([a-zA-Z][\w]*)'/g)) {
      const key = `${match[1]}.${match[2]}`;
      if (sections.has(match[1] ?? '') && !NOT_KEYS.has(key)) keys.add(key);
    }
  }
  return keys;
}

describe('console string catalogues', () => {
  const english = catalogueKeys('en');
  const chinese = catalogueKeys('zh-CN');

  it('have the same keys in English and Chinese', () => {
    expect([...english].filter((key) => !chinese.has(key))).toEqual([]);
    expect([...chinese].filter((key) => !english.has(key))).toEqual([]);
  });

  it('contain every literal key the console asks for', () => {
    const sections = new Set([...english].map((key) => key.split('.')[0] ?? ''));
    const used = literalKeys(sections);
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((key) => !english.has(key))).toEqual([]);
  });

  // KRI cards fall back to the server's English title and basis; every KRI has its own words.
  it('name and explain every KRI the server defines', () => {
    const missing = KRI_DEFINITIONS.flatMap((kri) =>
      [`kri.titles.${kri.id}`, `kri.basis.${kri.id}`].filter((key) => !chinese.has(key)),
    );
    expect(KRI_DEFINITIONS.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });
});

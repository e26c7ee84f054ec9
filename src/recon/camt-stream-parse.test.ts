import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCamtWithTreeReference } from './camt-reference-parse.js';
import {
  camtEntryArbitrary,
  renderCamtDocument,
  xmlLayoutArbitrary,
} from './camt-test-arbitrary-document.js';
import { decodeStatementBytes } from './decode-text.js';
import { ENTRIES_PER_STATEMENT_MAX } from './limits.js';
import { parseCamt } from './parse-camt.js';
import type { ParseFormatResult } from './parse-result.js';
import { statementArbitrary } from './test-arbitrary-statement.js';
import { renderCamt053 } from './test-render-camt053.js';

// Differential tests: the one-pass stream parser (parse-camt.ts) must give exactly the
// statements, warnings and errors of the tree parser it replaced (camt-reference-parse.ts),
// for generated statements, generated documents with every optional element and layout, and
// every camt fixture file. Errors are compared by code and path; the stream parser's XML
// syntax messages are its own.

const FIXTURES = new URL('../../../shared/fixtures/camt053/', import.meta.url);

function comparable(result: ParseFormatResult): unknown {
  if (result.ok) return result;
  const { code, path } = result.error;
  return { ok: false, code, path };
}

function expectSameAsReference(text: string, reversalSign: 'booking' | 'flip' = 'booking'): void {
  const streamed = parseCamt(text, { reversalSign });
  const reference = parseCamtWithTreeReference(text, reversalSign);
  expect(comparable(streamed)).toEqual(comparable(reference));
}

describe('stream parser = tree parser', () => {
  it('for generated statements in versions 02, 04 and 08', () => {
    fc.assert(
      fc.property(statementArbitrary, fc.constantFrom('02', '04', '08'), (statement, version) => {
        const text = renderCamt053(statement, version as '02' | '04' | '08');
        const streamed = parseCamt(text);
        expect(streamed.ok).toBe(true);
        expect(streamed).toEqual(parseCamtWithTreeReference(text));
      }),
      { numRuns: 150 },
    );
  });

  it('for generated entries with every optional element, wrong values and any layout', () => {
    fc.assert(
      fc.property(
        fc.array(camtEntryArbitrary, { maxLength: 4 }),
        xmlLayoutArbitrary,
        fc.constantFrom<'booking' | 'flip'>('booking', 'flip'),
        (entries, layout, reversalSign) => {
          expectSameAsReference(renderCamtDocument(entries, layout), reversalSign);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads enough generated entries successfully for the comparison to mean something', () => {
    const samples = fc.sample(fc.array(camtEntryArbitrary, { maxLength: 2 }), 300);
    const layout = { prefix: '', indent: false, comments: false, crlf: false, cdata: false };
    const parsed = samples.map((entries) => parseCamt(renderCamtDocument(entries, layout)));
    const withEntries = parsed.filter((r) => r.ok && (r.statements[0]?.entries.length ?? 0) > 0);
    expect(withEntries.length).toBeGreaterThan(15);
    expect(parsed.filter((r) => !r.ok).length).toBeGreaterThan(15);
  });

  it('for every camt fixture file', () => {
    const names = readdirSync(FIXTURES).filter((name) => name.endsWith('.xml'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) {
      const text = decodeStatementBytes(readFileSync(new URL(name, FIXTURES)), []);
      expectSameAsReference(text);
      expectSameAsReference(text, 'flip');
    }
  });

  it('for fixtures cut short, with a tag dropped or a character changed', () => {
    const names = readdirSync(FIXTURES).filter((name) => name.endsWith('.xml'));
    const texts = names.map((name) =>
      decodeStatementBytes(readFileSync(new URL(name, FIXTURES)), []),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('cut', 'drop-tag', 'digit', 'delete'),
        (file, where, edit) => {
          const text = texts[file] as string;
          const at = Math.floor(where * text.length);
          const changed = mutate(text, at, edit);
          const streamed = parseCamt(changed);
          const reference = parseCamtWithTreeReference(changed);
          // The stream parser is at least as strict as the validator the tree parser used.
          if (streamed.ok) expect(comparable(reference)).toEqual(comparable(streamed));
          if (reference.ok && !streamed.ok) expect(streamed.error.code).toBe('malformed_xml');
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses a malformed XML declaration as the tree parser does', () => {
    const text = decodeStatementBytes(
      readFileSync(new URL('camt053.v2.minimal.xml', FIXTURES)),
      [],
    );
    const broken = text.replace('version="1.0"', 'vers1.0"');
    const streamed = parseCamt(broken);
    expect(streamed.ok ? 'accepted' : streamed.error.code).toBe('malformed_xml');
    expect(parseCamtWithTreeReference(broken).ok).toBe(false);
  });

  it('refuses a statement over the entry limit like the tree parser', () => {
    const entries = '<Ntry/>'.repeat(ENTRIES_PER_STATEMENT_MAX + 1);
    const layout = { prefix: '', indent: false, comments: false, crlf: false, cdata: false };
    const text = renderCamtDocument([], layout).replace('</Stmt>', `${entries}</Stmt>`);
    const streamed = parseCamt(text);
    expect(streamed.ok ? undefined : streamed.error).toMatchObject({
      code: 'too_many_entries',
      path: 'Stmt[0]',
    });
    expect(comparable(streamed)).toEqual(comparable(parseCamtWithTreeReference(text)));
  });
});

function mutate(text: string, at: number, edit: string): string {
  if (edit === 'cut') return text.slice(0, at);
  if (edit === 'digit') return `${text.slice(0, at)}7${text.slice(at + 1)}`;
  if (edit === 'delete') return text.slice(0, at) + text.slice(at + 5);
  const open = text.indexOf('<', at);
  const close = text.indexOf('>', open);
  return open === -1 || close === -1 ? text : text.slice(0, open) + text.slice(close + 1);
}

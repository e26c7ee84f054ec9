import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ListFormatError } from '../../src/screening/lists/list-entry.js';
import { parseListFiles, type ListFile } from '../../src/screening/lists/parse-list.js';
import { ScreeningIndex, type IndexedEntry } from '../../src/screening/matching/screening-index.js';

const DIR = new URL('../../../shared/fixtures/sanctions/', import.meta.url);
const read = (name: string) => fs.readFileSync(new URL(name, DIR), 'utf8');
const UN = read('UN_consolidated.xml');
const SDN = read('ofac_sample_sdn.csv');
const ALT = read('ofac_sample_alt.csv');
const ADD = read('ofac_sample_add.csv');
const ofacFiles = (sdn = SDN): ListFile[] => [
  { name: 'sdn.csv', content: sdn },
  { name: 'alt.csv', content: ALT },
  { name: 'add.csv', content: ADD },
];

function refused(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ListFormatError);
    return (error as Error).message;
  }
  throw new Error('expected a ListFormatError');
}

describe('UN consolidated list', () => {
  const parsed = parseListFiles('un', [{ name: 'UN_consolidated.xml', content: UN }]);

  it('reads every record of the published file', () => {
    expect(parsed.entries).toHaveLength(1003);
    expect(parsed.sourceDate).toBe('2026-02-27T00:00:09.554Z');
    const badege = parsed.entries.find((e) => e.reference === 'CDi.001');
    expect(badege).toMatchObject({
      entryKey: 'un:CDi.001',
      entryType: 'individual',
      names: [{ name: 'ERIC BADEGE', quality: 'primary' }],
      dobs: [{ year: 1971, month: null, day: null, toYear: null }],
      countries: ['CD', 'RW'],
      programmes: ['DRC'],
    });
  });

  it('keeps aliases by quality, names in original script, and Chinese names from aliases', () => {
    const kim = parsed.entries.find((e) => e.names.some((n) => n.name === 'KIM CHOL SAM'));
    expect(kim?.names).toEqual(
      expect.arrayContaining([
        { name: 'Jin Tiesan', quality: 'strong' },
        { name: '金铁三', quality: 'original_script' },
      ]),
    );
    const qualities = new Set(parsed.entries.flatMap((e) => e.names.map((n) => n.quality)));
    expect(qualities).toEqual(new Set(['primary', 'strong', 'weak', 'original_script']));
    const between = parsed.entries.flatMap((e) => e.dobs).filter((d) => d.toYear !== null);
    expect(between.length).toBeGreaterThan(10);
  });

  it('splits entity names and their acronyms', () => {
    const cagl = parsed.entries.find((e) => e.reference === 'CDe.003');
    expect(cagl?.names.map((n) => n.name)).toEqual(
      expect.arrayContaining([
        'COMPAGNIE AERIENNE DES GRANDS LACS',
        'CAGL',
        'GREAT LAKES BUSINESS COMPANY',
        'GLBC',
      ]),
    );
  });

  it('refuses malformed, empty and foreign-script records, naming them', () => {
    expect(
      refused(() => parseListFiles('un', [{ name: 'x.xml', content: UN.slice(0, 50_000) }])),
    ).toMatch(/not well-formed XML at line \d+/);
    expect(refused(() => parseListFiles('un', [{ name: 'x.xml', content: '<LIST/>' }]))).toMatch(
      /no CONSOLIDATED_LIST/,
    );
    const empty = UN.replace(
      '<FIRST_NAME>ERIC</FIRST_NAME>\n      <SECOND_NAME>BADEGE</SECOND_NAME>',
      '<FIRST_NAME/>',
    );
    expect(refused(() => parseListFiles('un', [{ name: 'x.xml', content: empty }]))).toBe(
      'INDIVIDUAL CDi.001: empty name',
    );
    const thai = UN.replace(
      '<SECOND_NAME>BADEGE</SECOND_NAME>',
      '<SECOND_NAME>บาเดเก</SECOND_NAME>',
    );
    expect(refused(() => parseListFiles('un', [{ name: 'x.xml', content: thai }]))).toMatch(
      /^INDIVIDUAL CDi\.001: name "ERIC บาเดเก" has U\+0E1A/,
    );
    const duplicate = UN.replace(
      '<REFERENCE_NUMBER>CDi.002</REFERENCE_NUMBER>',
      '<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>',
    );
    expect(refused(() => parseListFiles('un', [{ name: 'x.xml', content: duplicate }]))).toMatch(
      /CDi\.001: reference appears twice/,
    );
  });
});

describe('OFAC SDN CSV', () => {
  const parsed = parseListFiles('ofac', ofacFiles());

  it('reads sdn, alt and add, reordering individual names', () => {
    expect(parsed.entries).toHaveLength(17);
    const logan = parsed.entries.find((e) => e.reference === '10278');
    expect(logan).toMatchObject({
      entryKey: 'ofac:10278',
      entryType: 'individual',
      names: [
        { name: 'Elvis Angus LOGAN MOREY', quality: 'primary' },
        { name: 'BURTON BURGESS', quality: 'weak' },
      ],
      dobs: [{ year: 1963, month: 7, day: 28, toYear: null }],
      programmes: ['SDNT'],
    });
    const iran = parsed.entries.find((e) => e.reference === '11195');
    expect(iran?.entryType).toBe('entity');
    expect(iran?.programmes).toEqual(['NPWMD', 'IFSR', 'IRAN-CON-ARMS-EO']);
    expect(iran?.countries).toEqual(['IR']);
    expect(iran?.names.map((n) => n.name)).toContain('IRAN AIRCRAFT MANUFACTURING INDUSTRIES');
    const khoroshev = parsed.entries.find((e) => e.reference === '48603');
    expect(khoroshev?.countries).toEqual(['RU']);
    expect(parsed.warnings).toEqual([
      '9 alias or address rows name an ent_num not in sdn.csv and were skipped',
    ]);
  });

  it('tells the three files apart by column count when names say nothing', () => {
    const anon = parseListFiles('ofac', [
      { name: 'a', content: ADD },
      { name: 'b', content: SDN },
      { name: 'c', content: ALT },
    ]);
    expect(anon.entries).toEqual(parsed.entries);
  });

  it('refuses broken lines naming file and line, and imports nothing', () => {
    const lines = SDN.split('\r\n');
    const shortLine = [
      ...lines.slice(0, 3),
      '12345,"SHORT ROW","individual"',
      ...lines.slice(3),
    ].join('\r\n');
    expect(refused(() => parseListFiles('ofac', ofacFiles(shortLine)))).toBe(
      'sdn.csv line 4: expected 12 columns, found 3',
    );
    const emptyName = SDN.replace('"MORENO, Daniel"', '""');
    expect(refused(() => parseListFiles('ofac', ofacFiles(emptyName)))).toBe(
      'sdn.csv line 4 (ent_num 15102): empty name',
    );
    const badQuote = SDN.replace('"MORENO, Daniel"', '"MORENO, "Daniel');
    expect(refused(() => parseListFiles('ofac', ofacFiles(badQuote)))).toMatch(
      /^sdn\.csv: not valid CSV: .*line 4/,
    );
    const badId = SDN.replace('15102,"MORENO', 'x15102,"MORENO');
    expect(refused(() => parseListFiles('ofac', ofacFiles(badId)))).toMatch(
      /sdn\.csv line 4: ent_num "x15102"/,
    );
    const hangul = SDN.replace('"MORENO, Daniel"', '"MORENO, 대니얼"');
    expect(refused(() => parseListFiles('ofac', ofacFiles(hangul)))).toMatch(
      /sdn\.csv line 4 \(ent_num 15102\): name .* U\+B300/,
    );
    expect(refused(() => parseListFiles('ofac', [{ name: 'alt.csv', content: ALT }]))).toBe(
      'sdn.csv is missing',
    );
  });
});

describe('OpenSanctions simple CSV and internal lists', () => {
  const header =
    'id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,program_ids,dataset,first_seen,last_seen,last_change';
  const simple = [
    header,
    'NK-abc,Person,Ivan Petrov,Иван Петров;Ivan Petroff,1970-05-01,ru,,,"EU sanctions",,,,eu_fsf,2024-01-01,2025-01-01,2025-01-01',
    'NK-def,Company,Acme Trading LLC,,,"cn;hk",,,,,,,us_ofac_sdn,2024-01-01,2025-01-01,2025-01-01',
  ].join('\n');

  it('reads the simple CSV with its multi-valued cells', () => {
    const parsed = parseListFiles('opensanctions', [
      { name: 'targets.simple.csv', content: simple },
    ]);
    expect(parsed.entries[0]).toMatchObject({
      entryKey: 'opensanctions:NK-abc',
      entryType: 'individual',
      dobs: [{ year: 1970, month: 5, day: 1, toYear: null }],
      countries: ['RU'],
    });
    expect(parsed.entries[0]!.names.map((n) => n.name)).toEqual([
      'Ivan Petrov',
      'Иван Петров',
      'Ivan Petroff',
    ]);
    expect(parsed.entries[1]).toMatchObject({ entryType: 'entity', countries: ['CN', 'HK'] });
  });

  it('refuses a header without name and a row with an empty name', () => {
    expect(
      refused(() =>
        parseListFiles('opensanctions', [{ name: 't.csv', content: 'id,schema\nx,Person' }]),
      ),
    ).toMatch(/no "name" column/);
    const empty = simple.replace('Ivan Petrov,', ',');
    expect(
      refused(() => parseListFiles('opensanctions', [{ name: 't.csv', content: empty }])),
    ).toBe('targets.simple.csv line 2 (id NK-abc): empty name');
  });

  it('reads internal watchlists in CSV and JSON, refusing bad entries by reference', () => {
    const csv =
      'reference,name,aliases,dobs,countries\nW-1,Zhang Wei,张伟,1980-02-03,CN\nW-2,Acme Shell Co,,,';
    const fromCsv = parseListFiles('internal', [{ name: 'w.csv', content: csv }]);
    expect(fromCsv.entries.map((e) => e.entryKey)).toEqual(['internal:W-1', 'internal:W-2']);
    const json = JSON.stringify([
      {
        reference: 'W-1',
        name: 'Zhang Wei',
        aliases: ['张伟'],
        dobs: ['1980-02-03'],
        countries: ['CN'],
      },
    ]);
    expect(parseListFiles('internal', [{ name: 'w.json', content: json }]).entries[0]).toEqual(
      fromCsv.entries[0],
    );
    expect(
      refused(() =>
        parseListFiles('internal', [
          { name: 'w.json', content: '[{"reference":"W-9","name":"  "}]' },
        ]),
      ),
    ).toBe('entry 1 (reference W-9): empty name');
    expect(
      refused(() =>
        parseListFiles('internal', [
          { name: 'w.json', content: '[{"reference":"W-9","name":"X","dobs":["03/02/1980"]}]' },
        ]),
      ),
    ).toMatch(/date of birth "03\/02\/1980"/);
    expect(refused(() => parseListFiles('internal', [{ name: 'w.json', content: '{' }]))).toMatch(
      /not valid JSON/,
    );
  });
});

describe('screening index over the fixtures', () => {
  const un = parseListFiles('un', [{ name: 'UN_consolidated.xml', content: UN }]);
  const ofac = parseListFiles('ofac', ofacFiles());
  const entries: IndexedEntry[] = [...un.entries, ...ofac.entries].map((e) => ({
    ...e,
    listKind: e.entryKey.startsWith('un:') ? 'un' : 'ofac',
    listName: 'test',
    listVersionId: 'slv_test',
  }));
  const index = new ScreeningIndex(entries);

  it('finds listed names in other orders, spellings and scripts, with qualifiers', () => {
    const logan = index.screen({
      name: 'Morey, Elvis Logan',
      dob: { year: 1963, month: 7, day: 28 },
      country: 'BZ',
    });
    expect(logan[0]?.entry.entryKey).toBe('ofac:10278');
    expect(logan[0]?.score).toBeGreaterThan(0.95);
    expect(logan[0]?.explanation.qualifiers.map((q) => q.kind)).toEqual([
      'dob_exact',
      'country_match',
    ]);
    const older = index.screen({
      name: 'Elvis Angus Logan Morey',
      dob: { year: 1990, month: 1, day: 1 },
    });
    expect(older[0]?.score).toBeLessThan(0.85);
    expect(index.screen({ name: '金铁三' })[0]?.entry.names[0]?.name).toBe('KIM CHOL SAM');
    expect(index.screen({ name: 'Tiesan Jin' })[0]?.score).toBe(1);
    expect(index.screen({ name: 'Dmitri Yurievich Khoroshev' })[0]?.entry.entryKey).toBe(
      'ofac:48603',
    );
    expect(
      index.screen({ name: 'Iran Aircraft Manufacturing Industries' })[0]?.entry.entryKey,
    ).toBe('ofac:11195');
  });

  it('finds nothing above the threshold for unlisted names', () => {
    for (const name of ['Zhang Wei', 'Maria Garcia Lopez', 'Acme Widgets Trading', '王小明'])
      expect(index.screen({ name }, { minScore: 0.85 })).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from '../../src/screening/matching/jaro-winkler.js';
import { nameScore, prepareName } from '../../src/screening/matching/name-score.js';
import { latinTokens, nameVariants } from '../../src/screening/matching/normalize.js';
import { consonantSkeleton } from '../../src/screening/matching/phonetic.js';
import { countryCode } from '../../src/screening/matching/countries.js';
import { unexpectedCharacter } from '../../src/screening/matching/scripts.js';
import { dobQualifier, parseQueryDob } from '../../src/screening/matching/qualifiers.js';

/** Best score over every reading of each name, as the index computes it. */
function score(a: string, b: string): number {
  let best = 0;
  for (const x of nameVariants(a))
    for (const y of nameVariants(b))
      best = Math.max(best, nameScore(prepareName(x), prepareName(y)).score);
  return best;
}

describe('Jaro-Winkler', () => {
  it('gives the published values', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.8133, 4);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('same', 'same')).toBe(1);
  });

  it('is symmetric and in [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (a, b) => {
        const x = jaroWinkler(a, b);
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(1);
        expect(jaroWinkler(b, a)).toBeCloseTo(x, 12);
      }),
    );
  });
});

describe('normalization and transliteration', () => {
  it('drops case, diacritics, punctuation, honorifics and legal forms', () => {
    expect(latinTokens('Dr. José MÜLLER-Lüdenscheidt')).toEqual(['jose', 'muller', 'ludenscheidt']);
    expect(latinTokens('AIRCRAFT, AVIONICS, PARTS & SUPPORT LTD.')).toEqual([
      'aircraft',
      'avionics',
      'parts',
      'support',
    ]);
    expect(latinTokens('Sheikh Karadh AL-HASSAN')).toEqual(['karadh', 'hassan']);
    expect(latinTokens("O'Brien")).toEqual(['obrien']);
    expect(latinTokens('The Company')).toEqual(['the', 'company']);
  });

  it('romanises Cyrillic and Arabic with any-ascii', () => {
    expect(nameVariants('Ельцин Борис')).toEqual([['eltsin', 'boris']]);
    expect(nameVariants('Владимир Путин')).toEqual([['vladimir', 'putin']]);
    expect(nameVariants('محمد عمر')).toEqual([['mhmd', 'mr']]);
    expect(consonantSkeleton('mohammed')).toBe('mhmd');
  });

  it('reads Chinese names as pinyin, surname first, given name joined and split', () => {
    expect(nameVariants('习近平')).toEqual([
      ['xi', 'jinping'],
      ['xi', 'jin', 'ping'],
    ]);
    expect(nameVariants('欧阳修')).toEqual([['ouyang', 'xiu']]);
    expect(nameVariants('单雄信')[0]).toEqual(['shan', 'xiongxin']);
    expect(nameVariants('中国石油有限公司')[0]).toEqual(['zhong', 'guo', 'shi', 'you']);
  });

  it('refuses scripts outside the accepted ones', () => {
    expect(unexpectedCharacter('สมชาย')).toMatchObject({ codePoint: 'U+0E2A', position: 0 });
    expect(unexpectedCharacter('Kim 김')).toMatchObject({ position: 4 });
    expect(unexpectedCharacter('a\u0007b')).toMatchObject({ codePoint: 'U+0007' });
    expect(unexpectedCharacter('Jin Tiesan 金铁三 Ельцин محمد')).toBeNull();
  });

  it('maps country names as lists write them', () => {
    expect(countryCode('Iran (Islamic Republic of)')).toBe('IR');
    expect(countryCode('Russian Federation')).toBe('RU');
    expect(countryCode('Russia')).toBe('RU');
    expect(countryCode('Bosnia and Herzegovina')).toBe('BA');
    expect(countryCode('Democratic Republic of the Congo')).toBe('CD');
    expect(countryCode('cn')).toBe('CN');
    expect(countryCode('Atlantis')).toBeNull();
  });
});

describe('name score', () => {
  it('scores exact names 1, reordered names 1, and explains the pairs', () => {
    expect(score('Elvis Angus LOGAN MOREY', 'elvis angus logan morey')).toBe(1);
    expect(score('MADURO MOROS Nicolas', 'Nicolas Maduro Moros')).toBe(1);
    const explained = nameScore(
      prepareName(['mohammed', 'omar']),
      prepareName(['muhammad', 'umar']),
    );
    expect(explained.pairs.map((p) => p.entry).sort()).toEqual(['muhammad', 'umar']);
    expect(explained.pairs.every((p) => p.score > 0.6)).toBe(true);
  });

  it('forgives a missing middle name more than a wrong one', () => {
    const missing = score('Elvis Logan Morey', 'Elvis Angus Logan Morey');
    const wrong = score('Elvis Brian Logan Morey', 'Elvis Angus Logan Morey');
    expect(missing).toBeGreaterThan(0.9);
    expect(missing).toBeGreaterThan(wrong);
  });

  it('matches across scripts and spellings', () => {
    expect(score('习近平', 'Xi Jinping')).toBe(1);
    expect(score('习近平', 'Jinping Xi')).toBe(1);
    expect(score('习近平', 'Xi Jin Ping')).toBe(1);
    expect(score('Владимир Путин', 'Vladimir Putin')).toBe(1);
    expect(score('محمد عمر', 'Mohammed Omar')).toBeGreaterThan(0.85);
    expect(score('Osama bin Laden', 'Usama Bin Ladin')).toBeGreaterThan(0.85);
  });

  it('keeps different names apart', () => {
    expect(score('John Smith', 'Jane Smyth')).toBeLessThan(0.85);
    expect(score('Mohammed Omar', 'Mohammed Ali')).toBeLessThan(0.75);
    expect(score('Eric Badege', 'Frank Kakolele Bwambale')).toBeLessThan(0.5);
  });

  const token = fc.stringMatching(/^[a-z]{1,9}$/);
  const tokens = fc.array(token, { minLength: 1, maxLength: 5 });

  it('is symmetric, in [0, 1], and 1 for the same tokens in any order (property)', () => {
    fc.assert(
      fc.property(tokens, tokens, (a, b) => {
        const ab = nameScore(prepareName(a), prepareName(b)).score;
        const ba = nameScore(prepareName(b), prepareName(a)).score;
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(ba).toBeCloseTo(ab, 12);
        expect(nameScore(prepareName(a), prepareName([...a].reverse())).score).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  const hanName = fc
    .array(fc.constantFrom(...'王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高明华国建伟芳秀英军平'), {
      minLength: 2,
      maxLength: 3,
    })
    .map((chars) => chars.join(''));

  it('scores a Chinese name 1 against its pinyin in either order (property)', () => {
    fc.assert(
      fc.property(hanName, (han) => {
        const [surname, given] = nameVariants(han)[0]!;
        expect(score(han, `${surname} ${given}`)).toBe(1);
        expect(score(han, `${given} ${surname}`)).toBe(1);
        expect(score(`${given} ${surname}`, han)).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('qualifiers', () => {
  it('parses query dates and compares them with listed ones', () => {
    expect(parseQueryDob('1963-07-28')).toEqual({ year: 1963, month: 7, day: 28 });
    expect(parseQueryDob('1963-13-01')).toBeNull();
    const listed = [{ year: 1963, month: 7, day: 28, toYear: null }];
    expect(dobQualifier(listed, parseQueryDob('1963-07-28'))?.kind).toBe('dob_exact');
    expect(dobQualifier(listed, parseQueryDob('1963-08-01'))?.kind).toBe('dob_day_differs');
    expect(dobQualifier(listed, parseQueryDob('1964'))?.kind).toBe('dob_year_near');
    expect(dobQualifier(listed, parseQueryDob('1980'))?.kind).toBe('dob_differs');
    expect(
      dobQualifier(
        [{ year: 1973, month: null, day: null, toYear: 1974 }],
        parseQueryDob('1974-02-02'),
      )?.kind,
    ).toBe('dob_year');
    expect(dobQualifier([], parseQueryDob('1974'))).toBeNull();
  });
});

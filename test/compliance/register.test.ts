import { describe, expect, it } from 'vitest';
import { isSearchableValue } from '../../src/compliance/controls/test-personal-data.js';
import {
  CONTROL_TESTS,
  loadRegisterFile,
  parseRegister,
  RegisterInvalid,
} from '../../src/compliance/index.js';

const KINDS = new Set(CONTROL_TESTS.keys());

describe('obligations register data file', () => {
  const register = loadRegisterFile(KINDS);

  it('covers the statutes Custos answers to, each obligation citing an article', () => {
    const sources = new Set(register.obligations.map((o) => `${o.jurisdiction} ${o.source}`));
    for (const expected of [
      /CN .*Custody/,
      /CN PBOC Order \[2016\] No\. 3/,
      /CN Anti-Money Laundering Law/,
      /CN Personal Information Protection Law/,
      /CN Cybersecurity Law/,
      /UK .*CASS 15/,
      /US Bank Secrecy Act/,
      /EU AML Regulation/,
    ]) {
      expect(
        [...sources].some((s) => expected.test(s)),
        String(expected),
      ).toBe(true);
    }
    for (const obligation of register.obligations)
      expect(obligation.article.length).toBeGreaterThan(0);
  });

  it('links every control to an obligation and gives each a runnable test', () => {
    const linked = new Set(register.obligations.flatMap((o) => o.controls));
    for (const control of register.controls) {
      expect(linked.has(control.code), control.code).toBe(true);
      for (const kind of control.tests) expect(KINDS.has(kind)).toBe(true);
    }
    const used = new Set(register.controls.flatMap((c) => c.tests));
    expect([...KINDS].filter((k) => !used.has(k))).toEqual([]);
  });

  it('refuses a register with an unknown control, an unknown test or a duplicate', () => {
    const base = JSON.parse(JSON.stringify(register)) as typeof register;
    const badLink = structuredClone(base);
    badLink.obligations[0]?.controls.push('CTL-NOPE');
    expect(() => parseRegister(badLink, KINDS)).toThrow(/unknown control CTL-NOPE/);
    const badTest = structuredClone(base);
    badTest.controls[0]?.tests.push('no_such_test');
    expect(() => parseRegister(badTest, KINDS)).toThrow(RegisterInvalid);
    const duplicate = structuredClone(base);
    duplicate.controls.push(structuredClone(base.controls[0] as (typeof base.controls)[number]));
    expect(() => parseRegister(duplicate, KINDS)).toThrow(/duplicate control/);
    expect(() => parseRegister({ ...base, extra: 1 }, KINDS)).toThrow(/malformed/);
  });
});

describe('personal data leak search', () => {
  it('searches Chinese names of two characters but not short ASCII that base64 holds by chance', () => {
    expect(isSearchableValue('张伟')).toBe(true);
    expect(isSearchableValue('B100')).toBe(false);
    expect(isSearchableValue('Li Na')).toBe(false);
    expect(isSearchableValue('110101199001011234')).toBe(true);
    expect(isSearchableValue('Wilhelmina')).toBe(true);
  });
});

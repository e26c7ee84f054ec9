import { describe, expect, it } from 'vitest';
import type { GoamlTransaction, ResolvedCustomer } from '../../src/reports/goaml/goaml-input.js';
import { CAMLMAC_CODES_DEFAULT } from '../../src/reports/camlmac/camlmac-codes.js';
import type { BstrInput, HvtrInput } from '../../src/reports/camlmac/camlmac-input.js';
import { camlmacTime } from '../../src/reports/camlmac/camlmac-parties.js';
import { buildCamlmacReport } from '../../src/reports/camlmac/camlmac-report.js';
import { camlmacStructureProblems } from '../../src/reports/camlmac/camlmac-structure.js';
import { renderCamlmacXml } from '../../src/reports/camlmac/camlmac-xml.js';

// Goal: Custos writes CAMLMAC-style HVTR and BSTR messages with the structure of the
// reference's field list, and refuses a message lacking a mandatory field, naming it.
// Method: build from in-memory parties, render, check the structure; break fields one by one.

const ZHANG: ResolvedCustomer = {
  customerId: 'cus_zhang',
  kind: 'person',
  name: '欧阳明华',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  profile: { occupation: '教师' },
};
const ACME: ResolvedCustomer = {
  customerId: 'cus_acme',
  kind: 'entity',
  name: '上海某某贸易有限公司 & <Partners>',
  idNumber: '91310000MA1FL0000X',
  phone: '021-60000000',
  profile: { business: '进出口贸易', incorporationCountry: 'CN', representativeName: '李四' },
};
const INSTITUTION = {
  code: 'C1234567890',
  name: 'Custos 存管银行',
  countryCode: 'CN',
  city: '上海',
};

function transfer(overrides: Partial<GoamlTransaction> = {}): GoamlTransaction {
  return {
    instructionId: 'ins_01jabcdefghjkmnpqrstvwxyz0',
    description: 'transfer (posted): 还款 repayment',
    postedAtMs: Date.parse('2025-10-09T16:30:00Z'),
    cash: false,
    currency: 'CNY',
    exponent: 2,
    amountMinor: 60_000_000n,
    amountCnyMinor: 60_000_000n,
    rateMicros: null,
    from: { role: 'client', customer: ACME },
    to: { role: 'client', customer: ZHANG },
    ...overrides,
  };
}

const common = {
  messageType: 'N' as const,
  institution: INSTITUTION,
  reportId: 'rpt_1-v1',
  reportDateMs: Date.parse('2025-10-10T02:00:00Z'),
  originalReference: null,
  codes: CAMLMAC_CODES_DEFAULT,
};
const controllers = [{ name: '王五', nationality: 'CN', ownershipPercent: 60 }];

function bstr(overrides: Partial<BstrInput> = {}): BstrInput {
  return {
    kind: 'BSTR',
    ...common,
    analysis: '学生账户单日收到大额资金，与其身份不符。',
    behaviour: '',
    characteristics: ['0101'],
    subjects: [
      { customer: ZHANG, controllers: [] },
      { customer: ACME, controllers },
    ],
    transactions: [transfer()],
    ...overrides,
  };
}

function hvtr(overrides: Partial<HvtrInput> = {}): HvtrInput {
  return {
    kind: 'HVTR',
    ...common,
    items: [
      {
        subject: { customer: ZHANG, controllers: [] },
        businessDate: '2025-10-10',
        direction: 'in',
        category: 'person_domestic',
        transactions: [transfer()],
      },
      {
        subject: { customer: ACME, controllers },
        businessDate: '2025-10-10',
        direction: 'out',
        category: 'entity_transfer',
        transactions: [transfer()],
      },
    ],
    ...overrides,
  };
}

function render(input: HvtrInput | BstrInput): string {
  const built = buildCamlmacReport(input);
  if (!built.ok) throw new Error(`missing ${built.missing.join(', ')}`);
  return renderCamlmacXml(built.root, built.tree);
}

describe('CAMLMAC messages', () => {
  it('writes a suspicious transaction report (BSTR) with the expected structure', () => {
    const xml = render(bstr());
    expect(camlmacStructureProblems(xml)).toEqual([]);
    expect(xml).toContain('<MSTP>NBS</MSTP>');
    expect(xml).toContain('<AOSP>学生账户单日收到大额资金，与其身份不符。</AOSP>');
    expect(xml).toContain('&amp; &lt;Partners&gt;');
    expect(xml).toContain('<CRAT>600000.00</CRAT>');
    // 16:30 UTC is 00:30 the next day in CST.
    expect(xml).toContain('<TSTM>20251010003000</TSTM>');
    expect(xml).toContain('<CRNM>李四</CRNM>');
    expect(xml).toContain('<OWPC>60.00</OWPC>');
  });

  it('writes a large-value report (HVTR): one block per customer and day, each with its characteristic code', () => {
    const xml = render(hvtr());
    expect(camlmacStructureProblems(xml)).toEqual([]);
    expect(xml).toContain('<CTTN>2</CTTN>');
    expect(xml).toContain('<CRCD>0503</CRCD>');
    expect(xml).toContain('<CRCD>0502</CRCD>');
    expect(xml).toContain('<TSDR>01</TSDR>');
    expect(xml).toContain('<TSDR>02</TSDR>');
    expect(xml).toContain('<HTDT>20251010</HTDT>');
  });

  it('refuses a message lacking a mandatory field, naming each one', () => {
    const noAnalysis = buildCamlmacReport(bstr({ analysis: ' ', characteristics: [] }));
    expect(noAnalysis).toEqual({
      ok: false,
      missing: [
        'RBIF.AOSP (the grounds for suspicion)',
        'RBIF.STCR (suspicion characteristic codes)',
      ],
    });
    const noOccupation = buildCamlmacReport(
      bstr({ subjects: [{ customer: { ...ZHANG, profile: {} }, controllers: [] }] }),
    );
    expect(noOccupation.ok).toBe(false);
    if (!noOccupation.ok) expect(noOccupation.missing).toContain('customer[cus_zhang].occupation');
    const noController = buildCamlmacReport(
      hvtr({
        items: [
          {
            subject: { customer: ACME, controllers: [] },
            businessDate: '2025-10-10',
            direction: 'out',
            category: 'entity_transfer',
            transactions: [transfer()],
          },
        ],
      }),
    );
    expect(noController.ok).toBe(false);
    if (!noController.ok)
      expect(noController.missing).toEqual(['customer[cus_acme].controller (a beneficial owner)']);
    // A controller whose name could not be read is named as missing, never written empty.
    const unnamed = buildCamlmacReport(
      bstr({
        subjects: [
          { customer: ACME, controllers: [{ name: ' ', nationality: 'CN', ownershipPercent: 60 }] },
        ],
      }),
    );
    if (!unnamed.ok) expect(unnamed.missing).toEqual(['customer[cus_acme].controller[0].name']);
    else expect.fail('a controller without a name must be refused');
    const noCode = buildCamlmacReport(bstr({ institution: { ...INSTITUTION, code: '' } }));
    if (!noCode.ok) expect(noCode.missing).toEqual(['RBIF.RICD']);
    else expect.fail('an empty institution code must be refused');
    const correction = buildCamlmacReport(bstr({ messageType: 'C' }));
    if (!correction.ok) expect(correction.missing[0]).toContain('RBIF.ORRF');
    else expect.fail('a correction needs the original reference');
  });

  it('finds what a broken document lacks', () => {
    const xml = render(bstr());
    expect(camlmacStructureProblems(xml.replace(/<AOSP>[^<]*<\/AOSP>/, ''))[0]).toContain('AOSP');
    expect(
      camlmacStructureProblems(xml.replace('<CRAT>600000.00</CRAT>', '<CRAT>6e5</CRAT>'))[0],
    ).toContain('CRAT');
    expect(camlmacStructureProblems(xml.replace('<SETN>2</SETN>', '<SETN>3</SETN>'))).toEqual([
      'SETN: states 3, document holds 2',
    ]);
    expect(camlmacStructureProblems('<?xml version="1.0"?><goAML/>')).toEqual([
      'root: expected one HVTR or BSTR element',
    ]);
  });

  it('writes instants as CST digits', () => {
    expect(camlmacTime(Date.parse('2025-12-31T16:00:00Z'))).toBe('20260101000000');
  });
});

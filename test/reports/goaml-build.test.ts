import { describe, expect, it } from 'vitest';
import type {
  GoamlReportInput,
  GoamlTransaction,
  ResolvedCustomer,
} from '../../src/reports/goaml/goaml-input.js';
import { buildGoamlReport, decimalOf } from '../../src/reports/goaml/goaml-report.js';
import { renderGoamlXml, xmlSafeText } from '../../src/reports/goaml/goaml-xml.js';
import { splitPersonName } from '../../src/reports/goaml/person-name.js';
import { isResidentIdNumber, residentIdBirthDate } from '../../src/reports/goaml/resident-id.js';
import { ReportingEntitySchema } from '../../src/reports/index.js';
import { validateGoaml, XSD_SKIP_REASON } from './goaml-xsd.js';

// Goal: the goAML documents Custos writes validate against goAMLSchema.xsd 5.0.1, Chinese
// names included, and a report lacking a mandatory field is refused with that field named.
// Method: build reports from in-memory parties, render them, and run xmllint on the result.

const ENTITY = ReportingEntitySchema.parse({
  rentityId: 1024,
  rentityBranch: '上海分行',
  reportingUserCode: 'CUSTOS01',
  institutionName: 'Custos 存管银行',
  institutionCode: 'CUSTOSBANK',
  address: '浦东新区世纪大道 100 号',
  city: '上海',
  countryCode: 'CN',
  codes: { fundsCode: 'K', transmodeCash: 'A', transmodeTransfer: 'B' },
});

const ZHANG: ResolvedCustomer = {
  customerId: 'cus_zhang',
  kind: 'person',
  name: '欧阳明华',
  idNumber: '11010519491231002X',
  phone: '+86 138 0013 8000',
  profile: { occupation: '教师' },
};
const ACME: ResolvedCustomer = {
  customerId: 'cus_acme',
  kind: 'entity',
  name: '上海某某贸易有限公司 & <Partners>',
  idNumber: '91310000MA1FL0000X',
  phone: '021-60000000',
  profile: {
    legalForm: 'A',
    business: '进出口贸易',
    incorporationCountry: 'CN',
    incorporationDate: '2015-06-01',
    representativeName: '李四',
  },
};

function transaction(overrides: Partial<GoamlTransaction> = {}): GoamlTransaction {
  return {
    instructionId: 'ins_01jabcdefghjkmnpqrstvwxyz0',
    description: 'transfer (posted): 还款 repayment',
    postedAtMs: Date.parse('2025-10-09T02:30:00Z'),
    cash: false,
    currency: 'CNY',
    exponent: 2,
    amountMinor: 50_000_000n,
    amountCnyMinor: 50_000_000n,
    rateMicros: null,
    from: { role: 'client', customer: ZHANG },
    to: { role: 'client', customer: ACME },
    ...overrides,
  };
}

function input(overrides: Partial<GoamlReportInput> = {}): GoamlReportInput {
  return {
    reportCode: 'STR',
    entity: ENTITY,
    entityReference: 'rpt_01jabc-v2',
    fiuRefNumber: null,
    reportDateMs: Date.parse('2025-10-10T08:00:00Z'),
    reason: '客户资金快进快出，与其职业不符。Funds passed through within hours.',
    action: 'Debits frozen pending review.',
    indicators: ['-'],
    transactions: [
      transaction(),
      transaction({
        instructionId: 'ins_01jabcdefghjkmnpqrstvwxyz1',
        cash: true,
        currency: 'USD',
        amountMinor: 1_000_000n,
        amountCnyMinor: 7_100_000n,
        rateMicros: 7_100_000n,
        from: { role: 'house', accountId: 'acc_custody', accountType: 'custody_bank' },
        to: { role: 'client', customer: ZHANG },
      }),
      transaction({
        instructionId: 'ins_01jabcdefghjkmnpqrstvwxyz2',
        from: { role: 'client', customer: ZHANG },
        to: { role: 'counterparty', customer: { ...ACME, customerId: 'cus_other', name: '王五' } },
      }),
    ],
    reportParties: [],
    ...overrides,
  };
}

const WANG: ResolvedCustomer = {
  customerId: 'cus_wang',
  kind: 'person',
  name: '王五',
  idNumber: '440524188001010014',
  phone: '13700137000',
  profile: { occupation: '个体工商户' },
};

describe('goAML building blocks', () => {
  it('reads the birth date from a PRC resident ID number and checks its check character', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true);
    expect(residentIdBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(isResidentIdNumber('110105194912310021')).toBe(false);
    expect(residentIdBirthDate('not an id')).toBeUndefined();
  });

  it('splits Chinese names family name first, compound surnames too', () => {
    expect(splitPersonName('张三')).toEqual({ lastName: '张', firstName: '三' });
    expect(splitPersonName('欧阳明华')).toEqual({ lastName: '欧阳', firstName: '明华' });
    expect(splitPersonName('Mary Ann Smith')).toEqual({ firstName: 'Mary Ann', lastName: 'Smith' });
    expect(splitPersonName('Madonna')).toEqual({ lastName: 'Madonna', firstName: 'Madonna' });
  });

  it('writes amounts as plain decimals and drops characters XML cannot hold', () => {
    expect(decimalOf(5n, 2)).toBe('0.05');
    expect(decimalOf(123_456n, 2)).toBe('1234.56');
    expect(decimalOf(7_100_000n, 6)).toBe('7.100000');
    expect(decimalOf(42n, 0)).toBe('42');
    expect(xmlSafeText('a\u0000b\u0007c\td\uFFFEe')).toBe('abc\tde');
  });
});

describe('goAML refusals', () => {
  it('names every missing mandatory field', () => {
    const noOccupation = { ...ZHANG, profile: {} };
    const noPhone = {
      ...ACME,
      phone: undefined,
      profile: { ...ACME.profile, business: undefined },
    };
    const built = buildGoamlReport(
      input({
        reason: '  ',
        transactions: [
          transaction({
            from: { role: 'client', customer: noOccupation },
            to: { role: 'client', customer: noPhone },
          }),
        ],
      }),
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.missing).toEqual([
      'customer[cus_acme].business',
      'customer[cus_acme].phone',
      'customer[cus_zhang].occupation',
      'reason',
    ]);
  });

  it('needs a birth date a resident ID number can give', () => {
    const foreign = { ...ZHANG, idNumber: 'E12345678', profile: { occupation: 'engineer' } };
    const built = buildGoamlReport(
      input({ transactions: [transaction({ from: { role: 'client', customer: foreign } })] }),
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.missing).toContain(
      'customer[cus_zhang].birthdate (from a PRC resident ID number)',
    );
    expect(built.missing).toContain('customer[cus_zhang].nationality');
  });

  it('names the missing fields of a subject without a listed transaction', () => {
    const built = buildGoamlReport(
      input({
        reportParties: [
          { ...WANG, profile: {} },
          { ...ACME, phone: undefined },
        ],
      }),
    );
    expect(built.ok ? [] : built.missing).toEqual([
      'customer[cus_acme].phone',
      'customer[cus_wang].occupation',
    ]);
  });

  it('needs at least one transaction', () => {
    const built = buildGoamlReport(input({ transactions: [] }));
    expect(built.ok ? [] : built.missing).toEqual(['transactions']);
  });
});

describe.skipIf(XSD_SKIP_REASON !== null)(
  `goAML XSD validation${XSD_SKIP_REASON === null ? '' : ` (skipped: ${XSD_SKIP_REASON})`}`,
  () => {
    it('an STR with Chinese names, an entity, cash in USD and a named counterparty validates', () => {
      const built = buildGoamlReport(input());
      expect(built.ok).toBe(true);
      if (!built.ok) return;
      const xml = renderGoamlXml(built.tree);
      expect(xml).toContain('<last_name>欧阳</last_name>');
      expect(xml).toContain('&amp; &lt;Partners&gt;');
      const verdict = validateGoaml(xml);
      expect(verdict.output).toContain('validates');
      expect(verdict.valid).toBe(true);
    });

    it('subjects without a listed transaction are report parties, in full, and validate', () => {
      const built = buildGoamlReport(input({ reportParties: [WANG, ACME] }));
      expect(built.ok).toBe(true);
      if (!built.ok) return;
      const xml = renderGoamlXml(built.tree);
      const parties = xml.slice(xml.indexOf('<activity>'), xml.indexOf('</activity>'));
      expect(parties).toContain('<report_party>');
      expect(parties).toContain('<ssn>440524188001010014</ssn>');
      expect(parties).toContain('<occupation>个体工商户</occupation>');
      expect(parties).toContain('<incorporation_number>91310000MA1FL0000X</incorporation_number>');
      expect(xml.indexOf('</transaction>')).toBeLessThan(xml.indexOf('<activity>'));
      expect(xml.indexOf('</activity>')).toBeLessThan(xml.indexOf('<report_indicators>'));
      const verdict = validateGoaml(xml);
      expect(verdict.output).toContain('validates');
      expect(verdict.valid).toBe(true);
    });

    it('a CTR with a correction reference validates', () => {
      const built = buildGoamlReport(
        input({ reportCode: 'CTR', reason: '', action: '', fiuRefNumber: 'FIU-2025-0001' }),
      );
      expect(built.ok).toBe(true);
      if (!built.ok) return;
      expect(validateGoaml(renderGoamlXml(built.tree)).valid).toBe(true);
    });

    it('the validator itself rejects a document that breaks the schema', () => {
      const built = buildGoamlReport(input());
      if (!built.ok) throw new Error('expected a report');
      const broken = renderGoamlXml(built.tree).replace(
        '<report_code>STR</report_code>',
        '<report_code>XYZ</report_code>',
      );
      expect(validateGoaml(broken).valid).toBe(false);
    });
  },
);

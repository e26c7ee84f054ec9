/**
 * The console's pure helpers, tested without a browser: amount text, id shortening, route
 * matching, the post-sign-in redirect and telling a done action from a requested approval.
 * (They sit here because the test runner only collects src/ and test/.)
 */
import { describe, expect, it } from 'vitest';
import { actionOutcome } from '../../web/src/api/action-outcome.js';
import { safeNextPath } from '../../web/src/console-paths.js';
import { compactId, exponentOf, groupDigits, minorToDecimal } from '../../web/src/format/index.js';
import { matchPath } from '../../web/src/router/match-path.js';

describe('amount text', () => {
  it('groups thousands without touching the fraction', () => {
    expect(groupDigits('1250.50')).toBe('1,250.50');
    expect(groupDigits('-1234567.891')).toBe('-1,234,567.891');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('0.00')).toBe('0.00');
  });

  it('writes minor units as a decimal of the currency exponent', () => {
    expect(minorToDecimal('125050', 2)).toBe('1250.50');
    expect(minorToDecimal('5', 2)).toBe('0.05');
    expect(minorToDecimal('-5', 3)).toBe('-0.005');
    expect(minorToDecimal('1200', 0)).toBe('1200');
    expect(minorToDecimal('0', 2)).toBe('0.00');
    expect(minorToDecimal('900719925474099312345', 2)).toBe('9007199254740993123.45');
  });

  it('reads the exponent from a formatted amount', () => {
    expect(exponentOf('1250.50')).toBe(2);
    expect(exponentOf('12.345')).toBe(3);
    expect(exponentOf('1200')).toBe(0);
  });
});

describe('compactId', () => {
  it('keeps the prefix and the random tail', () => {
    expect(compactId('acc_01m8e59kgy53a1zfb516vkv03s')).toBe('acc_…16vkv03s');
  });

  it('leaves short ids whole', () => {
    expect(compactId('acc_1234567890')).toBe('acc_1234567890');
    expect(compactId('2')).toBe('2');
  });
});

describe('matchPath', () => {
  it('extracts and decodes parameters', () => {
    expect(matchPath('/console/customers/:customerId', '/console/customers/cus_1')).toEqual({
      customerId: 'cus_1',
    });
    expect(matchPath('/console/accounts/:id', '/console/accounts/a%2Fb/')).toEqual({ id: 'a/b' });
  });

  it('refuses other shapes', () => {
    expect(matchPath('/console/customers/:customerId', '/console/customers')).toBeNull();
    expect(matchPath('/console/customers/:customerId', '/console/customers/x/y')).toBeNull();
    expect(matchPath('/console/customers', '/console/accounts')).toBeNull();
  });
});

describe('safeNextPath', () => {
  it('returns console pages and nothing else', () => {
    expect(safeNextPath('/console/instructions?status=pending')).toBe(
      '/console/instructions?status=pending',
    );
    expect(safeNextPath(null)).toBe('/console/customers');
    expect(safeNextPath('https://evil.example/console/x')).toBe('/console/customers');
    expect(safeNextPath('//evil.example/console/x')).toBe('/console/customers');
    expect(safeNextPath('/v1/me')).toBe('/console/customers');
  });
});

describe('actionOutcome', () => {
  it('tells an opened approval from an action that took effect', () => {
    expect(actionOutcome({ approvalId: 'apr_1' })).toBe('approvalRequested');
    expect(actionOutcome({ id: 'ins_1', status: 'posted' })).toBe('done');
    expect(actionOutcome(undefined)).toBe('done');
  });
});

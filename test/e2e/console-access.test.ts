/**
 * The console's access-control helpers, without a browser (the role table itself is the
 * server's, imported): who may decide which approval, staff and key states, password rules, approval sentences and the QR image
 * source must come out right.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passwordPolicyViolation } from '../../src/security/password.js';
import { newPasswordProblem } from '../../web/src/access/password-rules.js';
import * as web from '../../web/src/access/permissions.js';
import { apiKeyStatus, staffStatus } from '../../web/src/access/staff-status.js';
import type { ApiKeyInfo, StaffMember } from '../../web/src/api/staff-types.js';
import type { Approval } from '../../web/src/api/types.js';
import { describeApproval } from '../../web/src/pages/approval-description.js';
import { groupSecret, svgDataUri } from '../../web/src/pages/totp-secret-text.js';

describe('the console role table', () => {
  it('lets a role decide an action only with both permissions', () => {
    expect(web.roleMayDecide('risk_analyst', 'freeze.lift')).toBe(true);
    expect(web.roleMayDecide('risk_analyst', 'api_key.activate')).toBe(false);
    expect(web.roleMayDecide('admin', 'principal.role_grant')).toBe(true);
    expect(web.roleMayDecide('auditor', 'freeze.lift')).toBe(false);
    expect(web.roleMayDecide('admin', 'no.such_action')).toBe(false);
  });
});

const NOW_MS = Date.parse('2025-06-01T12:00:00Z');
const member = (fields: Partial<StaffMember>): StaffMember => ({
  id: 'stf_1',
  login: 'wang.fang',
  name: 'Wang Fang',
  role: 'operator',
  platformIds: [],
  createdAt: '2025-05-01T00:00:00Z',
  activatedAt: '2025-05-01T01:00:00Z',
  disabledAt: null,
  totpEnrolledAt: '2025-05-02T00:00:00Z',
  lockedUntil: null,
  ...fields,
});

describe('staffStatus', () => {
  it('puts the most restrictive state first', () => {
    expect(staffStatus(member({}), NOW_MS)).toBe('active');
    expect(staffStatus(member({ login: null, totpEnrolledAt: null }), NOW_MS)).toBe('apiKeyOnly');
    expect(staffStatus(member({ totpEnrolledAt: null }), NOW_MS)).toBe('enrolmentPending');
    expect(staffStatus(member({ lockedUntil: '2025-06-01T12:10:00Z' }), NOW_MS)).toBe('locked');
    expect(staffStatus(member({ lockedUntil: '2025-06-01T11:50:00Z' }), NOW_MS)).toBe('active');
    expect(staffStatus(member({ activatedAt: null, totpEnrolledAt: null }), NOW_MS)).toBe(
      'awaitingApproval',
    );
    expect(
      staffStatus(member({ disabledAt: '2025-05-20T00:00:00Z', activatedAt: null }), NOW_MS),
    ).toBe('disabled');
  });
});

const key = (fields: Partial<ApiKeyInfo>): ApiKeyInfo => ({
  id: 'key_1',
  principalId: 'cli_1',
  principalName: 'Lianhua API',
  principalKind: 'platform',
  platformId: 'plt_1',
  label: 'production',
  createdAt: '2025-05-01T00:00:00Z',
  activatedAt: '2025-05-01T00:00:00Z',
  expiresAt: null,
  revokedAt: null,
  ...fields,
});

describe('apiKeyStatus', () => {
  it('tells pending, active, expiring, expired and revoked keys apart', () => {
    expect(apiKeyStatus(key({}), NOW_MS)).toBe('active');
    expect(apiKeyStatus(key({ activatedAt: null }), NOW_MS)).toBe('awaitingApproval');
    expect(apiKeyStatus(key({ expiresAt: '2025-06-02T00:00:00Z' }), NOW_MS)).toBe('expiring');
    expect(apiKeyStatus(key({ expiresAt: '2025-06-01T12:00:00Z' }), NOW_MS)).toBe('expired');
    expect(
      apiKeyStatus(key({ revokedAt: '2025-05-03T00:00:00Z', activatedAt: null }), NOW_MS),
    ).toBe('revoked');
  });
});

describe('newPasswordProblem', () => {
  it('accepts exactly the passwords the server accepts, once confirmed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (password) => {
        const problem = newPasswordProblem(password, password);
        expect(problem === null).toBe(passwordPolicyViolation(password) === null);
      }),
      { numRuns: 500 },
    );
    expect(newPasswordProblem('aaaaaaaaaaaa', 'aaaaaaaaaaaa')).toBe('tooFewDistinct');
    expect(newPasswordProblem('abcde', 'abcde')).toBe('tooShort');
    expect(newPasswordProblem('harbour-lantern', 'harbour-lantern!')).toBe('mismatch');
  });
});

/** A stand-in for i18next's t: the key and its values, so the test sees what was asked. */
const t = (name: string, values: Record<string, unknown> = {}) =>
  `${name}${JSON.stringify(values)}`;
const approval = (action: string, payload: Record<string, unknown>): Approval => ({
  id: 'apr_1',
  platformId: null,
  action,
  payload,
  reason: 'because',
  requestedBy: 'stf_1',
  status: 'open',
  decidedBy: null,
  decisionReason: null,
  expiresAt: '2025-06-04T00:00:00Z',
  createdAt: '2025-06-01T00:00:00Z',
  decidedAt: null,
});

describe('describeApproval', () => {
  const names = (id: string) => (id === 'stf_01jz8q3k4m5n6p7q8r9s0t1v2w' ? 'Li Wei' : null);

  it('names people and shortens record ids', () => {
    const grant = approval('principal.role_grant', {
      principalId: 'stf_01jz8q3k4m5n6p7q8r9s0t1v2w',
      role: 'risk_analyst',
      platformIds: [],
    });
    expect(describeApproval(grant, t, names)).toBe(
      'approvalDescription.roleGrant{"name":"Li Wei","role":"role.risk_analyst{\\"defaultValue\\":\\"risk_analyst\\"}"}',
    );
    const lift = approval('freeze.lift', { freezeId: 'frz_01jz8q3k4m5n6p7q8r9s0t1v2w' });
    expect(describeApproval(lift, t, names)).toBe(
      'approvalDescription.freezeLift{"freezeId":"frz_…9s0t1v2w"}',
    );
  });

  it('counts supervised platforms and overlap hours', () => {
    const scoped = approval('principal.role_grant', {
      principalId: 'stf_x',
      role: 'regulator',
      platformIds: ['plt_1', 'plt_2'],
    });
    expect(describeApproval(scoped, t, names)).toContain('roleGrantScoped');
    expect(describeApproval(scoped, t, names)).toContain('"count":2');
    const activation = approval('api_key.activate', {
      principalId: 'cli_1',
      keyId: 'key_1',
      overlapMs: 3 * 60 * 60 * 1000,
    });
    expect(describeApproval(activation, t, names)).toContain('"count":3');
    const atOnce = approval('api_key.activate', { principalId: 'cli_1', keyId: 'k', overlapMs: 0 });
    expect(describeApproval(atOnce, t, names)).toContain('apiKeyActivateNoOverlap');
  });

  it('gives KRI thresholds in the KRI’s unit, or the return to the defaults', () => {
    const coverage = approval('kri.thresholds', {
      kriId: 'reserve_coverage',
      unit: 'ratio',
      worse: 'lower',
      thresholds: { amberAt: 0.025, redAt: 0.01 },
    });
    expect(describeApproval(coverage, t, names)).toContain('"amber":"≤ 2.5 %","red":"≤ 1 %"');
    const reset = approval('kri.thresholds', { kriId: 'alert_backlog', thresholds: null });
    expect(describeApproval(reset, t, names)).toContain('kriThresholdsDefaults');
  });

  it('names the report, version and file a submission request puts up for approval', () => {
    const submit = approval('report.submit', {
      reportId: 'rpt_01jz8q3k4m5n6p7q8r9s0t1v2w',
      version: 2,
      sha256: 'ab'.repeat(32),
      fileName: 'rpt_01jz8q3k4m5n6p7q8r9s0t1v2w-v2-str.xml',
      camlmac: { sha256: 'cd'.repeat(32), fileName: 'NBSC1234567890-BSTR.xml' },
    });
    expect(describeApproval(submit, t, names)).toBe(
      'approvalDescription.reportSubmit{"reportId":"rpt_…9s0t1v2w","version":"2",' +
        '"fileName":"rpt_01jz8q3k4m5n6p7q8r9s0t1v2w-v2-str.xml"}',
    );
    // A payload without its version still reads as a sentence, never as "undefined".
    expect(describeApproval(approval('report.submit', { reportId: 'rpt_x' }), t, names)).toBe(
      'approvalDescription.reportSubmit{"reportId":"rpt_x","version":"?","fileName":""}',
    );
  });

  it('names the hold and its subject a release request would let go', () => {
    expect(
      describeApproval(
        approval('retention.hold_release', {
          holdId: 'hld_1',
          subjectType: 'report',
          subjectId: 'rpt_1',
        }),
        t,
        names,
      ),
    ).toBe(
      'approvalDescription.retentionHoldRelease{"holdId":"hld_1",' +
        '"subject":"compliance.retention.holdSubjects.report{\\"defaultValue\\":\\"report\\"}",' +
        '"subjectId":"rpt_1"}',
    );
  });

  it('counts the customers and report files a retention request would let go', () => {
    const files = [
      { format: 'goaml', fileId: 'apr_1' },
      { format: 'camlmac', fileId: 'apr_1' },
    ];
    expect(
      describeApproval(
        approval('retention.execute', { customerIds: ['cus_1'], reportFiles: files }),
        t,
        names,
      ),
    ).toBe(
      'approvalDescription.retentionExecute{' +
        '"customers":"approvalDescription.retentionCustomers{\\"count\\":1}",' +
        '"files":"approvalDescription.retentionFileCount{\\"count\\":2}"}',
    );
    // A request from before files were purged names no files: customers only.
    expect(
      describeApproval(
        approval('retention.execute', { customerIds: ['cus_1', 'cus_2'] }),
        t,
        names,
      ),
    ).toBe('approvalDescription.retentionCustomers{"count":2}');
    expect(
      describeApproval(
        approval('retention.execute', { customerIds: [], reportFiles: files }),
        t,
        names,
      ),
    ).toBe('approvalDescription.retentionFiles{"count":2}');
  });

  it('falls back to the action label for actions without a sentence', () => {
    expect(describeApproval(approval('data_keys.rotate', {}), t, names)).toBe(
      'approvalAction.data_keys_rotate{"defaultValue":"data_keys.rotate"}',
    );
  });
});

describe('TOTP secret text', () => {
  it('groups a secret by four and loses no character', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z2-7]{0,64}$/), (secret) => {
        const grouped = groupSecret(secret);
        expect(grouped.replace(/ /g, '')).toBe(secret);
        for (const group of grouped.split(' ')) expect(group.length).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('turns the SVG into a base64 data: image source that decodes back', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1v1H0z"/></svg>';
    const uri = svgDataUri(svg);
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const decoded = Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64').toString('utf8');
    expect(decoded).toBe(svg);
  });
});

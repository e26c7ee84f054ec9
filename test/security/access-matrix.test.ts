import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../src/custody/index.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import {
  PERMISSIONS,
  ROLES,
  roleHasPermission,
  type Permission,
  type Role,
} from '../../src/security/permissions.js';
import { createApiHarness, type ApiHarness } from '../support/api-harness.js';
import { customerSession } from '../portal/portal-session.js';

/**
 * Every API route and what guards it. A route added without an entry here fails the first
 * test; every entry is then tried by every role, on its own platform and on another one.
 */
const ROUTE_PERMISSIONS: Record<string, Permission | 'public'> = {
  'POST /v1/session': 'public',
  'GET /v1/session': 'session.self',
  'DELETE /v1/session': 'session.self',
  'POST /v1/session/enrolment': 'session.self',
  'POST /v1/session/enrolment/complete': 'session.self',
  'GET /v1/me': 'session.self',
  'GET /v1/staff': 'users.read',
  'POST /v1/staff': 'users.manage',
  'POST /v1/staff/:principalId/role': 'users.manage',
  'POST /v1/staff/:principalId/disable': 'users.manage',
  'GET /v1/api-keys': 'keys.manage',
  'POST /v1/principals/:principalId/api-keys': 'keys.manage',
  'POST /v1/api-keys/:keyId/revoke': 'keys.manage',
  'GET /v1/platforms': 'platforms.read',
  'POST /v1/platforms': 'platforms.manage',
  'GET /v1/platforms/:platformId/customers': 'books.read',
  'POST /v1/platforms/:platformId/customers': 'customers.write',
  'GET /v1/platforms/:platformId/customers/:customerId': 'books.read',
  'POST /v1/platforms/:platformId/customers/:customerId/accounts': 'customers.write',
  'POST /v1/platforms/:platformId/customers/:customerId/keys': 'customers.write',
  'POST /v1/platforms/:platformId/customers/:customerId/keys/:keyId/revoke': 'customers.write',
  'POST /v1/platforms/:platformId/customers/:customerId/bank-accounts': 'customers.write',
  'POST /v1/platforms/:platformId/customers/:customerId/mandates': 'customers.write',
  'GET /v1/platforms/:platformId/accounts': 'books.read',
  'GET /v1/platforms/:platformId/accounts/:accountId': 'books.read',
  'GET /v1/platforms/:platformId/accounts/:accountId/statement': 'books.read',
  'GET /v1/platforms/:platformId/balances': 'books.read',
  'POST /v1/platforms/:platformId/instructions': 'instructions.submit',
  'GET /v1/platforms/:platformId/instructions': 'books.read',
  'GET /v1/platforms/:platformId/instructions/:instructionId': 'books.read',
  'POST /v1/platforms/:platformId/instructions/:instructionId/release': 'holds.settle',
  'POST /v1/platforms/:platformId/instructions/:instructionId/void': 'holds.settle',
  'POST /v1/platforms/:platformId/freezes': 'freezes.create',
  'GET /v1/platforms/:platformId/freezes': 'books.read',
  'POST /v1/platforms/:platformId/freezes/:freezeId/lift': 'freezes.lift_request',
  'GET /v1/approvals': 'approvals.read',
  'POST /v1/approvals/:approvalId/approve': 'approvals.decide',
  'POST /v1/approvals/:approvalId/reject': 'approvals.decide',
  'GET /v1/platforms/:platformId/audit-records': 'records.read',
  'GET /v1/platforms/:platformId/security-events': 'security_events.read',
  'GET /v1/audit/checkpoint': 'public',
  'POST /v1/audit/checkpoint': 'audit_log.manage',
  'GET /v1/audit/log-key': 'public',
  'GET /v1/audit/proof/inclusion': 'public',
  'GET /v1/audit/proof/consistency': 'public',
  'GET /v1/audit/entries': 'audit_log.read',
  'GET /v1/audit/records/:seq': 'audit_log.read',
  'GET /v1/audit/witnesses': 'audit_log.read',
  'POST /v1/audit/witnesses': 'audit_log.manage',
  'POST /v1/audit/cosignatures': 'public',
  'POST /v1/platforms/:platformId/pol/build': 'pol.manage',
  'GET /v1/platforms/:platformId/pol/roots': 'pol.read',
  'GET /v1/platforms/:platformId/pol/proofs/:customerId': 'pol.read',
  'POST /v1/platforms/:platformId/pol/trees/:treeId/open': 'pol.total.read',
  'GET /v1/portal/pol/proof': 'portal.self',
  'GET /v1/transparency/:platformId': 'public',
  'POST /v1/platforms/:platformId/reconciliation/imports': 'recon.write',
  'PUT /v1/platforms/:platformId/reconciliation/csv-mappings/:name': 'recon.write',
  'GET /v1/platforms/:platformId/reconciliation/imports': 'recon.read',
  'GET /v1/platforms/:platformId/reconciliation/lines': 'recon.read',
  'POST /v1/platforms/:platformId/reconciliation/runs': 'recon.write',
  'GET /v1/platforms/:platformId/reconciliation/matches': 'recon.read',
  'POST /v1/platforms/:platformId/reconciliation/matches/:matchId/confirm': 'recon.write',
  'POST /v1/platforms/:platformId/reconciliation/matches/:matchId/reject': 'recon.write',
  'GET /v1/platforms/:platformId/reconciliation/breaks': 'recon.read',
  'POST /v1/platforms/:platformId/reconciliation/breaks/:breakId/resolve': 'recon.write',
  'POST /v1/platforms/:platformId/reconciliation/safeguarding': 'recon.write',
  'GET /v1/platforms/:platformId/reconciliation/safeguarding': 'recon.read',
  'GET /v1/platforms/:platformId/reconciliation/safeguarding-return/:month': 'recon.read',
  'GET /v1/platforms/:platformId/reconciliation/settings': 'recon.read',
  'PUT /v1/platforms/:platformId/reconciliation/settings': 'recon.write',
  'GET /v1/platforms/:platformId/alerts': 'alerts.read',
  'GET /v1/cases': 'alerts.read',
  'GET /v1/platforms/:platformId/cases': 'alerts.read',
  'GET /v1/platforms/:platformId/cases/:caseId': 'alerts.read',
  'GET /v1/platforms/:platformId/case-metrics': 'alerts.read',
  'POST /v1/platforms/:platformId/cases/:caseId/moves': 'cases.work',
  'POST /v1/platforms/:platformId/cases/:caseId/assignment': 'cases.work',
  'POST /v1/platforms/:platformId/cases/:caseId/notes': 'cases.work',
  'POST /v1/platforms/:platformId/cases/:caseId/close': 'cases.work',
  'POST /v1/platforms/:platformId/cases/:caseId/evidence': 'cases.work',
  'GET /v1/platforms/:platformId/cases/:caseId/evidence/:evidenceId': 'alerts.read',
  'POST /v1/platforms/:platformId/cases/:caseId/holds/:instructionId': 'holds.settle',
  'POST /v1/platforms/:platformId/cases/:caseId/freezes': 'freezes.create',
  'POST /v1/platforms/:platformId/cases/:caseId/freezes/:freezeId/lift': 'freezes.lift_request',
  'POST /v1/platforms/:platformId/cases/:caseId/str-drafts': 'cases.work',
  'POST /v1/platforms/:platformId/cases/:caseId/information-requests': 'cases.work',
  'GET /v1/playbooks': 'alerts.read',
  'POST /v1/incidents': 'incidents.manage',
  'POST /v1/incidents/drills': 'incidents.manage',
  'GET /v1/incidents': 'alerts.read',
  'GET /v1/incidents/:incidentId': 'alerts.read',
  'POST /v1/incidents/:incidentId/steps/:stepNo': 'incidents.manage',
  'POST /v1/incidents/:incidentId/review': 'incidents.manage',
  'POST /v1/incidents/:incidentId/close': 'incidents.manage',
  'GET /v1/notification-receivers': 'notifications.manage',
  'POST /v1/notification-receivers/webhooks': 'notifications.manage',
  'POST /v1/notification-receivers/emails': 'notifications.manage',
  'POST /v1/notification-receivers/:receiverId/deactivate': 'notifications.manage',
  'GET /v1/notifications': 'notifications.manage',
  'POST /v1/notifications/:deliveryId/replay': 'notifications.manage',
  'GET /v1/platforms/:platformId/monitoring/rules': 'monitoring.read',
  'POST /v1/platforms/:platformId/monitoring/rules': 'rules.write',
  'POST /v1/platforms/:platformId/monitoring/rules/:ruleId/versions/:version/activate':
    'rules.write',
  'POST /v1/platforms/:platformId/monitoring/rules/:ruleId/versions/:version/backtest':
    'rules.write',
  'GET /v1/platforms/:platformId/monitoring/kris': 'monitoring.read',
  'POST /v1/platforms/:platformId/monitoring/kris/read': 'rules.write',
  'PUT /v1/platforms/:platformId/monitoring/kris/:kriId/thresholds': 'rules.write',
  'GET /v1/platforms/:platformId/monitoring/overview': 'monitoring.read',
  'GET /v1/platforms/:platformId/reports': 'compliance.read',
  'GET /v1/platforms/:platformId/reports/:reportId': 'compliance.read',
  'GET /v1/platforms/:platformId/reports/:reportId/export': 'reports.export',
  'POST /v1/platforms/:platformId/reports/lvtr-runs': 'compliance.write',
  'POST /v1/platforms/:platformId/reports/str': 'compliance.write',
  'POST /v1/platforms/:platformId/reports/:reportId/versions': 'compliance.write',
  'POST /v1/platforms/:platformId/reports/:reportId/follow-ups': 'compliance.write',
  'POST /v1/platforms/:platformId/reports/:reportId/submission': 'compliance.write',
  'POST /v1/platforms/:platformId/reports/:reportId/submitted': 'compliance.write',
  'POST /v1/platforms/:platformId/reports/:reportId/withdrawal': 'compliance.write',
  'PUT /v1/platforms/:platformId/reports/entity': 'compliance.write',
  'PUT /v1/platforms/:platformId/reports/subjects/:customerId': 'compliance.write',
  'POST /v1/reports/overdue-sweep': 'compliance.write',
  'GET /v1/screening/lists': 'screening.read',
  'POST /v1/screening/lists/imports': 'screening.manage',
  'POST /v1/screening/internal-lists/:listName/entries': 'screening.manage',
  'POST /v1/screening/screen': 'screening.read',
  'POST /v1/screening/rescreen-runs': 'screening.manage',
  'GET /v1/screening/rescreen-runs': 'screening.read',
  'GET /v1/screening/rescreen-runs/:runId': 'screening.read',
  'GET /v1/platforms/:platformId/customers/:customerId/screening': 'screening.read',
  'POST /v1/platforms/:platformId/customers/:customerId/screening': 'screening.manage',
  'GET /v1/platforms/:platformId/screening/reviews': 'screening.read',
  'GET /v1/platforms/:platformId/screening/reviews/:reviewId': 'screening.read',
  'POST /v1/platforms/:platformId/screening/reviews/:reviewId/decision': 'screening.manage',
  'PUT /v1/reports/calendar/:day': 'compliance.write',
  'PUT /v1/reports/fx-rates/:currency': 'compliance.write',
  'GET /v1/platforms/:platformId/compliance/obligations': 'compliance.read',
  'GET /v1/platforms/:platformId/compliance/controls': 'compliance.read',
  'POST /v1/platforms/:platformId/compliance/controls/runs': 'compliance.write',
  'GET /v1/platforms/:platformId/compliance/controls/:code/history': 'compliance.read',
  'PUT /v1/compliance/controls/:code/owner': 'compliance.write',
  'GET /v1/platforms/:platformId/retention/policy': 'compliance.read',
  'PUT /v1/platforms/:platformId/retention/policy': 'compliance.write',
  'POST /v1/platforms/:platformId/retention/runs': 'compliance.write',
  'GET /v1/platforms/:platformId/retention/runs': 'compliance.read',
  'GET /v1/platforms/:platformId/retention/runs/:runId': 'compliance.read',
  'GET /v1/platforms/:platformId/retention/holds': 'compliance.read',
  'POST /v1/platforms/:platformId/retention/holds': 'compliance.write',
  'POST /v1/platforms/:platformId/retention/holds/:holdId/release': 'compliance.write',
  'POST /v1/platforms/:platformId/customers/:customerId/relationship-end': 'customers.write',
  'GET /v1/platforms/:platformId/risk-ratings': 'risk_rating.read',
  'GET /v1/platforms/:platformId/risk-ratings/:customerId': 'risk_rating.read',
  'POST /v1/platforms/:platformId/risk-ratings/:customerId/rerate': 'risk_rating.write',
  'POST /v1/platforms/:platformId/risk-ratings/batch': 'risk_rating.write',
  'POST /v1/platforms/:platformId/risk-ratings/:customerId/review': 'risk_rating.write',
  'POST /v1/platforms/:platformId/risk-ratings/:customerId/override': 'compliance.write',
  'PUT /v1/platforms/:platformId/risk-ratings/:customerId/attributes': 'risk_rating.write',
  'PUT /v1/platforms/:platformId/risk-ratings/:customerId/edd/:item': 'risk_rating.write',
  'POST /v1/risk-ratings/review-sweep': 'risk_rating.write',
  'GET /v1/platforms/:platformId/risk-model': 'risk_rating.read',
  'PUT /v1/platforms/:platformId/risk-model': 'compliance.write',
  'POST /v1/platforms/:platformId/risk-ratings/:customerId/beneficial-owners': 'risk_rating.write',
  'PUT /v1/platforms/:platformId/risk-ratings/:customerId/beneficial-owners/:ownerId':
    'risk_rating.write',
  'DELETE /v1/platforms/:platformId/risk-ratings/:customerId/beneficial-owners/:ownerId':
    'risk_rating.write',
  'GET /v1/platforms/:platformId/risk-models': 'risk.read',
  'GET /v1/platforms/:platformId/risk-models/:riskId': 'risk.read',
  'PUT /v1/platforms/:platformId/risk-models/:riskId': 'risk.write',
  'POST /v1/platforms/:platformId/risk-models/:riskId/fit': 'risk.write',
  'POST /v1/platforms/:platformId/monte-carlo-runs': 'risk.write',
  'GET /v1/platforms/:platformId/monte-carlo-runs': 'risk.read',
  'GET /v1/platforms/:platformId/monte-carlo-runs/:runId': 'risk.read',
  'GET /v1/platforms/:platformId/stress-scenarios': 'risk.read',
  'GET /v1/platforms/:platformId/stress-scenarios/:scenarioId': 'risk.read',
  'POST /v1/platforms/:platformId/stress-scenarios': 'risk.write',
  'PUT /v1/platforms/:platformId/stress-scenarios/:scenarioId': 'risk.write',
  'DELETE /v1/platforms/:platformId/stress-scenarios/:scenarioId': 'risk.write',
  'POST /v1/platforms/:platformId/stress-scenarios/:scenarioId/runs': 'risk.write',
  'GET /v1/platforms/:platformId/stress-runs': 'risk.read',
  'GET /v1/platforms/:platformId/stress-runs/:runId': 'risk.read',
  'GET /v1/platforms/:platformId/liquidity-flows': 'risk.read',
  'POST /v1/platforms/:platformId/liquidity-flows': 'risk.write',
  'DELETE /v1/platforms/:platformId/liquidity-flows/:flowId': 'risk.write',
  'GET /v1/platforms/:platformId/risks': 'risk.read',
  'POST /v1/platforms/:platformId/risks': 'risk.write',
  'POST /v1/platforms/:platformId/risks/seed': 'risk.write',
  'GET /v1/platforms/:platformId/risks/:riskId': 'risk.read',
  'PATCH /v1/platforms/:platformId/risks/:riskId': 'risk.write',
  'GET /v1/platforms/:platformId/risks/:riskId/assessments': 'risk.read',
  'POST /v1/platforms/:platformId/risks/:riskId/assessments': 'risk.write',
  'PUT /v1/platforms/:platformId/risks/:riskId/controls/:controlId': 'risk.write',
  'DELETE /v1/platforms/:platformId/risks/:riskId/controls/:controlId': 'risk.write',
  'GET /v1/platforms/:platformId/risk-heat-map': 'risk.read',
  'POST /v1/platforms/:platformId/risk-register/sweep': 'risk.write',
  'GET /v1/platforms/:platformId/loss-events': 'risk.read',
  'POST /v1/platforms/:platformId/loss-events': 'risk.write',
  'GET /v1/platforms/:platformId/loss-events/:lossEventId': 'risk.read',
  'PATCH /v1/platforms/:platformId/loss-events/:lossEventId': 'risk.write',
  'GET /v1/platforms/:platformId/partners': 'risk.read',
  'POST /v1/platforms/:platformId/partners': 'risk.write',
  'GET /v1/platforms/:platformId/partners/:partnerId': 'risk.read',
  'PATCH /v1/platforms/:platformId/partners/:partnerId': 'risk.write',
  'POST /v1/platforms/:platformId/partners/:partnerId/due-diligence': 'risk.write',
  'POST /v1/platforms/:platformId/partners/:partnerId/qualifications': 'risk.write',
  'GET /v1/me/responsibilities': 'risk.read',
  'POST /v1/platforms/:platformId/complaints': 'complaints.submit',
  'GET /v1/platforms/:platformId/complaints': 'complaints.read',
  'GET /v1/platforms/:platformId/complaints/:complaintId': 'complaints.read',
  'GET /v1/platforms/:platformId/complaints/:complaintId/attachments/:attachmentId':
    'complaints.manage',
  'POST /v1/platforms/:platformId/complaints/:complaintId/moves': 'complaints.manage',
  'POST /v1/platforms/:platformId/complaints/:complaintId/links': 'complaints.manage',
  'GET /v1/platforms/:platformId/complaint-policies': 'complaints.read',
  'PUT /v1/platforms/:platformId/complaint-policies/:category': 'complaints.manage',
  'POST /v1/complaints/overdue-sweep': 'complaints.manage',
  'GET /v1/platforms/:platformId/complaint-statistics': 'complaints.read',
  'GET /v1/complaint-statistics': 'complaints.read',
  'POST /v1/platforms/:platformId/privacy-requests': 'complaints.submit',
  'GET /v1/platforms/:platformId/privacy-requests': 'compliance.read',
  'GET /v1/platforms/:platformId/privacy-requests/:requestId': 'compliance.read',
  'POST /v1/platforms/:platformId/privacy-requests/:requestId/complete': 'privacy.manage',
  'POST /v1/platforms/:platformId/privacy-requests/:requestId/refuse': 'privacy.manage',
  'GET /v1/platforms/:platformId/privacy-requests/:requestId/export': 'privacy.manage',
  'POST /v1/platforms/:platformId/risk-notices': 'notices.manage',
  'GET /v1/platforms/:platformId/risk-notices': 'books.read',
  'GET /v1/platforms/:platformId/risk-notices/:productCode/versions': 'books.read',
  'POST /v1/platforms/:platformId/risk-notices/acknowledgements': 'customers.write',
  'GET /v1/platforms/:platformId/customers/:customerId/risk-notices': 'books.read',
  'GET /v1/portal/complaints': 'portal.self',
  'POST /v1/portal/complaints': 'portal.self',
  'GET /v1/portal/complaints/:complaintId': 'portal.self',
  'GET /v1/portal/privacy-requests': 'portal.self',
  'POST /v1/portal/privacy-requests': 'portal.self',
  'GET /v1/portal/privacy-requests/:requestId/export': 'portal.self',
  'GET /v1/portal/risk-notices': 'portal.self',
  'POST /v1/portal/risk-notices/acknowledgements': 'portal.self',
  'POST /v1/portal/enrolment/options': 'public',
  'POST /v1/portal/enrolment': 'public',
  'POST /v1/portal/sign-in/options': 'public',
  'POST /v1/portal/sign-in': 'public',
  'GET /v1/portal/session': 'portal.self',
  'DELETE /v1/portal/session': 'portal.self',
  'GET /v1/portal/accounts': 'portal.self',
  'GET /v1/portal/accounts/:accountId/statement': 'portal.self',
  'GET /v1/portal/passkeys': 'portal.self',
  'DELETE /v1/portal/passkeys/:credentialId': 'portal.self',
  'GET /v1/portal/payment-requests': 'portal.self',
  'GET /v1/portal/payment-requests/:requestId': 'portal.self',
  'POST /v1/portal/payment-requests/:requestId/authorization/options': 'portal.self',
  'POST /v1/portal/payment-requests/:requestId/authorization': 'portal.self',
  'POST /v1/portal/payment-requests/:requestId/decline': 'portal.self',
  'POST /v1/platforms/:platformId/customers/:customerId/portal-enrolments': 'customers.write',
  'POST /v1/platforms/:platformId/payment-requests': 'instructions.submit',
  'GET /v1/platforms/:platformId/payment-requests': 'books.read',
  'GET /v1/platforms/:platformId/payment-requests/:requestId': 'books.read',
  'GET /v1/platforms/:platformId/instructions/:instructionId/authorization-verification':
    'books.read',
  'GET /v1/platforms/:platformId/accounts/:accountId/statement-document': 'books.read',
};

const PARAM_VALUES: Record<string, string> = {
  principalId: 'stf_unknown',
  keyId: 'key_unknown',
  customerId: 'cus_unknown',
  accountId: 'acc_unknown',
  instructionId: 'ins_unknown',
  freezeId: 'frz_unknown',
  approvalId: 'apr_unknown',
  runId: 'rtn_unknown',
  holdId: 'hld_unknown',
  seq: '1',
  name: 'mapping',
  matchId: 'mat_unknown',
  breakId: 'brk_unknown',
  month: '2026-10',
  caseId: 'cas_unknown',
  evidenceId: 'evd_unknown',
  incidentId: 'inc_unknown',
  stepNo: '1',
  receiverId: 'rcv_unknown',
  deliveryId: 'ntf_unknown',
  ruleId: 'cn.unknown',
  version: '1',
  reportId: 'rpt_unknown',
  day: '2026-12-01',
  currency: 'USD',
  code: 'CTL-UNKNOWN',
  complaintId: 'cmp_unknown',
  attachmentId: 'cat_unknown',
  category: 'fees',
  requestId: 'prq_unknown',
  productCode: 'loan-12m',
  credentialId: 'unknownPasskeyCredential0',
};

interface Caller {
  role: Role;
  key: string;
  /** Customers sign in with a passkey session, not a key: a fresh session cookie per call. */
  session?: () => Promise<string>;
}

let api: ApiHarness;
let platformA: string;
let platformB: string;
const callers: Caller[] = [];

beforeAll(async () => {
  api = await createApiHarness();
  platformA = api.books.platformId;
  const other = await createPlatform(api.db, api.books.staff, 'Other Platform', ['CNY']);
  if (!other.ok) throw new Error(other.error.message);
  platformB = other.value.platformId;
  for (const role of ROLES) {
    if (role === 'platform') {
      callers.push({ role, key: api.books.apiKey });
      continue;
    }
    if (role === 'customer') {
      const customerId = api.books.customers[0]?.customerId ?? '';
      const session = async () => (await customerSession(api.db, platformA, customerId)).cookie;
      callers.push({ role, key: '', session });
      continue;
    }
    const created = await api.db.transaction((tx) =>
      createPrincipalWithKey(tx, { kind: 'staff', platformId: null, role, name: `matrix ${role}` }),
    );
    if (role === 'regulator')
      await api.db.query(
        'INSERT INTO principal_platforms (principal_id, platform_id) VALUES ($1, $2)',
        [created.principal.id, platformA],
      );
    callers.push({ role, key: created.apiKey });
  }
}, 60_000);
afterAll(() => api.close());

function concreteUrl(url: string, platformId: string): string {
  return url
    .replace(':platformId', platformId)
    .replace(/:([A-Za-z]+)/g, (_match, name: string) => PARAM_VALUES[name] ?? `x_${name}`);
}

describe('access matrix', () => {
  it('has an entry for every route the server serves, and the same guard', () => {
    const served = Object.fromEntries(
      api.app.apiRoutes.map((route) => [`${route.method} ${route.url}`, route.permission]),
    );
    expect(served).toEqual(ROUTE_PERMISSIONS);
  });

  it('names only known permissions, each granted to at least one role', () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(roles.length, permission).toBeGreaterThan(0);
      for (const role of roles) expect(ROLES).toContain(role);
    }
  });

  it('gives read-only roles no permission that writes', () => {
    const writes = Object.keys(PERMISSIONS).filter(
      (p) => !/\.(read|self)$/.test(p),
    ) as Permission[];
    for (const permission of writes) {
      expect(roleHasPermission('auditor', permission), permission).toBe(false);
      expect(roleHasPermission('regulator', permission), permission).toBe(false);
    }
  });

  it('allows or refuses every route for every role, on its own platform and on another', async () => {
    const outcomes: string[] = [];
    for (const [route, permission] of Object.entries(ROUTE_PERMISSIONS)) {
      const [method = 'GET', url = ''] = route.split(' ');
      const tenants = url.includes(':platformId') ? [platformA, platformB] : [platformA];
      for (const caller of callers) {
        for (const tenant of tenants) {
          const cookie = caller.session === undefined ? undefined : await caller.session();
          const response = await api.call(method, concreteUrl(url, tenant), {
            key: caller.key,
            ...(cookie === undefined ? {} : { headers: { authorization: '', cookie } }),
            ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }),
          });
          const detail = String(response.body.detail ?? '');
          const tenantRefused =
            response.status === 404 && detail === `platform ${tenant} not found`;
          const inScope = tenant === platformA || !['platform', 'regulator'].includes(caller.role);
          let expected: 'allowed' | 'forbidden' | 'hidden';
          if (permission === 'public') expected = 'allowed';
          else if (!roleHasPermission(caller.role, permission)) expected = 'forbidden';
          else if (!inScope) expected = 'hidden';
          else expected = 'allowed';
          const actual =
            response.status === 403 && response.body.code === 'forbidden'
              ? 'forbidden'
              : tenantRefused
                ? 'hidden'
                : response.status === 401
                  ? 'unauthenticated'
                  : 'allowed';
          if (actual !== expected)
            outcomes.push(
              `${route} as ${caller.role} on ${tenant === platformA ? 'own' : 'other'}: expected ${expected}, got ${actual} (${response.status} ${detail})`,
            );
        }
      }
    }
    expect(outcomes).toEqual([]);
  }, 240_000);

  it('records a refused permission as a security event', async () => {
    const auditor = callers.find((c) => c.role === 'auditor');
    if (auditor === undefined) throw new Error('no auditor');
    const before = await api.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM security_events WHERE kind = 'permission_denied'",
    );
    const refused = await api.call('POST', '/v1/platforms', {
      key: auditor.key,
      body: { name: 'X', currencies: ['CNY'] },
    });
    expect(refused.status).toBe(403);
    const after = await api.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM security_events WHERE kind = 'permission_denied'",
    );
    expect(Number(after[0]?.n)).toBe(Number(before[0]?.n) + 1);
  });

  it('shows a regulator only the approvals of the platforms it supervises', async () => {
    const regulator = callers.find((c) => c.role === 'regulator');
    if (regulator === undefined) throw new Error('no regulator');
    const listed = await api.call('GET', '/v1/approvals', { key: regulator.key });
    expect(listed.status).toBe(200);
    for (const item of listed.body.items as { platformId: string | null }[])
      expect(item.platformId).toBe(platformA);
  });
});

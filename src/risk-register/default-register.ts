import type { Database } from '../store/index.js';
import type { NewRisk } from './risk-inputs.js';
import { createRisk } from './risk-store.js';
import { riskFailure, riskSuccess, type RiskResult } from './risk-result.js';

type Template = Omit<NewRisk, 'ownerId' | 'description' | 'transferCover' | 'reviewCadenceDays'>;

/**
 * A starting register for an internet finance platform under fund custody (seed chapter 2:
 * misappropriation, credit, liquidity, operational, compliance, technical and partner risk).
 * Scores are starting points for the owner's first assessment, not findings.
 */
export const DEFAULT_RISKS: readonly Template[] = [
  {
    code: 'MIS-01',
    category: 'misappropriation',
    title: 'Platform diverts customer funds',
    cause:
      'The platform or its insiders instruct movements of user money without user authorization',
    consequence: 'Customer losses, regulatory sanction, withdrawal run',
    likelihood: 3,
    impact: 5,
    appetiteScore: 4,
    toleranceScore: 8,
    treatment: 'reduce',
    treatmentPlan:
      'Signed user instructions or mandates for every debit; unauthorized-debit monitoring',
  },
  {
    code: 'MIS-02',
    category: 'misappropriation',
    title: 'Capital pool through intermediary accounts',
    cause: 'Funds routed through platform-controlled accounts outside custody',
    consequence: 'Commingled funds, Ponzi exposure, licence withdrawal',
    likelihood: 2,
    impact: 5,
    appetiteScore: 3,
    toleranceScore: 6,
    treatment: 'avoid',
    treatmentPlan: 'Payee restricted to custody accounts and registered bank accounts',
  },
  {
    code: 'CRD-01',
    category: 'credit',
    title: 'Fictitious or fraudulent borrowers',
    cause: 'Weak borrower identity and project verification',
    consequence: 'Defaults on fabricated loans, investor losses',
    likelihood: 3,
    impact: 4,
    appetiteScore: 6,
    toleranceScore: 9,
    treatment: 'reduce',
    treatmentPlan: 'Borrower due diligence, project documents, fan-in/fan-out monitoring',
  },
  {
    code: 'CRD-02',
    category: 'credit',
    title: 'Borrower concentration',
    cause: 'A few borrowers or one sector hold a large share of outstanding loans',
    consequence: 'One default impairs many investors',
    likelihood: 3,
    impact: 3,
    appetiteScore: 6,
    toleranceScore: 9,
    treatment: 'reduce',
    treatmentPlan: 'Per-borrower limits; concentration KRI',
  },
  {
    code: 'LIQ-01',
    category: 'liquidity',
    title: 'Withdrawal run',
    cause: 'Loss of confidence after news, defaults or a regulatory action',
    consequence: 'Outflows beyond liquid funds; delayed withdrawals',
    likelihood: 2,
    impact: 5,
    appetiteScore: 4,
    toleranceScore: 8,
    treatment: 'reduce',
    treatmentPlan: 'Net outflow KRI, risk reserve, contingency funding plan',
  },
  {
    code: 'LIQ-02',
    category: 'liquidity',
    title: 'Risk reserve too small for losses',
    cause: 'Reserve contributions lag loan growth or loss rates rise',
    consequence: 'Promised compensation cannot be paid',
    likelihood: 3,
    impact: 3,
    appetiteScore: 4,
    toleranceScore: 9,
    treatment: 'transfer',
    treatmentPlan: 'Reserve coverage KRI; guarantee arrangements',
  },
  {
    code: 'OPR-01',
    category: 'operational',
    title: 'Books and bank do not reconcile',
    cause: 'Wrong postings, missed statements, bank-side errors',
    consequence: 'Unexplained differences in customer money',
    likelihood: 3,
    impact: 3,
    appetiteScore: 4,
    toleranceScore: 6,
    treatment: 'reduce',
    treatmentPlan: 'Daily reconciliation and safeguarding check; break escalation',
  },
  {
    code: 'OPR-02',
    category: 'operational',
    title: 'Staff error or insider fraud in operations',
    cause: 'Manual adjustments, weak segregation of duties',
    consequence: 'Wrong or fraudulent movements',
    likelihood: 2,
    impact: 4,
    appetiteScore: 4,
    toleranceScore: 8,
    treatment: 'reduce',
    treatmentPlan: 'Four-eyes approval on sensitive actions; tamper-evident audit log',
  },
  {
    code: 'CMP-01',
    category: 'compliance',
    title: 'Late or missing AML reports',
    cause: 'Large-value or suspicious transactions not detected or not filed in time',
    consequence: 'Penalties under the AML Law; supervisory findings',
    likelihood: 3,
    impact: 4,
    appetiteScore: 4,
    toleranceScore: 8,
    treatment: 'reduce',
    treatmentPlan: 'Daily large-value batch, case SLAs, report deadlines and control tests',
  },
  {
    code: 'CMP-02',
    category: 'compliance',
    title: 'Personal information mishandled',
    cause: 'Excess collection, weak access control, retention beyond need',
    consequence: 'PIPL penalties, customer harm',
    likelihood: 2,
    impact: 4,
    appetiteScore: 4,
    toleranceScore: 8,
    treatment: 'reduce',
    treatmentPlan: 'Field encryption, masking by role, retention runs',
  },
  {
    code: 'TEC-01',
    category: 'technical',
    title: 'System outage or data loss',
    cause: 'Infrastructure failure, faulty release, attack',
    consequence: 'Instructions cannot be processed; records lost',
    likelihood: 3,
    impact: 4,
    appetiteScore: 4,
    toleranceScore: 8,
    treatment: 'reduce',
    treatmentPlan: 'Backups, restore drills, incident playbooks',
  },
  {
    code: 'TEC-02',
    category: 'technical',
    title: 'Compromised signing keys or credentials',
    cause: 'Stolen customer keys, leaked API keys, phishing of staff',
    consequence: 'Unauthorized instructions look authorized',
    likelihood: 2,
    impact: 5,
    appetiteScore: 4,
    toleranceScore: 8,
    treatment: 'reduce',
    treatmentPlan: 'Key revocation, API key rotation, TOTP for staff, anomaly monitoring',
  },
  {
    code: 'PTN-01',
    category: 'partner',
    title: 'Custodian bank or payment channel failure',
    cause: 'Partner outage, insolvency or licence loss',
    consequence: 'Funds unavailable; payments stop',
    likelihood: 2,
    impact: 5,
    appetiteScore: 4,
    toleranceScore: 8,
    treatment: 'reduce',
    treatmentPlan: 'Partner due diligence, qualification expiry tracking, second channel',
  },
  {
    code: 'PTN-02',
    category: 'partner',
    title: 'Guarantor cannot honour guarantees',
    cause: 'Guarantor over-committed relative to its capital',
    consequence: 'Investors bear defaults that were guaranteed',
    likelihood: 3,
    impact: 4,
    appetiteScore: 6,
    toleranceScore: 9,
    treatment: 'transfer',
    treatmentPlan: 'Guarantor rating and capital review; guarantee caps',
  },
];

/**
 * Adds the default risks a platform's register lacks (matched by code), owned by `ownerId`.
 * Running it again adds nothing.
 */
export async function seedDefaultRegister(
  db: Database,
  platformId: string,
  ownerId: string,
  actor: string,
  nowMs = Date.now(),
): Promise<RiskResult<{ created: string[]; skipped: string[] }>> {
  const existing = await db.query<{ code: string }>(
    'SELECT code FROM risks WHERE platform_id = $1 AND code = ANY($2::text[])',
    [platformId, DEFAULT_RISKS.map((r) => r.code)],
  );
  const have = new Set(existing.map((r) => r.code));
  const created: string[] = [];
  for (const template of DEFAULT_RISKS) {
    if (have.has(template.code)) continue;
    const result = await createRisk(
      db,
      platformId,
      { ...template, ownerId, description: '', transferCover: null },
      actor,
      nowMs,
    );
    if (!result.ok) {
      if (result.error.code === 'duplicate') continue;
      return riskFailure(result.error.code, result.error.message);
    }
    created.push(template.code);
  }
  return riskSuccess({ created, skipped: [...have].sort() });
}

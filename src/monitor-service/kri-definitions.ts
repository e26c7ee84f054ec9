/**
 * Key risk indicators (seed §4.1.1): platform-level measures read on a schedule, each with
 * amber and red thresholds (defaults below; a platform sets its own with four eyes, see
 * kri-thresholds.ts). The
 * set is open: other modules add theirs to KRI_DEFINITIONS.
 */
export type KriStatus = 'green' | 'amber' | 'red';

export interface KriDefinition {
  id: string;
  title: string;
  unit: 'ratio' | 'count';
  /** Higher is worse (most) or lower is worse (coverage). */
  worse: 'higher' | 'lower';
  amberAt: number;
  redAt: number;
  basis: string;
}

export const KRI_DEFINITIONS: readonly KriDefinition[] = [
  {
    id: 'net_outflow_24h',
    title: '24 h net outflow / customer funds in custody',
    unit: 'ratio',
    worse: 'higher',
    amberAt: 0.05,
    redAt: 0.1,
    basis:
      'withdrawal-run readiness: 24 h net outflow above 10 % of custody balance (regulatory.md §4 rule 27)',
  },
  {
    id: 'reserve_coverage',
    title: 'Risk reserve / customer funds in custody',
    unit: 'ratio',
    worse: 'lower',
    amberAt: 0.02,
    redAt: 0.01,
    basis: 'risk reserve adequacy (2021 reserve-fund rules); thresholds are starting values',
  },
  {
    id: 'unauthorized_debit_attempts_24h',
    title: 'Unauthorized debit attempts in 24 h',
    unit: 'count',
    worse: 'higher',
    amberAt: 1,
    redAt: 5,
    basis: 'any debit without a verified user instruction is critical (P2P custody guideline)',
  },
  {
    id: 'open_recon_breaks',
    title: 'Unresolved reconciliation breaks',
    unit: 'count',
    worse: 'higher',
    amberAt: 1,
    redAt: 10,
    basis: 'daily reconciliation; unresolved after one reconciliation day escalates (CASS 15)',
  },
  {
    id: 'alert_backlog',
    title: 'Open cases',
    unit: 'count',
    worse: 'higher',
    amberAt: 50,
    redAt: 200,
    basis: 'warning handling capacity (seed §4.2.2)',
  },
  {
    id: 'sla_breaches',
    title: 'Open cases past their SLA',
    unit: 'count',
    worse: 'higher',
    amberAt: 1,
    redAt: 5,
    basis: 'warning handling timeliness (seed §4.2.2)',
  },
  {
    id: 'concentration',
    title: 'Largest customer balance / customer funds in custody',
    unit: 'ratio',
    worse: 'higher',
    amberAt: 0.05,
    redAt: 0.1,
    basis: 'concentration above 5 % of the book (Interim Measures Art. 17)',
  },
  {
    id: 'risk_reviews_overdue',
    title: 'Risk reviews past their date (detail: per owner)',
    unit: 'count',
    worse: 'higher',
    amberAt: 1,
    redAt: 5,
    basis: 'every risk has an owner who reviews it on schedule (seed §2.2.2, §12.1.2)',
  },
  {
    id: 'partner_reviews_overdue',
    title: 'Partner reviews past their date (detail: per owner)',
    unit: 'count',
    worse: 'higher',
    amberAt: 1,
    redAt: 3,
    basis: 'periodic review of cooperating institutions (seed §3.2.2)',
  },
  {
    id: 'risks_above_tolerance',
    title: 'Risks with residual score above tolerance',
    unit: 'count',
    worse: 'higher',
    amberAt: 1,
    redAt: 3,
    basis: 'residual risk within the appetite and tolerance the board set (seed chapter 2)',
  },
  {
    id: 'qualifications_expiring',
    title: 'Partner qualifications expired or expiring within 30 days',
    unit: 'count',
    worse: 'higher',
    amberAt: 1,
    redAt: 3,
    basis: 'a partner acts only within valid licences (seed §3.2.2)',
  },
  {
    id: 'complaints_per_10k_customers_30d',
    title: 'Complaints in 30 days per 10,000 active customers',
    unit: 'count',
    worse: 'higher',
    amberAt: 5,
    redAt: 20,
    basis: 'user protection: complaint handling (seed chapter 9); thresholds are starting values',
  },
  {
    id: 'complaints_overdue_share_90d',
    title: "Share of 90 days' complaints that missed a deadline",
    unit: 'ratio',
    worse: 'higher',
    amberAt: 0.05,
    redAt: 0.2,
    basis: 'complaints answered on time; restriction objections within 15 days (AML Law Art. 39)',
  },
];

/** Pure: the traffic light of a value against its thresholds. */
export function kriStatus(
  definition: Pick<KriDefinition, 'worse'>,
  thresholds: { amberAt: number; redAt: number },
  value: number,
): KriStatus {
  if (definition.worse === 'higher') {
    if (value >= thresholds.redAt) return 'red';
    if (value >= thresholds.amberAt) return 'amber';
    return 'green';
  }
  if (value <= thresholds.redAt) return 'red';
  if (value <= thresholds.amberAt) return 'amber';
  return 'green';
}

const RANK: Record<KriStatus, number> = { green: 0, amber: 1, red: 2 };

/** A transition worth an alert: any change to a worse light. */
export function isWorsening(previous: KriStatus | null, next: KriStatus): boolean {
  return RANK[next] > RANK[previous ?? 'green'];
}

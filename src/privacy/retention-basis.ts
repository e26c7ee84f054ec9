/**
 * Why Custos keeps what it keeps about a customer after a deletion request: one lookup,
 * with China's rules as the default. Under PIPL Art. 47 data whose legal retention period
 * has not ended is not deleted; it is kept stored and protected and used for nothing else.
 * The AML Law (2024) Art. 34 keeps customer identification data for at least ten years after
 * the business relationship ends and transaction records for ten years after the transaction.
 */
export const HELD_DATA_CATEGORIES = [
  'identity',
  'email',
  'bank_accounts',
  'transactions',
  'audit_log',
  'complaint_text',
  'restriction_objection_text',
  'case_complaint_text',
  'risk_notice_acknowledgements',
  'privacy_requests',
  'export_bundles',
] as const;
export type HeldDataCategory = (typeof HELD_DATA_CATEGORIES)[number];

export const AML_RETENTION_YEARS = 10;

interface Rule {
  /** Kept for `years` after `from`, or for good (`from: 'always'`), or not kept at all. */
  from: 'relationship_end' | 'last_transaction' | 'always' | 'never' | 'until_answered';
  years: number;
  basis: string;
}

export const RETENTION_RULES_CN: Readonly<Record<HeldDataCategory, Rule>> = {
  identity: {
    from: 'relationship_end',
    years: AML_RETENTION_YEARS,
    basis:
      'AML Law Art. 34: customer identification data kept at least 10 years after the business relationship ends',
  },
  email: { from: 'never', years: 0, basis: 'not customer identification data under the CDD rules' },
  bank_accounts: {
    from: 'last_transaction',
    years: AML_RETENTION_YEARS,
    basis:
      'AML Law Art. 34: the accounts named by transaction records, kept 10 years after the transaction',
  },
  transactions: {
    from: 'last_transaction',
    years: AML_RETENTION_YEARS,
    basis:
      'AML Law Art. 34: transaction records kept 10 years; the ledger is append-only (entries are corrected by reversal, never erased)',
  },
  audit_log: {
    from: 'always',
    years: 0,
    basis: 'the tamper-evident audit log: removing a record would break every later proof',
  },
  complaint_text: {
    from: 'until_answered',
    years: 0,
    basis: 'kept while the complaint is being handled; erased once it is answered',
  },
  restriction_objection_text: {
    from: 'relationship_end',
    years: AML_RETENTION_YEARS,
    basis: 'AML Law Arts. 34 and 39: an objection to a risk measure belongs to the AML records',
  },
  case_complaint_text: {
    from: 'relationship_end',
    years: AML_RETENTION_YEARS,
    basis:
      'AML Law Art. 34: a complaint linked to a case (an alleged unauthorized transaction) is part of the case file',
  },
  risk_notice_acknowledgements: {
    from: 'last_transaction',
    years: AML_RETENTION_YEARS,
    basis:
      'evidence that the product risk disclosure was made before investing, kept with the transaction records',
  },
  privacy_requests: {
    from: 'always',
    years: 0,
    basis: 'PIPL Art. 50: the record of how a request was handled, including this one',
  },
  export_bundles: { from: 'never', years: 0, basis: 'a copy made for the customer; not a record' },
};

export interface RetentionFacts {
  /** When the business relationship ended; null while it lasts. */
  relationshipEndedAtMs: number | null;
  /** The customer's latest transaction; null if none. */
  lastTransactionAtMs: number | null;
  /** For complaint text: whether the complaint is still open. */
  open?: boolean;
}

export interface RetentionDecision {
  category: HeldDataCategory;
  keep: boolean;
  basis: string;
  /** The day the retention ends (YYYY-MM-DD), or null when open-ended or not kept. */
  until: string | null;
}

function plusYears(atMs: number, years: number): Date {
  const date = new Date(atMs);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date;
}

/** Pure: whether data of `category` must be kept at `nowMs`, why, and until when. */
export function retentionDecision(
  category: HeldDataCategory,
  facts: RetentionFacts,
  nowMs: number,
  rules: Readonly<Record<HeldDataCategory, Rule>> = RETENTION_RULES_CN,
): RetentionDecision {
  const rule = rules[category];
  const decision = (keep: boolean, until: Date | null): RetentionDecision => ({
    category,
    keep,
    basis: rule.basis,
    until: until === null ? null : until.toISOString().slice(0, 10),
  });
  switch (rule.from) {
    case 'never':
      return decision(false, null);
    case 'always':
      return decision(true, null);
    case 'until_answered':
      return decision(facts.open === true, null);
    case 'relationship_end': {
      if (facts.relationshipEndedAtMs === null) return decision(true, null);
      const until = plusYears(facts.relationshipEndedAtMs, rule.years);
      return decision(until.getTime() > nowMs, until);
    }
    case 'last_transaction': {
      if (facts.lastTransactionAtMs === null) return decision(false, null);
      const until = plusYears(facts.lastTransactionAtMs, rule.years);
      return decision(until.getTime() > nowMs, until);
    }
  }
}

import type { ReportingEntity } from '../reporting-entity.js';
import type { SubjectProfile } from '../subject-profiles.js';

/** A Custos customer as an export sees it: sealed fields opened, plus the reporting profile. */
export interface ResolvedCustomer {
  customerId: string;
  kind: 'person' | 'entity';
  name: string | undefined;
  idNumber: string | undefined;
  phone: string | undefined;
  profile: SubjectProfile;
}

/**
 * One side of a transaction. `client`: a customer the report is about, with full identity
 * (goAML t_from_my_client / t_to_my_client). `counterparty`: another Custos customer, named
 * only (t_from / t_to with a person or entity). `house`: one of the custodian's own accounts
 * (custody bank, reserve, fees…), as an account of the reporting institution.
 */
export type GoamlParty =
  | { role: 'client'; customer: ResolvedCustomer }
  | { role: 'counterparty'; customer: ResolvedCustomer }
  | { role: 'house'; accountId: string; accountType: string };

export interface GoamlTransaction {
  instructionId: string;
  description: string;
  postedAtMs: number;
  cash: boolean;
  currency: string;
  exponent: number;
  amountMinor: bigint;
  amountCnyMinor: bigint;
  /** CNY per unit in millionths, for foreign-currency transactions. */
  rateMicros: bigint | null;
  from: GoamlParty;
  to: GoamlParty;
}

export interface GoamlReportInput {
  reportCode: 'STR' | 'CTR';
  entity: ReportingEntity;
  entityReference: string;
  fiuRefNumber: string | null;
  reportDateMs: number;
  reason: string;
  action: string;
  indicators: readonly string[];
  transactions: readonly GoamlTransaction[];
  /**
   * Customers the report is about whom no listed transaction involves (goAML report parties,
   * with full identity like a transaction's my-client side).
   */
  reportParties: readonly ResolvedCustomer[];
}

/** An element tree in document order, as fast-xml-parser's builder takes it. */
export type XmlTree = { [element: string]: string | XmlTree | XmlTree[] | string[] };

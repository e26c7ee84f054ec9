import type { Money } from '../api/index.js';

export interface PolRoot {
  treeId: string;
  currency: string;
  date: string;
  height: number;
  customerCount: number;
  rootHash: string;
  rootMaskedSum: string;
  builtAt: string;
  builtBy: string;
}

export interface PolOpening {
  treeId: string;
  currency: string;
  date: string;
  customerCount: number;
  total: Money;
  opening: string;
  rootMaskedSum: string;
  openingMatches: boolean;
  rebuildMatches: boolean;
  safeguarding: {
    asOf: string;
    status: string;
    customerLiabilities: Money;
    difference: Money;
    matches: boolean;
  } | null;
}

export interface TransparencyReport {
  platformId: string;
  platformName: string;
  generatedAt: string;
  customerCount: number;
  currencies: {
    currency: string;
    customerAccounts: number;
    /** Null when withheld: fewer customers in the currency than the report's minimum. */
    custodyBalance: Money | null;
    custodyBalanceWithheld: string | null;
    reserve: Money;
    safeguarding: { asOf: string; status: string } | null;
    proofOfLiabilities: {
      treeId: string;
      date: string;
      customerCount: number;
      rootHash: string;
      rootMaskedSum: string;
    } | null;
  }[];
  lastReconciliation: {
    asOf: string;
    matchCount: number;
    breakCount: number;
    ranAt: string;
  } | null;
  auditCheckpoint: { treeSize: string; rootHash: string; signedAt: string } | null;
}

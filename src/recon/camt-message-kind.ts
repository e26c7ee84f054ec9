import { assert } from '../assert.js';

/**
 * The three bank-to-customer cash messages share the entry structure and differ in element
 * names: camt.053 statement (Stmt), camt.052 intraday report (Rpt), camt.054 debit/credit
 * notification (Ntfctn).
 */

export type CamtKind = 'camt.053' | 'camt.052' | 'camt.054';

export interface CamtKindNames {
  readonly root: string;
  readonly item: string;
  readonly pagination: string;
  readonly information: string;
}

export const CAMT_KIND_NAMES: Readonly<Record<CamtKind, CamtKindNames>> = {
  'camt.053': {
    root: 'BkToCstmrStmt',
    item: 'Stmt',
    pagination: 'StmtPgntn',
    information: 'AddtlStmtInf',
  },
  'camt.052': {
    root: 'BkToCstmrAcctRpt',
    item: 'Rpt',
    pagination: 'RptPgntn',
    information: 'AddtlRptInf',
  },
  'camt.054': {
    root: 'BkToCstmrDbtCdtNtfctn',
    item: 'Ntfctn',
    pagination: 'NtfctnPgntn',
    information: 'AddtlNtfctnInf',
  },
};

/** Message versions this parser has been checked against (001.02 … 001.08). */
export const CAMT_VERSION_MIN = 2;
export const CAMT_VERSION_MAX = 8;
assert(CAMT_VERSION_MIN <= CAMT_VERSION_MAX, 'camt version range');

export interface CamtNamespace {
  readonly kind: CamtKind;
  readonly versionNumber: number;
  /** Full message identifier, for example `camt.053.001.08`. */
  readonly version: string;
}

const NAMESPACE_PATTERN = /urn:iso:std:iso:20022:tech:xsd:(camt\.05[234])\.001\.(\d{2})\b/;

/** Finds the camt namespace in the head of an XML file, or undefined when there is none. */
export function findCamtNamespace(head: string): CamtNamespace | undefined {
  const match = NAMESPACE_PATTERN.exec(head);
  if (match === null) return undefined;
  const kind = match[1] as CamtKind;
  const versionDigits = match[2] ?? '';
  assert(versionDigits.length === 2, 'namespace version has two digits');
  return { kind, versionNumber: Number(versionDigits), version: `${kind}.001.${versionDigits}` };
}

export function camtKindForRoot(rootName: string): CamtKind | undefined {
  for (const kind of Object.keys(CAMT_KIND_NAMES) as CamtKind[]) {
    if (CAMT_KIND_NAMES[kind].root === rootName) return kind;
  }
  return undefined;
}

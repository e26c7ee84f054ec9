import type { LvtrCategory } from '../lvtr-thresholds.js';

/**
 * The codes a CAMLMAC message carries. None is confirmed against the current official
 * interface specification (the reference saw one bank's copy of the templates): the large-
 * value characteristic codes 0501–0504 are believed, not confirmed. They are data, passed to
 * the builder, so a platform can replace them without a code change.
 */
export interface CamlmacCodes {
  /** HTCR.CRCD: the large-value characteristic code of each PBOC Order 3 Art. 5 category. */
  characteristic: Record<LvtrCategory, string>;
  /** TSTP: transaction mode. */
  modeCash: string;
  modeTransfer: string;
  /** CITP: identity document type, PRC resident ID card and "other". */
  idTypeResident: string;
  idTypeOther: string;
  idTypeEntity: string;
  /** BSTR RBIF.DETR urgency and TPTR trigger of a normal report. */
  urgency: string;
  trigger: string;
  /** BSTR RBIF.TOSC suspected crime when the officer names none. */
  suspectedCrime: string;
  /** Written where a field does not apply (no agent, no counterparty ID). */
  notApplicable: string;
}

export const CAMLMAC_CODES_DEFAULT: CamlmacCodes = {
  characteristic: {
    cash: '0501',
    entity_transfer: '0502',
    person_domestic: '0503',
    person_cross_border: '0504',
  },
  modeCash: '000001',
  modeTransfer: '000002',
  idTypeResident: '110001',
  idTypeOther: '119999',
  idTypeEntity: '610099',
  urgency: '01',
  trigger: '01',
  suspectedCrime: '0000',
  notApplicable: '@N',
};

/** CAMLMAC message types: N new, C correction, D deletion (also A, R, I: not produced). */
export type CamlmacMessageType = 'N' | 'C' | 'D';

export function messageTypeOf(purpose: 'new' | 'correction' | 'deletion'): CamlmacMessageType {
  if (purpose === 'correction') return 'C';
  if (purpose === 'deletion') return 'D';
  return 'N';
}

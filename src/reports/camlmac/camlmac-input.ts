import type { GoamlTransaction, ResolvedCustomer } from '../goaml/goaml-input.js';
import type { LvtrCategory } from '../lvtr-thresholds.js';
import type { CamlmacCodes, CamlmacMessageType } from './camlmac-codes.js';

/** A natural person who controls an entity subject (its ultimate beneficial owners). */
export interface CamlmacController {
  name: string;
  nationality: string | null;
  ownershipPercent: number;
}

export interface CamlmacSubject {
  customer: ResolvedCustomer;
  /** Entities: their ultimate beneficial owners as recorded. */
  controllers: readonly CamlmacController[];
}

export interface CamlmacInstitution {
  /** RICD: the reporting institution's code. */
  code: string;
  name: string;
  countryCode: string;
  city: string;
}

interface CamlmacCommon {
  messageType: CamlmacMessageType;
  institution: CamlmacInstitution;
  reportId: string;
  reportDateMs: number;
  /** For corrections and deletions: the FIU's reference of the original. */
  originalReference: string | null;
  codes: CamlmacCodes;
}

/** One HVTR customer block: a customer's total of one direction and category on one day. */
export interface HvtrItem {
  subject: CamlmacSubject;
  businessDate: string;
  direction: 'in' | 'out';
  category: LvtrCategory;
  transactions: readonly GoamlTransaction[];
}

export interface HvtrInput extends CamlmacCommon {
  kind: 'HVTR';
  items: readonly HvtrItem[];
}

export interface BstrInput extends CamlmacCommon {
  kind: 'BSTR';
  /** AOSP: the grounds for suspicion. */
  analysis: string;
  /** STCB: what the customer did (the officer's action text, else the analysis). */
  behaviour: string;
  /** STCR: the suspicion characteristic codes. */
  characteristics: readonly string[];
  subjects: readonly CamlmacSubject[];
  transactions: readonly GoamlTransaction[];
}

export type CamlmacInput = HvtrInput | BstrInput;

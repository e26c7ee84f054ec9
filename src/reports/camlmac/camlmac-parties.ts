import type { GoamlParty, GoamlTransaction, XmlTree } from '../goaml/goaml-input.js';
import { MissingFields } from '../goaml/goaml-parties.js';
import { residentIdBirthDate } from '../goaml/resident-id.js';
import { CST_OFFSET_MS } from '../cst-day.js';
import { decimalOf } from '../goaml/goaml-report.js';
import type { CamlmacCodes } from './camlmac-codes.js';
import type { CamlmacInstitution, CamlmacSubject } from './camlmac-input.js';

export { MissingFields };

/** CAMLMAC writes instants as CST digits: yyyyMMddHHmmss. */
export function camlmacTime(atMs: number): string {
  return new Date(atMs + CST_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

export function camlmacDate(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

function required(value: string | undefined, missing: MissingFields, field: string): string {
  if (value === undefined || value.trim().length === 0) {
    missing.add(field);
    return '-';
  }
  return value.trim();
}

const isResident = (idNumber: string | undefined) =>
  idNumber !== undefined && residentIdBirthDate(idNumber) !== undefined;

/**
 * A customer the report is about (HVTR CATI, BSTR SEIF): name, identity document, country,
 * occupation or business, phone; for entities the legal representative and the controllers
 * (ultimate beneficial owners), at least one of them.
 */
export function subjectFields(
  subject: CamlmacSubject,
  codes: CamlmacCodes,
  missing: MissingFields,
): XmlTree {
  const { customer } = subject;
  const at = (field: string) => `customer[${customer.customerId}].${field}`;
  const profile = customer.profile;
  const entity = customer.kind === 'entity';
  const fields: XmlTree = {
    CTNM: required(customer.name, missing, at('name')),
    CITP: entity
      ? codes.idTypeEntity
      : isResident(customer.idNumber)
        ? codes.idTypeResident
        : codes.idTypeOther,
    CTID: required(customer.idNumber, missing, at('idNumber')),
    CTNT: entity
      ? required(profile.incorporationCountry, missing, at('incorporationCountry'))
      : required(
          profile.nationality ?? (isResident(customer.idNumber) ? 'CN' : undefined),
          missing,
          at('nationality'),
        ),
    CTVC: entity
      ? required(profile.business, missing, at('business'))
      : required(profile.occupation, missing, at('occupation')),
    CCTL: required(customer.phone, missing, at('phone')),
  };
  if (!entity) return fields;
  fields.CRNM = required(profile.representativeName, missing, at('representativeName'));
  if (subject.controllers.length === 0) missing.add(at('controller (a beneficial owner)'));
  fields.CTRLs = {
    CTRL: subject.controllers.map((c, index) => ({
      CTNM: required(c.name, missing, at(`controller[${index}].name`)),
      CTNT: c.nationality ?? codes.notApplicable,
      OWPC: c.ownershipPercent.toFixed(2),
    })),
  };
  return fields;
}

/** Which side of a transaction a subject is on: its money coming in (01) or going out (02). */
export function directionOf(transaction: GoamlTransaction, customerId: string): '01' | '02' | null {
  const holds = (party: GoamlParty) =>
    party.role !== 'house' && party.customer.customerId === customerId;
  if (holds(transaction.to)) return '01';
  if (holds(transaction.from)) return '02';
  return null;
}

function counterpartyOf(
  party: GoamlParty,
  institution: CamlmacInstitution,
  codes: CamlmacCodes,
  missing: MissingFields,
): XmlTree {
  if (party.role === 'house')
    return {
      TCNM: institution.name,
      TCIT: codes.notApplicable,
      TCID: codes.notApplicable,
      TCAC: party.accountId,
    };
  const { customer } = party;
  return {
    TCNM: required(customer.name, missing, `customer[${customer.customerId}].name`),
    TCIT:
      customer.kind === 'entity'
        ? codes.idTypeEntity
        : isResident(customer.idNumber)
          ? codes.idTypeResident
          : codes.idTypeOther,
    TCID: customer.idNumber ?? codes.notApplicable,
    TCAC: customer.customerId,
  };
}

/**
 * One transaction seen from a subject: the institution (RINI), the subject's account (ATIF),
 * the agent (TBIF: none, customers act themselves), the transaction (TSIF) and the
 * counterparty (TCIF).
 */
export function transactionDetail(
  transaction: GoamlTransaction,
  subjectId: string,
  institution: CamlmacInstitution,
  codes: CamlmacCodes,
  missing: MissingFields,
): XmlTree {
  const direction = directionOf(transaction, subjectId);
  if (direction === null) missing.add(`transactions[${transaction.instructionId}].subject`);
  const other = direction === '01' ? transaction.from : transaction.to;
  return {
    RINI: { FINC: institution.code, FINN: institution.name },
    ATIF: { CTAC: subjectId },
    TBIF: { TBNM: codes.notApplicable },
    TSIF: {
      TSTM: camlmacTime(transaction.postedAtMs),
      TRCD: `${institution.countryCode} ${institution.city}`.trim(),
      TICD: transaction.instructionId,
      TSTP: transaction.cash ? codes.modeCash : codes.modeTransfer,
      TSDR: direction ?? '-',
      CRSP: transaction.description.slice(0, 500),
      CRTP: transaction.currency,
      CRAT: decimalOf(transaction.amountMinor, transaction.exponent),
    },
    TCIF: counterpartyOf(other, institution, codes, missing),
  };
}

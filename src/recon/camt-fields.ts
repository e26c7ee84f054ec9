import { assert } from '../assert.js';
import { parseIsoDate, parseIsoDateTime } from './calendar-date.js';
import { decimalToMinor } from './decimal-amount.js';
import { failParse } from './parse-result.js';
import type { BankTransactionCode, Party } from './statement.js';
import { xmlAttribute, xmlChild, xmlHasChildElements, xmlPathText, xmlText } from './xml-node.js';

/** Field readers shared by the camt statement, balance, entry and detail readers. */

export function camtOptionalText(node: unknown, name: string): string | undefined {
  return xmlText(xmlChild(node, name));
}

export function camtRequiredText(node: unknown, name: string, path: string): string {
  const text = camtOptionalText(node, name);
  if (text === undefined) failParse('missing_element', `${path}/${name} is missing`, { path });
  return text;
}

export interface CamtAmount {
  /** Unsigned: camt amounts carry their direction in CdtDbtInd. */
  readonly magnitudeMinor: bigint;
  readonly currency: string;
}

/** Reads `<Amt Ccy="EUR">12.34</Amt>` (or any element of that shape) into minor units. */
export function camtReadAmount(amountNode: unknown, path: string): CamtAmount {
  // Mixed content such as `1<x/>2` would otherwise read as 12.
  if (xmlHasChildElements(amountNode)) {
    failParse('bad_amount', `${path} contains elements, not an amount`, { path });
  }
  const text = xmlText(amountNode);
  if (text === undefined) failParse('missing_element', `${path} has no amount`, { path });
  const currency = xmlAttribute(amountNode, 'Ccy');
  if (currency === undefined) failParse('missing_element', `${path} has no Ccy`, { path });
  const converted = decimalToMinor(text, currency);
  if (!converted.ok) {
    failParse(converted.error.code, `${path}: ${converted.error.message}`, { path });
  }
  assert(converted.amountMinor >= 0n, 'camt amounts are unsigned');
  return { magnitudeMinor: converted.amountMinor, currency };
}

/** CRDT → 1n, DBIT → -1n. */
export function camtReadDirection(node: unknown, path: string): 1n | -1n {
  const indicator = camtRequiredText(node, 'CdtDbtInd', path);
  if (indicator === 'CRDT') return 1n;
  if (indicator === 'DBIT') return -1n;
  return failParse('bad_value', `${path}/CdtDbtInd is '${indicator}', not CRDT or DBIT`, { path });
}

/** Reads a DateAndDateTimeChoice (`<Dt>` or `<DtTm>`) as a calendar date. */
export function camtReadDateChoice(choiceNode: unknown, path: string): string | undefined {
  if (choiceNode === undefined) return undefined;
  const dateText = camtOptionalText(choiceNode, 'Dt');
  if (dateText !== undefined) {
    const date = parseIsoDate(dateText) ?? parseIsoDateTime(dateText);
    if (date === undefined) {
      failParse('bad_date', `${path}/Dt '${dateText}' is not a date`, { path });
    }
    return date;
  }
  const dateTimeText = camtOptionalText(choiceNode, 'DtTm');
  if (dateTimeText === undefined) return undefined;
  const date = parseIsoDateTime(dateTimeText) ?? parseIsoDate(dateTimeText);
  if (date === undefined) {
    failParse('bad_date', `${path}/DtTm '${dateTimeText}' is not a date-time`, { path });
  }
  return date;
}

/** Validates an ISO date-time and returns it as written. */
export function camtReadDateTime(node: unknown, name: string, path: string): string | undefined {
  const text = camtOptionalText(node, name);
  if (text === undefined) return undefined;
  if (parseIsoDateTime(text) === undefined && parseIsoDate(text) === undefined) {
    failParse('bad_date', `${path}/${name} '${text}' is not an ISO date-time`, { path });
  }
  return text;
}

/** Reads an unsigned integer such as ElctrncSeqNb (up to 18 digits, hence bigint). */
export function camtReadSequence(node: unknown, name: string, path: string): bigint | undefined {
  const text = camtOptionalText(node, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,18}$/.test(text)) {
    failParse('bad_value', `${path}/${name} '${text}' is not a sequence number`, { path });
  }
  return BigInt(text);
}

export function camtReadSmallNumber(node: unknown, name: string, path: string): number | undefined {
  const text = camtOptionalText(node, name);
  if (text === undefined) return undefined;
  if (!/^\d{1,15}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    failParse('bad_value', `${path}/${name} '${text}' is not a count`, { path });
  }
  return Number(text);
}

export function camtReadIndicator(node: unknown, name: string, path: string): boolean | undefined {
  const text = camtOptionalText(node, name);
  if (text === undefined) return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return failParse('bad_value', `${path}/${name} '${text}' is not true or false`, { path });
}

/** Account identification: IBAN, or the first Othr/Id. */
export function camtReadAccountId(accountNode: unknown): { iban?: string; otherId?: string } {
  const idNode = xmlChild(accountNode, 'Id');
  const iban = camtOptionalText(idNode, 'IBAN');
  if (iban !== undefined) return { iban };
  const otherId = xmlPathText(idNode, ['Othr', 'Id']);
  return otherId === undefined ? {} : { otherId };
}

/**
 * A related party: v02 puts the name directly under Dbtr/Cdtr, v08 wraps it in Pty.
 * The account comes from the sibling DbtrAcct/CdtrAcct, the BIC from RltdAgts.
 */
export function camtReadParty(
  partyNode: unknown,
  accountNode: unknown,
  agentNode: unknown,
): Party | undefined {
  const name = camtOptionalText(partyNode, 'Nm') ?? xmlPathText(partyNode, ['Pty', 'Nm']);
  const { iban, otherId } = camtReadAccountId(accountNode);
  const institution = xmlChild(agentNode, 'FinInstnId');
  const bic = camtOptionalText(institution, 'BICFI') ?? camtOptionalText(institution, 'BIC');
  const party: Party = definedOnly({ name, account: iban ?? otherId, bic });
  return Object.keys(party).length === 0 ? undefined : party;
}

/** BkTxCd: the ISO domain/family/sub-family triple and/or a proprietary code. */
export function camtReadBankTransactionCode(node: unknown): BankTransactionCode {
  const codeNode = xmlChild(node, 'BkTxCd');
  if (codeNode === undefined) return {};
  const domainNode = xmlChild(codeNode, 'Domn');
  const familyNode = xmlChild(domainNode, 'Fmly');
  const proprietaryNode = xmlChild(codeNode, 'Prtry');
  const fields: Record<string, string | undefined> = {
    domain: camtOptionalText(domainNode, 'Cd'),
    family: camtOptionalText(familyNode, 'Cd'),
    subFamily: camtOptionalText(familyNode, 'SubFmlyCd'),
    proprietary: camtOptionalText(proprietaryNode, 'Cd'),
    proprietaryIssuer: camtOptionalText(proprietaryNode, 'Issr'),
  };
  return definedOnly(fields);
}

/** Drops undefined values so optional fields are absent rather than present-and-undefined. */
export function definedOnly<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) {
    if (fields[key] !== undefined) result[key] = fields[key];
  }
  return result;
}

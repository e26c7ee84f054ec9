import { assert } from '../assert.js';
import { parseIsoDate, parseIsoDateTime } from './calendar-date.js';
import { CAMT_ENTRY_SHAPE, CAMT_ENTRY_SLOT_COUNT, CAMT_ENTRY_SLOTS } from './camt-entry-shape.js';
import type { ShapeNode } from './camt-entry-shape.js';
import { camtDirection, type CamtReversalSign } from './camt-sign.js';
import { decimalToMinor } from './decimal-amount.js';
import { REMITTANCE_LINES_MAX } from './limits.js';
import type {
  BankTransactionCode,
  EntryDetail,
  EntryReferences,
  EntryStatus,
  Party,
  StatementEntryDraft,
} from './statement.js';
import { XML_TEXT_CHARS_MAX } from './xml-limits.js';

/**
 * Reads an Ntry straight from the scanner's tokens into an entry draft, without building the
 * element tree the general readers walk. It reads the common shapes (one or no transaction,
 * unstructured remittance) and gives the same draft the tree readers give; anything else —
 * a batch, structured remittance, a value the readers would refuse — makes `finish` (or
 * `start`) answer 'handover', and the caller reads that entry again with the tree readers,
 * which also word every error. So the tree readers stay the one definition of an entry and
 * this reader only ever agrees with them (camt-entry-direct.test.ts checks it on generated
 * and mutated documents).
 */

const S = CAMT_ENTRY_SLOTS;
const TEXT_CHARS_MAX = XML_TEXT_CHARS_MAX;
const SLOT_COUNT = CAMT_ENTRY_SLOT_COUNT;
const NOT_PROVIDED = 'NOTPROVIDED';
const STATUS_CODES: Readonly<Record<string, EntryStatus>> = {
  BOOK: 'booked',
  PDNG: 'pending',
  FUTR: 'pending',
  INFO: 'info',
};

function leaf(node: ShapeNode, ...path: string[]): number {
  let current: ShapeNode | undefined = node;
  for (const name of path) current = current?.children.get(name);
  assert(current !== undefined && current.keepsText, `shape has ${path.join('/')}`);
  return current.slot;
}

const CODE_SLOTS = (code: typeof S.entryCode) => ({
  domain: leaf(code.node, 'Domn', 'Cd'),
  family: leaf(code.node, 'Domn', 'Fmly', 'Cd'),
  subFamily: leaf(code.node, 'Domn', 'Fmly', 'SubFmlyCd'),
  proprietary: leaf(code.node, 'Prtry', 'Cd'),
  proprietaryIssuer: leaf(code.node, 'Prtry', 'Issr'),
});
const ENTRY_CODE = CODE_SLOTS(S.entryCode);
const DETAIL_CODE = CODE_SLOTS(S.detailCode);
const AMOUNT_SLOTS = new Set([S.amount.slot, S.detailAmount.slot, S.detailAmountDetails.slot]);
const TRANSACTION_SLOT = CAMT_ENTRY_SHAPE.children.get('NtryDtls')?.children.get('TxDtls')?.slot;
assert(TRANSACTION_SLOT !== undefined, 'shape has NtryDtls/TxDtls');

export type DirectOutcome = 'ok' | 'handover';

export class CamtEntryDirectReader {
  private readonly texts: (string | undefined)[] = new Array<string | undefined>(SLOT_COUNT);
  private readonly counts = new Uint32Array(SLOT_COUNT);
  private readonly currencies = new Map<number, string | undefined>();
  private readonly lines: string[] = [];
  /** Shape nodes of the open elements below Ntry; null while inside a skipped element. */
  private readonly open: (ShapeNode | null)[] = [];
  private readonly openText: string[] = [];
  private skippedTextChars = 0;

  constructor(private readonly reversalSign: CamtReversalSign) {}

  begin(): void {
    this.texts.fill(undefined);
    this.counts.fill(0);
    this.currencies.clear();
    this.lines.length = 0;
    this.open.length = 0;
    this.openText.length = 0;
    this.open.push(CAMT_ENTRY_SHAPE);
    this.openText.push('');
    this.skippedTextChars = 0;
  }

  start(name: string, attributes: readonly string[]): DirectOutcome {
    const parent = this.open[this.open.length - 1];
    assert(parent !== undefined, 'an entry is being read');
    const child = parent === null ? undefined : parent.children.get(name);
    if (parent !== null && AMOUNT_SLOTS.has(parent.slot)) return 'handover';
    if (child === undefined) return this.push(null);
    const seen = (this.counts[child.slot] ?? 0) + 1;
    this.counts[child.slot] = seen;
    if (child.repeats === 'refuse' || (seen > 1 && child.repeats === 'once')) return 'handover';
    if (seen > 1 && child.repeats === 'first') return this.push(null);
    if (AMOUNT_SLOTS.has(child.slot)) this.currencies.set(child.slot, attribute(attributes, 'Ccy'));
    return this.push(child);
  }

  text(content: string): DirectOutcome {
    const node = this.open[this.open.length - 1];
    const top = this.openText.length - 1;
    if (node === null || node === undefined || !node.keepsText) {
      this.skippedTextChars += content.length;
      return this.skippedTextChars > TEXT_CHARS_MAX ? 'handover' : 'ok';
    }
    const joined = (this.openText[top] as string) + content;
    if (joined.length > TEXT_CHARS_MAX) return 'handover';
    this.openText[top] = joined;
    return 'ok';
  }

  end(): void {
    const node = this.open.pop();
    const content = this.openText.pop() as string;
    assert(node !== undefined && this.open.length > 0, 'an element inside the entry closes');
    if (node === null || !node.keepsText) return;
    if (node.repeats === 'collect') this.lines.push(content);
    else this.texts[node.slot] = content;
  }

  /** Closes the Ntry: the draft, or undefined when the tree readers must read the entry. */
  finish(): StatementEntryDraft | undefined {
    const ntry = this.open.pop();
    assert(ntry === CAMT_ENTRY_SHAPE && this.open.length === 0, 'the Ntry closes last');
    this.texts[CAMT_ENTRY_SHAPE.slot] = this.openText.pop();
    if (this.counts[S.amount.slot] === 0) return undefined;
    const amount = this.amount(S.amount.slot);
    const indicator = direction(this.value(S.indicator.slot));
    const reversal = indicatorValue(this.value(S.reversal.slot));
    const status = this.status();
    const bookingDate = dateChoice(
      this.value(S.bookingDate.slot),
      this.value(S.bookingDateTime.slot),
    );
    const valueDate = dateChoice(this.value(S.valueDate.slot), this.value(S.valueDateTime.slot));
    if (amount === undefined || indicator === undefined || reversal === undefined) return undefined;
    if (status === undefined || bookingDate === false || valueDate === false) return undefined;
    const { bookedSign, originalSign } = camtDirection(indicator, reversal, this.reversalSign);
    let single: EntryDetail | undefined;
    if (this.counts[TRANSACTION_SLOT as number] === 1) {
      single = this.detail(indicator, reversal);
      if (single === undefined) return undefined;
    }
    const counterparty: Party = (originalSign === 1n ? single?.debtor : single?.creditor) ?? {};
    const remittanceText = single?.remittanceText ?? this.value(S.additionalInformation.slot);
    const own = definedOnly({
      entryReference: this.value(S.entryReference.slot),
      accountServicerReference: this.value(S.accountServicerReference.slot),
    });
    const entry: StatementEntryDraft = {
      amountMinor: bookedSign * amount.magnitudeMinor,
      currency: amount.currency,
      bookingDate: bookingDate ?? null,
      valueDate: valueDate ?? null,
      status,
      reversal,
      bankTransactionCode: this.code(ENTRY_CODE),
      references: single === undefined ? own : { ...single.references, ...own },
      ...(remittanceText === undefined ? {} : { remittanceText }),
      counterparty,
      details: single === undefined ? [] : [single],
    };
    assert(entry.amountMinor === 0n || entry.amountMinor > 0n === (bookedSign === 1n), 'sign');
    return entry;
  }

  private push(node: ShapeNode | null): DirectOutcome {
    this.open.push(node);
    this.openText.push('');
    return 'ok';
  }

  /** Text of the first element at a slot's path; an empty element counts as absent. */
  private value(slot: number): string | undefined {
    const text = this.texts[slot];
    return text === '' ? undefined : text;
  }

  private amount(slot: number): { magnitudeMinor: bigint; currency: string } | undefined {
    const text = this.value(slot);
    const currency = this.currencies.get(slot);
    if (text === undefined || currency === undefined) return undefined;
    const converted = decimalToMinor(text, currency);
    if (!converted.ok || converted.amountMinor < 0n) return undefined;
    return { magnitudeMinor: converted.amountMinor, currency };
  }

  private status(): EntryStatus | undefined {
    const code =
      this.value(S.status.slot) ??
      this.value(S.statusCode.slot) ??
      this.value(S.statusProprietary.slot);
    if (code === undefined || !Object.hasOwn(STATUS_CODES, code)) return undefined;
    return STATUS_CODES[code];
  }

  private code(slots: typeof ENTRY_CODE): BankTransactionCode {
    return definedOnly({
      domain: this.value(slots.domain),
      family: this.value(slots.family),
      subFamily: this.value(slots.subFamily),
      proprietary: this.value(slots.proprietary),
      proprietaryIssuer: this.value(slots.proprietaryIssuer),
    });
  }

  private detail(indicator: 1n | -1n, reversal: boolean): EntryDetail | undefined {
    let amountFields: { amountMinor: bigint; currency: string } | undefined;
    const amountSlot =
      this.counts[S.detailAmount.slot] !== 0
        ? S.detailAmount.slot
        : this.counts[S.detailAmountDetails.slot] !== 0
          ? S.detailAmountDetails.slot
          : undefined;
    if (amountSlot !== undefined) {
      const amount = this.amount(amountSlot);
      if (amount === undefined) return undefined;
      const ownIndicatorText = this.value(S.detailIndicator.slot);
      const ownIndicator = ownIndicatorText === undefined ? indicator : direction(ownIndicatorText);
      if (ownIndicator === undefined) return undefined;
      const { bookedSign } = camtDirection(ownIndicator, reversal, this.reversalSign);
      amountFields = { amountMinor: bookedSign * amount.magnitudeMinor, currency: amount.currency };
    }
    if (this.lines.length > REMITTANCE_LINES_MAX) return undefined;
    const lines = this.lines.filter((line) => line !== '');
    const remittanceText =
      lines.length > 0 ? lines.join(' ') : this.value(S.additionalTransactionInformation.slot);
    const endToEndId = this.value(S.endToEndId.slot);
    const references: EntryReferences = definedOnly({
      endToEndId: endToEndId === NOT_PROVIDED ? undefined : endToEndId,
      accountServicerReference: this.value(S.refAccountServicerReference.slot),
      uetr: this.value(S.uetr.slot),
      instructionId: this.value(S.instructionId.slot),
      paymentInformationId: this.value(S.paymentInformationId.slot),
      transactionId: this.value(S.transactionId.slot),
      messageId: this.value(S.messageId.slot),
      mandateId: this.value(S.mandateId.slot),
    });
    const bankTransactionCode = this.code(DETAIL_CODE);
    const debtor = this.party(S.debtor);
    const creditor = this.party(S.creditor);
    return {
      ...amountFields,
      references,
      ...(Object.keys(bankTransactionCode).length === 0 ? {} : { bankTransactionCode }),
      ...(debtor === undefined ? {} : { debtor }),
      ...(creditor === undefined ? {} : { creditor }),
      ...(remittanceText === undefined ? {} : { remittanceText }),
    };
  }

  private party(shape: typeof S.debtor): Party | undefined {
    const name = this.value(shape.partyName.slot) ?? this.value(shape.nestedName.slot);
    const iban = this.value(shape.iban.slot);
    const account = iban ?? this.value(shape.otherId.slot);
    const bic = this.value(shape.bicfi.slot) ?? this.value(shape.bic.slot);
    const party: Party = definedOnly({ name, account, bic });
    return Object.keys(party).length === 0 ? undefined : party;
  }
}

function attribute(attributes: readonly string[], name: string): string | undefined {
  for (let index = 0; index + 1 < attributes.length; index += 2) {
    if (attributes[index] === name) return attributes[index + 1];
  }
  return undefined;
}

function direction(text: string | undefined): 1n | -1n | undefined {
  if (text === 'CRDT') return 1n;
  if (text === 'DBIT') return -1n;
  return undefined;
}

function indicatorValue(text: string | undefined): boolean | undefined {
  if (text === undefined || text === 'false' || text === '0') return false;
  if (text === 'true' || text === '1') return true;
  return undefined;
}

/** A DateAndDateTimeChoice as camtReadDateChoice reads it; false where it would refuse. */
function dateChoice(
  dateText: string | undefined,
  dateTimeText: string | undefined,
): string | undefined | false {
  if (dateText !== undefined) return parseIsoDate(dateText) ?? parseIsoDateTime(dateText) ?? false;
  if (dateTimeText === undefined) return undefined;
  return parseIsoDateTime(dateTimeText) ?? parseIsoDate(dateTimeText) ?? false;
}

function definedOnly<T extends Record<string, string | undefined>>(fields: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key in fields) if (fields[key] !== undefined) result[key] = fields[key];
  return result;
}

import { assert } from '../assert.js';
import { parseIsoDate, parseIsoDateTime } from './calendar-date.js';
import { CAMT_ENTRY_SHAPE, CAMT_ENTRY_SLOT_COUNT, CAMT_ENTRY_SLOTS } from './camt-entry-shape.js';
import type { ShapeNode } from './camt-entry-shape.js';
import type { CamtReversalSign } from './camt-sign.js';
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
import { ENTRY_SHELL_INDEX, type Mutable, type StatementEntryShell } from './entry-shell.js';
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
 *
 * Results are built field by field in the readers' key order (a spread or a loop over an
 * object literal costs more than the entry itself), and the draft is an entry shell
 * (build-statement.ts) that buildStatement completes in place.
 */

const S = CAMT_ENTRY_SLOTS;
const TEXT_CHARS_MAX = XML_TEXT_CHARS_MAX;
const SLOT_COUNT = CAMT_ENTRY_SLOT_COUNT;
const LINES_MAX = REMITTANCE_LINES_MAX;
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

interface CodeSlots {
  readonly domain: number;
  readonly family: number;
  readonly subFamily: number;
  readonly proprietary: number;
  readonly proprietaryIssuer: number;
}

const CODE_SLOTS = (code: typeof S.entryCode): CodeSlots => ({
  domain: leaf(code.node, 'Domn', 'Cd'),
  family: leaf(code.node, 'Domn', 'Fmly', 'Cd'),
  subFamily: leaf(code.node, 'Domn', 'Fmly', 'SubFmlyCd'),
  proprietary: leaf(code.node, 'Prtry', 'Cd'),
  proprietaryIssuer: leaf(code.node, 'Prtry', 'Issr'),
});
const ENTRY_CODE = CODE_SLOTS(S.entryCode);
const DETAIL_CODE = CODE_SLOTS(S.detailCode);
const AMOUNT_SLOT = S.amount.slot;
const DETAIL_AMOUNT_SLOT = S.detailAmount.slot;
const DETAIL_AMOUNT_DETAILS_SLOT = S.detailAmountDetails.slot;
/** 1 at the slots of amount elements: they carry Ccy and may hold no child elements. */
const IS_AMOUNT = new Uint8Array(SLOT_COUNT);
for (const slot of [AMOUNT_SLOT, DETAIL_AMOUNT_SLOT, DETAIL_AMOUNT_DETAILS_SLOT]) {
  IS_AMOUNT[slot] = 1;
}
const TRANSACTION_SLOT = CAMT_ENTRY_SHAPE.children.get('NtryDtls')?.children.get('TxDtls')?.slot;
assert(TRANSACTION_SLOT !== undefined, 'shape has NtryDtls/TxDtls');
const TRANSACTION = TRANSACTION_SLOT;

export type DirectOutcome = 'ok' | 'handover';

export class CamtEntryDirectReader {
  private readonly texts: (string | undefined)[] = new Array<string | undefined>(SLOT_COUNT);
  private readonly counts = new Uint32Array(SLOT_COUNT);
  /** Ccy of the amount element at a slot (IS_AMOUNT), undefined when absent. */
  private readonly currencies: (string | undefined)[] = new Array<string | undefined>(SLOT_COUNT);
  private readonly lines: string[] = [];
  /** Shape nodes of the open elements, Ntry first; null while inside a skipped element. */
  private readonly open: (ShapeNode | null)[] = [];
  /** Text gathered so far in each open element, beside `open`. */
  private readonly openText: string[] = [];
  /** Open elements, Ntry included: the used length of `open` and `openText`. */
  private depth = 0;
  private skippedTextChars = 0;

  constructor(private readonly reversalSign: CamtReversalSign) {}

  begin(): void {
    this.texts.fill(undefined);
    this.counts.fill(0);
    this.currencies[AMOUNT_SLOT] = undefined;
    this.currencies[DETAIL_AMOUNT_SLOT] = undefined;
    this.currencies[DETAIL_AMOUNT_DETAILS_SLOT] = undefined;
    this.lines.length = 0;
    this.open[0] = CAMT_ENTRY_SHAPE;
    this.openText[0] = '';
    this.depth = 1;
    this.skippedTextChars = 0;
  }

  start(name: string, attributes: readonly string[]): DirectOutcome {
    assert(this.depth > 0, 'an entry is being read');
    const parent = this.open[this.depth - 1] as ShapeNode | null;
    if (parent === null) return this.push(null);
    if (IS_AMOUNT[parent.slot] === 1) return 'handover';
    const child = parent.children.get(name);
    if (child === undefined) return this.push(null);
    const slot = child.slot;
    const seen = (this.counts[slot] as number) + 1;
    this.counts[slot] = seen;
    const repeats = child.repeats;
    if (repeats === 'refuse' || (seen > 1 && repeats === 'once')) return 'handover';
    if (seen > 1 && repeats === 'first') return this.push(null);
    if (IS_AMOUNT[slot] === 1) this.currencies[slot] = attribute(attributes, 'Ccy');
    return this.push(child);
  }

  text(content: string): DirectOutcome {
    const top = this.depth - 1;
    const node = this.open[top];
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
    const top = this.depth - 1;
    assert(top > 0, 'an element inside the entry closes');
    const node = this.open[top] as ShapeNode | null;
    const content = this.openText[top] as string;
    this.depth = top;
    if (node === null || !node.keepsText) return;
    if (node.repeats === 'collect') this.lines.push(content);
    else this.texts[node.slot] = content;
  }

  /** Closes the Ntry: the draft, or undefined when the tree readers must read the entry. */
  finish(): StatementEntryDraft | undefined {
    assert(this.depth === 1 && this.open[0] === CAMT_ENTRY_SHAPE, 'the Ntry closes last');
    this.depth = 0;
    if (this.counts[AMOUNT_SLOT] === 0) return undefined;
    const magnitudeMinor = this.magnitude(AMOUNT_SLOT);
    const indicator = direction(this.value(S.indicator.slot));
    const reversal = indicatorValue(this.value(S.reversal.slot));
    const status = this.status();
    const bookingDate = dateChoice(
      this.value(S.bookingDate.slot),
      this.value(S.bookingDateTime.slot),
    );
    const valueDate = dateChoice(this.value(S.valueDate.slot), this.value(S.valueDateTime.slot));
    if (magnitudeMinor === undefined || indicator === undefined || reversal === undefined) {
      return undefined;
    }
    if (status === undefined || bookingDate === false || valueDate === false) return undefined;
    // camtDirection (camt-sign.ts), unrolled: the sign of the booking and of the operation.
    const flips = reversal && this.reversalSign === 'flip';
    const bookedSign = flips ? -indicator : indicator;
    const originalSign = reversal && !flips ? -indicator : indicator;
    let single: EntryDetail | undefined;
    if (this.counts[TRANSACTION] === 1) {
      single = this.detail(indicator, reversal);
      if (single === undefined) return undefined;
    }
    const counterparty: Party = (originalSign === 1 ? single?.debtor : single?.creditor) ?? {};
    const remittanceText = single?.remittanceText ?? this.value(S.additionalInformation.slot);
    const amountMinor = bookedSign === 1 ? magnitudeMinor : -magnitudeMinor;
    assert(amountMinor === 0n || amountMinor > 0n === (bookedSign === 1), 'sign');
    const currency = this.currencies[AMOUNT_SLOT] as string;
    const bankTransactionCode = this.code(ENTRY_CODE) ?? {};
    const references = this.entryReferences(single);
    const details = single === undefined ? [] : [single];
    // StatementEntry's key order, remittanceText where the readers put it.
    const entry: StatementEntryShell =
      remittanceText === undefined
        ? {
            index: ENTRY_SHELL_INDEX,
            amountMinor,
            currency,
            bookingDate: bookingDate ?? null,
            valueDate: valueDate ?? null,
            status,
            reversal,
            bankTransactionCode,
            references,
            counterparty,
            details,
            fingerprint: '',
          }
        : {
            index: ENTRY_SHELL_INDEX,
            amountMinor,
            currency,
            bookingDate: bookingDate ?? null,
            valueDate: valueDate ?? null,
            status,
            reversal,
            bankTransactionCode,
            references,
            remittanceText,
            counterparty,
            details,
            fingerprint: '',
          };
    return entry;
  }

  private push(node: ShapeNode | null): DirectOutcome {
    const depth = this.depth;
    this.open[depth] = node;
    this.openText[depth] = '';
    this.depth = depth + 1;
    return 'ok';
  }

  /** Text of the first element at a slot's path; an empty element counts as absent. */
  private value(slot: number): string | undefined {
    const text = this.texts[slot];
    return text === '' ? undefined : text;
  }

  /** The unsigned amount at an amount slot in minor units; undefined where readers refuse. */
  private magnitude(slot: number): bigint | undefined {
    const text = this.value(slot);
    const currency = this.currencies[slot];
    if (text === undefined || currency === undefined) return undefined;
    const converted = decimalToMinor(text, currency);
    if (!converted.ok || converted.amountMinor < 0n) return undefined;
    return converted.amountMinor;
  }

  private status(): EntryStatus | undefined {
    const code =
      this.value(S.status.slot) ??
      this.value(S.statusCode.slot) ??
      this.value(S.statusProprietary.slot);
    if (code === undefined || !Object.hasOwn(STATUS_CODES, code)) return undefined;
    return STATUS_CODES[code];
  }

  /**
   * camtEntryReferences: the transaction's references, then the entry's own over them (an
   * entry's AcctSvcrRef keeps the transaction's key position when both are there).
   */
  private entryReferences(single: EntryDetail | undefined): EntryReferences {
    const entryReference = this.value(S.entryReference.slot);
    const servicerReference = this.value(S.accountServicerReference.slot);
    const references: Mutable<EntryReferences> =
      single === undefined ? {} : this.detailReferences(servicerReference);
    if (entryReference !== undefined) references.entryReference = entryReference;
    if (servicerReference !== undefined) references.accountServicerReference = servicerReference;
    return references;
  }

  /** The code's fields in the readers' order; undefined when it has none. */
  private code(slots: CodeSlots): BankTransactionCode | undefined {
    const domain = this.value(slots.domain);
    const family = this.value(slots.family);
    const subFamily = this.value(slots.subFamily);
    const proprietary = this.value(slots.proprietary);
    const proprietaryIssuer = this.value(slots.proprietaryIssuer);
    if (proprietary === undefined && proprietaryIssuer === undefined) {
      if (domain === undefined && family === undefined && subFamily === undefined) {
        return undefined;
      }
      if (domain !== undefined && family !== undefined && subFamily !== undefined) {
        return { domain, family, subFamily };
      }
    }
    const code: Mutable<BankTransactionCode> = {};
    if (domain !== undefined) code.domain = domain;
    if (family !== undefined) code.family = family;
    if (subFamily !== undefined) code.subFamily = subFamily;
    if (proprietary !== undefined) code.proprietary = proprietary;
    if (proprietaryIssuer !== undefined) code.proprietaryIssuer = proprietaryIssuer;
    return code;
  }

  private detail(indicator: 1 | -1, reversal: boolean): EntryDetail | undefined {
    const amountSlot =
      this.counts[DETAIL_AMOUNT_SLOT] !== 0
        ? DETAIL_AMOUNT_SLOT
        : this.counts[DETAIL_AMOUNT_DETAILS_SLOT] !== 0
          ? DETAIL_AMOUNT_DETAILS_SLOT
          : -1;
    let amountMinor: bigint | undefined;
    if (amountSlot !== -1) {
      const magnitudeMinor = this.magnitude(amountSlot);
      if (magnitudeMinor === undefined) return undefined;
      const ownIndicatorText = this.value(S.detailIndicator.slot);
      const ownIndicator = ownIndicatorText === undefined ? indicator : direction(ownIndicatorText);
      if (ownIndicator === undefined) return undefined;
      const bookedSign = reversal && this.reversalSign === 'flip' ? -ownIndicator : ownIndicator;
      amountMinor = bookedSign === 1 ? magnitudeMinor : -magnitudeMinor;
    }
    if (this.lines.length > LINES_MAX) return undefined;
    const references = this.detailReferences();
    // The readers' key order: amount and currency (when given), then references.
    const detail: Mutable<EntryDetail> =
      amountMinor === undefined
        ? { references }
        : { amountMinor, currency: this.currencies[amountSlot] as string, references };
    const bankTransactionCode = this.code(DETAIL_CODE);
    if (bankTransactionCode !== undefined) detail.bankTransactionCode = bankTransactionCode;
    const debtor = this.party(S.debtor);
    if (debtor !== undefined) detail.debtor = debtor;
    const creditor = this.party(S.creditor);
    if (creditor !== undefined) detail.creditor = creditor;
    const remittanceText =
      this.remittanceLines() ?? this.value(S.additionalTransactionInformation.slot);
    if (remittanceText !== undefined) detail.remittanceText = remittanceText;
    return detail;
  }

  /** The non-empty Ustrd lines joined by a space, undefined when there is none. */
  private remittanceLines(): string | undefined {
    const lines = this.lines;
    let joined: string | undefined;
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as string;
      if (line === '') continue;
      joined = joined === undefined ? line : `${joined} ${line}`;
    }
    return joined;
  }

  /**
   * The transaction's references in the readers' key order; `servicerOverride`, when given,
   * stands in for the transaction's own AcctSvcrRef value.
   */
  private detailReferences(servicerOverride?: string): Mutable<EntryReferences> {
    const references: Mutable<EntryReferences> = {};
    const endToEndId = this.value(S.endToEndId.slot);
    if (endToEndId !== undefined && endToEndId !== NOT_PROVIDED) {
      references.endToEndId = endToEndId;
    }
    const servicerReference = this.value(S.refAccountServicerReference.slot);
    if (servicerReference !== undefined) {
      references.accountServicerReference = servicerOverride ?? servicerReference;
    }
    const uetr = this.value(S.uetr.slot);
    if (uetr !== undefined) references.uetr = uetr;
    const instructionId = this.value(S.instructionId.slot);
    if (instructionId !== undefined) references.instructionId = instructionId;
    const paymentInformationId = this.value(S.paymentInformationId.slot);
    if (paymentInformationId !== undefined) references.paymentInformationId = paymentInformationId;
    const transactionId = this.value(S.transactionId.slot);
    if (transactionId !== undefined) references.transactionId = transactionId;
    const messageId = this.value(S.messageId.slot);
    if (messageId !== undefined) references.messageId = messageId;
    const mandateId = this.value(S.mandateId.slot);
    if (mandateId !== undefined) references.mandateId = mandateId;
    return references;
  }

  private party(shape: typeof S.debtor): Party | undefined {
    const name = this.value(shape.partyName.slot) ?? this.value(shape.nestedName.slot);
    const account = this.value(shape.iban.slot) ?? this.value(shape.otherId.slot);
    const bic = this.value(shape.bicfi.slot) ?? this.value(shape.bic.slot);
    if (name === undefined && account === undefined && bic === undefined) return undefined;
    const party: Mutable<Party> = {};
    if (name !== undefined) party.name = name;
    if (account !== undefined) party.account = account;
    if (bic !== undefined) party.bic = bic;
    return party;
  }
}

function attribute(attributes: readonly string[], name: string): string | undefined {
  for (let index = 0; index + 1 < attributes.length; index += 2) {
    if (attributes[index] === name) return attributes[index + 1];
  }
  return undefined;
}

function direction(text: string | undefined): 1 | -1 | undefined {
  if (text === 'CRDT') return 1;
  if (text === 'DBIT') return -1;
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

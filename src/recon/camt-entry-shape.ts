/**
 * The elements of an Ntry that the entry readers (camt-entry.ts, camt-transaction-details.ts,
 * camt-fields.ts) look at, as a tree of named slots. The direct entry reader
 * (camt-entry-direct.ts) walks it while tokens arrive: a text slot keeps the text of the
 * first element at its path, a group slot only records that the element was there. Elements
 * outside the tree are never read by the entry readers, so the direct reader skips them.
 */

export interface ShapeNode {
  /** Index of this element's slot in the per-entry arrays. */
  readonly slot: number;
  /** Text is kept (a leaf as the readers see it); groups ignore their own text. */
  readonly keepsText: boolean;
  /**
   * How the readers treat several elements at this path: 'first' reads only the first (later
   * ones are skipped), 'collect' reads every one (remittance lines), 'once' reads all of them
   * in a way the direct reader does not (a second one hands the entry to the tree readers),
   * 'refuse' is never read directly (any one hands the entry over).
   */
  readonly repeats: Repeats;
  readonly children: ReadonlyMap<string, ShapeNode>;
}

type Repeats = 'first' | 'collect' | 'once' | 'refuse';

let slotCount = 0;

function text(repeats: Repeats = 'first'): ShapeNode {
  return { slot: slotCount++, keepsText: true, repeats, children: new Map() };
}

function group(
  children: Record<string, ShapeNode>,
  options: { keepsText?: boolean; repeats?: Repeats } = {},
): ShapeNode {
  return {
    slot: slotCount++,
    keepsText: options.keepsText ?? false,
    repeats: options.repeats ?? 'first',
    children: new Map(Object.entries(children)),
  };
}

function bankTransactionCode() {
  const family = group({ Cd: text(), SubFmlyCd: text() });
  const domain = group({ Cd: text(), Fmly: family });
  const proprietary = group({ Cd: text(), Issr: text() });
  return { node: group({ Domn: domain, Prtry: proprietary }), domain, family, proprietary };
}

function partyShapes() {
  const partyName = text();
  const nestedName = text();
  const party = group({ Nm: partyName, Pty: group({ Nm: nestedName }) });
  const iban = text();
  const otherId = text();
  const account = group({ Id: group({ IBAN: iban, Othr: group({ Id: otherId }) }) });
  const bicfi = text();
  const bic = text();
  const agent = group({ FinInstnId: group({ BICFI: bicfi, BIC: bic }) });
  return { party, partyName, nestedName, account, iban, otherId, agent, bicfi, bic };
}

const entryCode = bankTransactionCode();
const detailCode = bankTransactionCode();
const debtor = partyShapes();
const creditor = partyShapes();

const statusCode = text();
const statusProprietary = text();

export const CAMT_ENTRY_SLOTS = {
  amount: text(),
  indicator: text(),
  reversal: text(),
  /** Sts: older versions write the code as its text, newer ones in Cd or Prtry. */
  status: group({ Cd: statusCode, Prtry: statusProprietary }, { keepsText: true }),
  statusCode,
  statusProprietary,
  bookingDate: text(),
  bookingDateTime: text(),
  valueDate: text(),
  valueDateTime: text(),
  entryReference: text(),
  accountServicerReference: text(),
  additionalInformation: text(),
  entryCode,
  detailCode,
  endToEndId: text(),
  refAccountServicerReference: text(),
  uetr: text(),
  instructionId: text(),
  paymentInformationId: text(),
  transactionId: text(),
  messageId: text(),
  mandateId: text(),
  detailAmount: text(),
  detailAmountDetails: text(),
  detailIndicator: text(),
  remittanceLine: text('collect'),
  additionalTransactionInformation: text(),
  debtor,
  creditor,
};

const slots = CAMT_ENTRY_SLOTS;

/** Remittance: unstructured lines; a structured block is left to the tree readers. */
const remittance = group({ Ustrd: slots.remittanceLine, Strd: group({}, { repeats: 'refuse' }) });

const transaction = group(
  {
    Refs: group({
      EndToEndId: slots.endToEndId,
      AcctSvcrRef: slots.refAccountServicerReference,
      UETR: slots.uetr,
      InstrId: slots.instructionId,
      PmtInfId: slots.paymentInformationId,
      TxId: slots.transactionId,
      MsgId: slots.messageId,
      MndtId: slots.mandateId,
    }),
    Amt: slots.detailAmount,
    AmtDtls: group({ TxAmt: group({ Amt: slots.detailAmountDetails }) }),
    CdtDbtInd: slots.detailIndicator,
    BkTxCd: slots.detailCode.node,
    RltdPties: group({
      Dbtr: slots.debtor.party,
      DbtrAcct: slots.debtor.account,
      Cdtr: slots.creditor.party,
      CdtrAcct: slots.creditor.account,
    }),
    RltdAgts: group({ DbtrAgt: slots.debtor.agent, CdtrAgt: slots.creditor.agent }),
    RmtInf: remittance,
    AddtlTxInf: slots.additionalTransactionInformation,
  },
  { repeats: 'once' },
);

export const CAMT_TRANSACTION_SLOT = transaction.slot;

/** The Ntry element itself. A batch (Btch) or a second NtryDtls/TxDtls ends direct reading. */
export const CAMT_ENTRY_SHAPE: ShapeNode = group({
  Amt: slots.amount,
  CdtDbtInd: slots.indicator,
  RvslInd: slots.reversal,
  Sts: slots.status,
  BookgDt: group({ Dt: slots.bookingDate, DtTm: slots.bookingDateTime }),
  ValDt: group({ Dt: slots.valueDate, DtTm: slots.valueDateTime }),
  NtryRef: slots.entryReference,
  AcctSvcrRef: slots.accountServicerReference,
  AddtlNtryInf: slots.additionalInformation,
  BkTxCd: slots.entryCode.node,
  NtryDtls: group(
    { TxDtls: transaction, Btch: group({}, { repeats: 'refuse' }) },
    { repeats: 'once' },
  ),
});

export const CAMT_ENTRY_SLOT_COUNT = slotCount;

import { assert } from '../assert.js';
import {
  camtOptionalText,
  camtReadAmount,
  camtReadBankTransactionCode,
  camtReadDateChoice,
  camtReadDirection,
  camtReadIndicator,
  definedOnly,
} from './camt-fields.js';
import { camtDirection, type CamtReversalSign } from './camt-sign.js';
import { camtReadTransactionDetails, type CamtEntryContext } from './camt-transaction-details.js';
import { DETAILS_PER_ENTRY_MAX } from './limits.js';
import { failParse } from './parse-result.js';
import type {
  EntryDetail,
  EntryReferences,
  EntryStatus,
  Party,
  StatementEntryDraft,
} from './statement.js';
import { xmlChild, xmlChildren, xmlText } from './xml-node.js';

/** camt entry status codes; FUTR (v08) is a booking not yet made, so pending. */
const STATUS_CODES: Readonly<Record<string, EntryStatus>> = {
  BOOK: 'booked',
  PDNG: 'pending',
  FUTR: 'pending',
  INFO: 'info',
};

/** Reads one Ntry. A single TxDtls is folded into the entry; a batch keeps them in details. */
export function camtReadEntry(
  node: unknown,
  path: string,
  reversalSign: CamtReversalSign,
): StatementEntryDraft {
  const amount = camtReadAmount(xmlChild(node, 'Amt'), `${path}/Amt`);
  const indicator = camtReadDirection(node, path);
  const reversal = camtReadIndicator(node, 'RvslInd', path) ?? false;
  const { bookedSign, originalSign } = camtDirection(indicator, reversal, reversalSign);
  const context = { indicator, reversal, reversalSign };
  const batches = xmlChildren(node, 'NtryDtls');
  const details = camtReadAllDetails(batches, path, context);
  const single = details.length === 1 ? details[0] : undefined;
  const counterparty: Party = (originalSign === 1n ? single?.debtor : single?.creditor) ?? {};
  const remittanceText = single?.remittanceText ?? camtOptionalText(node, 'AddtlNtryInf');
  const entry: StatementEntryDraft = {
    amountMinor: bookedSign * amount.magnitudeMinor,
    currency: amount.currency,
    bookingDate: camtReadDateChoice(xmlChild(node, 'BookgDt'), `${path}/BookgDt`) ?? null,
    valueDate: camtReadDateChoice(xmlChild(node, 'ValDt'), `${path}/ValDt`) ?? null,
    status: camtReadStatus(node, path),
    reversal,
    bankTransactionCode: camtReadBankTransactionCode(node),
    references: camtEntryReferences(node, batches, single),
    ...(remittanceText === undefined ? {} : { remittanceText }),
    counterparty,
    details,
  };
  assert(entry.amountMinor === 0n || entry.amountMinor > 0n === (bookedSign === 1n), 'sign');
  return entry;
}

function camtReadStatus(node: unknown, path: string): EntryStatus {
  const statusNode = xmlChild(node, 'Sts');
  // Older versions write the code as text (v02/v04); newer ones wrap it in Cd or Prtry (v08).
  const code =
    xmlText(statusNode) ??
    camtOptionalText(statusNode, 'Cd') ??
    camtOptionalText(statusNode, 'Prtry');
  if (code === undefined) failParse('missing_element', `${path}/Sts is missing`, { path });
  const status = Object.hasOwn(STATUS_CODES, code) ? STATUS_CODES[code] : undefined;
  if (status === undefined) {
    failParse('bad_value', `${path}/Sts '${code}' is not BOOK, PDNG, FUTR or INFO`, { path });
  }
  return status;
}

function camtReadAllDetails(
  batches: readonly unknown[],
  path: string,
  context: CamtEntryContext,
): EntryDetail[] {
  const details: EntryDetail[] = [];
  for (const [batchIndex, batch] of batches.entries()) {
    const transactions = xmlChildren(batch, 'TxDtls');
    if (details.length + transactions.length > DETAILS_PER_ENTRY_MAX) {
      failParse('too_many_entries', `${path} has more than ${DETAILS_PER_ENTRY_MAX} TxDtls`, {
        path,
      });
    }
    for (const [index, transaction] of transactions.entries()) {
      const detailPath = `${path}/NtryDtls[${batchIndex}]/TxDtls[${index}]`;
      details.push(camtReadTransactionDetails(transaction, detailPath, context));
    }
  }
  return details;
}

/**
 * Entry-level references win; a single transaction fills the rest. For a batch the Btch block
 * names the payment information (the bulk the customer sent), which is what it matches against.
 */
function camtEntryReferences(
  node: unknown,
  batches: readonly unknown[],
  single: EntryDetail | undefined,
): EntryReferences {
  const batchNode = batches.map((batch) => xmlChild(batch, 'Btch')).find((b) => b !== undefined);
  const own = definedOnly({
    entryReference: camtOptionalText(node, 'NtryRef'),
    accountServicerReference: camtOptionalText(node, 'AcctSvcrRef'),
    messageId: camtOptionalText(batchNode, 'MsgId'),
    paymentInformationId: camtOptionalText(batchNode, 'PmtInfId'),
  });
  return single === undefined ? own : { ...single.references, ...own };
}

import { assert } from '../assert.js';
import {
  camtOptionalText,
  camtReadAmount,
  camtReadBankTransactionCode,
  camtReadDirection,
  camtReadParty,
  definedOnly,
} from './camt-fields.js';
import { camtDirection, type CamtReversalSign } from './camt-sign.js';
import { REMITTANCE_LINES_MAX } from './limits.js';
import { failParse } from './parse-result.js';
import type { EntryDetail, EntryReferences } from './statement.js';
import { xmlChild, xmlChildren, xmlPathText, xmlText } from './xml-node.js';

/** Placeholder banks put in EndToEndId when the payer gave none; it identifies nothing. */
const NOT_PROVIDED = 'NOTPROVIDED';

export interface CamtEntryContext {
  readonly indicator: 1n | -1n;
  readonly reversal: boolean;
  readonly reversalSign: CamtReversalSign;
}

/** Reads one TxDtls element: references, amount, parties and remittance information. */
export function camtReadTransactionDetails(
  node: unknown,
  path: string,
  entry: CamtEntryContext,
): EntryDetail {
  const amountNode =
    xmlChild(node, 'Amt') ?? xmlChild(xmlChild(xmlChild(node, 'AmtDtls'), 'TxAmt'), 'Amt');
  const parties = xmlChild(node, 'RltdPties');
  const agents = xmlChild(node, 'RltdAgts');
  const debtor = camtReadParty(
    xmlChild(parties, 'Dbtr'),
    xmlChild(parties, 'DbtrAcct'),
    xmlChild(agents, 'DbtrAgt'),
  );
  const creditor = camtReadParty(
    xmlChild(parties, 'Cdtr'),
    xmlChild(parties, 'CdtrAcct'),
    xmlChild(agents, 'CdtrAgt'),
  );
  const remittance = camtReadRemittance(node, path);
  const bankTransactionCode = camtReadBankTransactionCode(node);
  const detail: EntryDetail = {
    ...(amountNode === undefined ? {} : camtDetailAmount(node, amountNode, path, entry)),
    references: camtReadReferences(node, remittance.creditorReference),
    ...(Object.keys(bankTransactionCode).length === 0 ? {} : { bankTransactionCode }),
    ...(debtor === undefined ? {} : { debtor }),
    ...(creditor === undefined ? {} : { creditor }),
    ...(remittance.text === undefined ? {} : { remittanceText: remittance.text }),
  };
  return detail;
}

function camtDetailAmount(
  node: unknown,
  amountNode: unknown,
  path: string,
  entry: CamtEntryContext,
): { amountMinor: bigint; currency: string } {
  const amount = camtReadAmount(amountNode, `${path}/Amt`);
  const hasOwnIndicator = camtOptionalText(node, 'CdtDbtInd') !== undefined;
  const indicator = hasOwnIndicator ? camtReadDirection(node, path) : entry.indicator;
  const { bookedSign } = camtDirection(indicator, entry.reversal, entry.reversalSign);
  return { amountMinor: bookedSign * amount.magnitudeMinor, currency: amount.currency };
}

function camtReadReferences(node: unknown, creditorReference: string | undefined): EntryReferences {
  const refs = xmlChild(node, 'Refs');
  const endToEndId = camtOptionalText(refs, 'EndToEndId');
  const fields = {
    endToEndId: endToEndId === NOT_PROVIDED ? undefined : endToEndId,
    accountServicerReference: camtOptionalText(refs, 'AcctSvcrRef'),
    uetr: camtOptionalText(refs, 'UETR'),
    instructionId: camtOptionalText(refs, 'InstrId'),
    paymentInformationId: camtOptionalText(refs, 'PmtInfId'),
    transactionId: camtOptionalText(refs, 'TxId'),
    messageId: camtOptionalText(refs, 'MsgId'),
    mandateId: camtOptionalText(refs, 'MndtId'),
    creditorReference,
  };
  return definedOnly(fields);
}

interface CamtRemittance {
  readonly text?: string;
  readonly creditorReference?: string;
}

/**
 * Unstructured lines are joined with a space (banks cut 140-character chunks mid-text as often
 * as between words, but a space never merges two references into one). The first structured
 * creditor reference is kept separately because it is a match key.
 */
function camtReadRemittance(node: unknown, path: string): CamtRemittance {
  const remittanceNode = xmlChild(node, 'RmtInf');
  const lineNodes = xmlChildren(remittanceNode, 'Ustrd');
  if (lineNodes.length > REMITTANCE_LINES_MAX) {
    failParse('bad_value', `${path}/RmtInf has ${lineNodes.length} Ustrd lines`, { path });
  }
  const lines = lineNodes.map(xmlText).filter((line) => line !== undefined);
  const structured = xmlChildren(remittanceNode, 'Strd');
  let creditorReference: string | undefined;
  for (const block of structured.slice(0, REMITTANCE_LINES_MAX)) {
    creditorReference ??= xmlPathText(block, ['CdtrRefInf', 'Ref']);
  }
  const text = lines.length > 0 ? lines.join(' ') : camtOptionalText(node, 'AddtlTxInf');
  assert(text === undefined || text.length > 0, 'remittance text is absent or non-empty');
  return {
    ...(text === undefined ? {} : { text }),
    ...(creditorReference === undefined ? {} : { creditorReference }),
  };
}

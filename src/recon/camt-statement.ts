import { camtReadBalances } from './camt-balance.js';
import {
  camtOptionalText,
  camtReadAccountId,
  camtReadDateTime,
  camtReadIndicator,
  camtReadSequence,
  camtReadSmallNumber,
  camtRequiredText,
  definedOnly,
} from './camt-fields.js';
import type { CamtKind, CamtKindNames } from './camt-message-kind.js';
import type { CamtReversalSign } from './camt-sign.js';
import { failParse, type ParseWarning } from './parse-result.js';
import type { StatementAccount, StatementDraft, StatementEntryDraft } from './statement.js';
import { xmlChild } from './xml-node.js';

export interface CamtStatementContext {
  readonly kind: CamtKind;
  readonly version: string | null;
  readonly names: CamtKindNames;
  readonly messageId: string;
  readonly messageCreatedAt?: string;
  readonly reversalSign: CamtReversalSign;
  readonly warnings: ParseWarning[];
}

/**
 * Reads one Stmt (or Rpt / Ntfctn) into a statement draft. The entries are read by the
 * caller, which may have built them while scanning; `readEntries` is called at the point in
 * the statement where they are due, so errors come out in reading order.
 */
export function camtReadStatement(
  node: unknown,
  path: string,
  context: CamtStatementContext,
  readEntries: () => StatementEntryDraft[],
): StatementDraft {
  const statementId = camtRequiredText(node, 'Id', path);
  const pagination = xmlChild(node, context.names.pagination);
  const range = xmlChild(node, 'FrToDt');
  const balances = camtReadBalances(node, path, context.warnings);
  const entries = readEntries();
  const createdAt = camtReadDateTime(node, 'CreDtTm', path) ?? context.messageCreatedAt;
  const account = camtReadAccount(node, path, {
    currencyFallback:
      balances.opening?.currency ?? balances.closing?.currency ?? entries[0]?.currency,
    warnings: context.warnings,
  });
  const optional = definedOnly({
    electronicSequence: camtReadSequence(node, 'ElctrncSeqNb', path),
    legalSequence: camtReadSequence(node, 'LglSeqNb', path),
    pageNumber: camtReadSmallNumber(pagination, 'PgNb', `${path}/${context.names.pagination}`),
    lastPage: camtReadIndicator(pagination, 'LastPgInd', `${path}/${context.names.pagination}`),
    createdAt,
    fromDate: camtReadDateTime(range, 'FrDtTm', `${path}/FrToDt`),
    toDate: camtReadDateTime(range, 'ToDtTm', `${path}/FrToDt`),
    declaredEntryCount: camtReadSmallNumber(
      xmlChild(xmlChild(node, 'TxsSummry'), 'TtlNtries'),
      'NbOfNtries',
      `${path}/TxsSummry/TtlNtries`,
    ),
    information: camtOptionalText(node, context.names.information),
  });
  return {
    format: context.kind,
    version: context.version,
    messageId: context.messageId,
    statementId,
    ...optional,
    account,
    openingBalance: balances.opening,
    closingBalance: balances.closing,
    otherBalances: balances.others,
    entries,
  };
}

/**
 * Acct/Ccy is optional in camt (the v08 fixture omits it). The opening balance's currency is
 * then the account currency; that inference is reported as a warning, and validation still
 * compares every amount against it.
 */
function camtReadAccount(
  node: unknown,
  path: string,
  inference: { currencyFallback: string | undefined; warnings: ParseWarning[] },
): StatementAccount {
  const accountNode = xmlChild(node, 'Acct');
  if (accountNode === undefined) failParse('missing_element', `${path}/Acct is missing`, { path });
  const id = camtReadAccountId(accountNode);
  if (id.iban === undefined && id.otherId === undefined) {
    failParse('missing_element', `${path}/Acct/Id has neither IBAN nor Othr/Id`, { path });
  }
  const declared = camtOptionalText(accountNode, 'Ccy');
  const currency = declared ?? inference.currencyFallback;
  if (currency === undefined) {
    failParse('missing_element', `${path}/Acct/Ccy is missing and no amount names one`, { path });
  }
  if (declared === undefined) {
    inference.warnings.push({
      code: 'account_currency_inferred',
      message: `${path}/Acct/Ccy is missing; using ${currency} from the balances or entries`,
      path,
    });
  }
  return { ...id, currency };
}

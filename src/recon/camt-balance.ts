import { assert } from '../assert.js';
import { camtReadAmount, camtReadDateChoice, camtReadDirection } from './camt-fields.js';
import { BALANCES_PER_STATEMENT_MAX } from './limits.js';
import { failParse, type ParseWarning } from './parse-result.js';
import type { StatementBalance } from './statement.js';
import { xmlChild, xmlChildren, xmlPathText } from './xml-node.js';

export interface CamtBalances {
  readonly opening: StatementBalance | null;
  readonly closing: StatementBalance | null;
  readonly others: readonly StatementBalance[];
}

/**
 * Sorts the Bal elements into opening, closing and the rest. OPBD is the opening balance; a
 * bank that only reports PRCD (previously closed booked, the prior day's CLBD) gives the same
 * figure, so PRCD stands in when OPBD is absent.
 */
export function camtReadBalances(
  statementNode: unknown,
  path: string,
  warnings: ParseWarning[],
): CamtBalances {
  const nodes = xmlChildren(statementNode, 'Bal');
  if (nodes.length > BALANCES_PER_STATEMENT_MAX) {
    failParse('bad_value', `${path} has ${nodes.length} balances`, { path });
  }
  const balances = nodes.map((node, index) => camtReadBalance(node, `${path}/Bal[${index}]`));
  const opening =
    pickBalance(balances, 'OPBD', path, warnings) ?? pickBalance(balances, 'PRCD', path, warnings);
  const closing = pickBalance(balances, 'CLBD', path, warnings);
  const others = balances.filter((balance) => balance !== opening && balance !== closing);
  assert(others.length + (opening ? 1 : 0) + (closing ? 1 : 0) === balances.length, 'partition');
  return { opening: opening ?? null, closing: closing ?? null, others };
}

function camtReadBalance(node: unknown, path: string): StatementBalance {
  const typeNode = xmlChild(xmlChild(node, 'Tp'), 'CdOrPrtry');
  const type = xmlPathText(typeNode, ['Cd']) ?? xmlPathText(typeNode, ['Prtry']);
  if (type === undefined) failParse('missing_element', `${path}/Tp has no code`, { path });
  const amount = camtReadAmount(xmlChild(node, 'Amt'), `${path}/Amt`);
  const direction = camtReadDirection(node, path);
  const date = camtReadDateChoice(xmlChild(node, 'Dt'), `${path}/Dt`);
  if (date === undefined) failParse('missing_element', `${path}/Dt is missing`, { path });
  return { type, amountMinor: direction * amount.magnitudeMinor, currency: amount.currency, date };
}

function pickBalance(
  balances: readonly StatementBalance[],
  type: string,
  path: string,
  warnings: ParseWarning[],
): StatementBalance | undefined {
  const matches = balances.filter((balance) => balance.type === type);
  if (matches.length > 1) {
    warnings.push({
      code: 'duplicate_balance',
      message: `${path} has ${matches.length} ${type} balances; the first is used`,
      path,
    });
  }
  return matches[0];
}

import { assert } from '../assert.js';
import { buildStatement } from './build-statement.js';
import { camtReadDateTime, camtRequiredText } from './camt-fields.js';
import {
  CAMT_KIND_NAMES,
  CAMT_VERSION_MAX,
  CAMT_VERSION_MIN,
  type CamtKind,
  type CamtNamespace,
} from './camt-message-kind.js';
import type { CamtReversalSign } from './camt-sign.js';
import { camtReadStatement } from './camt-statement.js';
import { ENTRIES_PER_FILE_MAX, STATEMENTS_PER_FILE_MAX } from './limits.js';
import { failParse, type ParseWarning } from './parse-result.js';
import type { Statement, StatementEntryDraft } from './statement.js';
import { xmlChild } from './xml-node.js';

/**
 * Everything after the message root is known: the namespace check, the group header and the
 * statements in order. The parser supplies the root element, its statement items and a way
 * to get each item's entries, so this order of checks (and so of errors) is the same however
 * the XML was read.
 */

export interface CamtMessage {
  readonly kind: CamtKind;
  readonly rootName: string;
  readonly root: unknown;
  readonly namespace: CamtNamespace | undefined;
  /** Stmt / Rpt / Ntfctn elements; `itemCount` may be larger when the rest was not kept. */
  readonly items: readonly unknown[];
  readonly itemCount: number;
  readonly readEntries: (itemIndex: number, item: unknown, path: string) => StatementEntryDraft[];
}

export function camtReadMessage(
  message: CamtMessage,
  reversalSign: CamtReversalSign,
  warnings: ParseWarning[],
): Statement[] {
  const { kind, rootName, root, namespace } = message;
  camtCheckNamespace(kind, rootName, namespace, warnings);
  const names = CAMT_KIND_NAMES[kind];
  const header = xmlChild(root, 'GrpHdr');
  const messageId = camtRequiredText(header, 'MsgId', `${rootName}/GrpHdr`);
  const messageCreatedAt = camtReadDateTime(header, 'CreDtTm', `${rootName}/GrpHdr`);
  if (message.itemCount === 0) {
    failParse('no_statements', `${rootName} contains no ${names.item}: nothing to reconcile`, {
      path: rootName,
    });
  }
  if (message.itemCount > STATEMENTS_PER_FILE_MAX) {
    failParse(
      'too_many_statements',
      `${message.itemCount} statements; limit ${STATEMENTS_PER_FILE_MAX}`,
    );
  }
  // A reader may drop the items after the one that passes ENTRIES_PER_FILE_MAX: the loop
  // below stops there.
  assert(message.items.length <= message.itemCount, 'no more items kept than present');
  const context = {
    kind,
    version: namespace?.version ?? null,
    names,
    messageId,
    ...(messageCreatedAt === undefined ? {} : { messageCreatedAt }),
    reversalSign,
    warnings,
  };
  const statements: Statement[] = [];
  let entryCount = 0;
  for (let index = 0; index < message.itemCount; index++) {
    assert(index < message.items.length, 'items past the entry limit are never reached');
    const item = message.items[index];
    const path = `${names.item}[${index}]`;
    const draft = camtReadStatement(item, path, context, () =>
      message.readEntries(index, item, path),
    );
    entryCount += draft.entries.length;
    if (entryCount > ENTRIES_PER_FILE_MAX) {
      failParse('too_many_entries', `file has more than ${ENTRIES_PER_FILE_MAX} entries`);
    }
    statements.push(buildStatement(draft));
  }
  assert(statements.length === message.itemCount, 'one statement per item');
  return statements;
}

/**
 * The namespace must agree with the root element and name a supported version. A file
 * without namespace is read by its root, with a warning, because some bank exports drop it
 * while keeping the structure.
 */
function camtCheckNamespace(
  kind: CamtKind,
  rootName: string,
  namespace: CamtNamespace | undefined,
  warnings: ParseWarning[],
): void {
  if (namespace === undefined) {
    warnings.push({ code: 'missing_namespace', message: `no camt namespace; read as ${kind}` });
  } else if (namespace.kind !== kind) {
    failParse('unsupported_format', `namespace is ${namespace.kind} but root is ${rootName}`);
  } else if (
    namespace.versionNumber < CAMT_VERSION_MIN ||
    namespace.versionNumber > CAMT_VERSION_MAX
  ) {
    failParse('unsupported_version', `${namespace.version} is not supported (001.02–001.08)`);
  }
}

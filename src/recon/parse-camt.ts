import { assert } from '../assert.js';
import { buildStatement } from './build-statement.js';
import { camtReadDateTime, camtRequiredText } from './camt-fields.js';
import {
  CAMT_KIND_NAMES,
  CAMT_VERSION_MAX,
  CAMT_VERSION_MIN,
  camtKindForRoot,
  findCamtNamespace,
  type CamtKind,
  type CamtNamespace,
} from './camt-message-kind.js';
import type { CamtReversalSign } from './camt-sign.js';
import { camtReadStatement } from './camt-statement.js';
import { ENTRIES_PER_FILE_MAX, STATEMENTS_PER_FILE_MAX, XML_HEAD_CHARS_MAX } from './limits.js';
import {
  catchParseFailure,
  failParse,
  type ParseFormatResult,
  type ParseWarning,
} from './parse-result.js';
import type { Statement } from './statement.js';
import { parseXmlSafely } from './xml-safe-parse.js';
import { xmlChild, xmlChildren } from './xml-node.js';

export interface CamtParseOptions {
  /** How RvslInd affects the sign; 'booking' (ISO 20022) unless the bank needs 'flip'. */
  readonly reversalSign?: CamtReversalSign;
}

/** Parses camt.053 / camt.052 / camt.054 (versions 001.02 to 001.08) from decoded text. */
export function parseCamt(text: string, options: CamtParseOptions = {}): ParseFormatResult {
  const warnings: ParseWarning[] = [];
  const outcome = catchParseFailure(() => parseCamtOrFail(text, options, warnings));
  if (!outcome.ok) return { ok: false, error: outcome.error };
  return { ok: true, statements: outcome.value, warnings };
}

function parseCamtOrFail(
  text: string,
  options: CamtParseOptions,
  warnings: ParseWarning[],
): Statement[] {
  const namespace = findCamtNamespace(text.slice(0, XML_HEAD_CHARS_MAX));
  const tree = parseXmlSafely(text);
  const { kind, rootName, root } = camtResolveRoot(tree.root, namespace, warnings);
  const names = CAMT_KIND_NAMES[kind];
  const header = xmlChild(root, 'GrpHdr');
  const messageId = camtRequiredText(header, 'MsgId', `${rootName}/GrpHdr`);
  const messageCreatedAt = camtReadDateTime(header, 'CreDtTm', `${rootName}/GrpHdr`);
  const items = xmlChildren(root, names.item);
  if (items.length === 0) {
    failParse('no_statements', `${rootName} contains no ${names.item}: nothing to reconcile`, {
      path: rootName,
    });
  }
  if (items.length > STATEMENTS_PER_FILE_MAX) {
    failParse(
      'too_many_statements',
      `${items.length} statements; limit ${STATEMENTS_PER_FILE_MAX}`,
    );
  }
  const context = {
    kind,
    version: namespace?.version ?? null,
    names,
    messageId,
    ...(messageCreatedAt === undefined ? {} : { messageCreatedAt }),
    reversalSign: options.reversalSign ?? 'booking',
    entriesRaw: tree.entriesRaw,
    warnings,
  };
  const statements: Statement[] = [];
  let entryCount = 0;
  for (const [index, item] of items.entries()) {
    const draft = camtReadStatement(item, `${names.item}[${index}]`, context);
    entryCount += draft.entries.length;
    if (entryCount > ENTRIES_PER_FILE_MAX) {
      failParse('too_many_entries', `file has more than ${ENTRIES_PER_FILE_MAX} entries`);
    }
    statements.push(buildStatement(draft));
  }
  assert(statements.length === items.length, 'one statement per item');
  return statements;
}

/**
 * The message kind comes from the root element; the namespace must agree with it and name a
 * supported version. A file without namespace is read by its root, with a warning, because
 * some bank exports drop it while keeping the structure.
 */
function camtResolveRoot(
  tree: Record<string, unknown>,
  namespace: CamtNamespace | undefined,
  warnings: ParseWarning[],
): { kind: CamtKind; rootName: string; root: unknown } {
  const documentNode = xmlChild(tree, 'Document');
  if (documentNode === undefined) {
    failParse('unsupported_format', 'XML root is not an ISO 20022 Document');
  }
  const rootName = Object.keys(documentNode as object).find((key) => !key.startsWith('@_'));
  const kind = rootName === undefined ? undefined : camtKindForRoot(rootName);
  if (kind === undefined || rootName === undefined) {
    const held = rootName ?? 'nothing';
    failParse('unsupported_format', `Document holds ${held}, not camt.052/053/054`);
  }
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
  return { kind, rootName, root: xmlChild(documentNode, rootName) };
}

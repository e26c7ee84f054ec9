import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.js';
import { createPrincipalWithKey } from '../../src/security/index.js';
import type { Database } from '../../src/store/index.js';
import { createTestBooks, type TestBooks } from '../support/books.js';
import { createTestDatabase } from '../support/test-database.js';

export interface ReconHarness {
  db: Database;
  app: FastifyInstance;
  books: TestBooks;
  /** A second operator, for four-eyes decisions on requests the default staff key made. */
  approverKey: string;
  base: string;
  call(
    method: string,
    url: string,
    options?: { key?: string; body?: unknown },
  ): Promise<{ status: number; body: Record<string, unknown>; text: string }>;
  deposit(customerIndex: number, amount: string): Promise<string>;
  close(): Promise<void>;
}

/** A migrated database, a platform with CNY customers, and the whole API. */
export async function createReconHarness(): Promise<ReconHarness> {
  const db = await createTestDatabase();
  const books = await createTestBooks(db, 3);
  const approver = await db.transaction((tx) =>
    createPrincipalWithKey(tx, {
      kind: 'staff',
      platformId: null,
      role: 'operator',
      name: 'approver',
    }),
  );
  const { app } = await buildServer({ database: db, port: 0 });
  const call: ReconHarness['call'] = async (method, url, { key = books.staffKey, body } = {}) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    const text = response.body;
    return {
      status: response.statusCode,
      body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
      text,
    };
  };
  return {
    db,
    app,
    books,
    approverKey: approver.apiKey,
    base: `/v1/platforms/${books.platformId}/reconciliation`,
    call,
    async deposit(customerIndex, amount) {
      const reply = await app.inject({
        method: 'POST',
        url: `/v1/platforms/${books.platformId}/instructions`,
        headers: {
          authorization: `Bearer ${books.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        payload: JSON.stringify({
          type: 'deposit',
          amount,
          currency: 'CNY',
          purpose: 'top_up',
          payeeAccountId: books.customers[customerIndex]?.accountId,
        }),
      });
      if (reply.statusCode !== 201) throw new Error(`deposit failed: ${reply.body}`);
      return (JSON.parse(reply.body) as { id: string }).id;
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export interface CamtEntry {
  amountMinor: bigint;
  endToEndId?: string;
  servicerRef?: string;
  date?: string;
  remittance?: string;
}

/** A camt.053.001.08 statement in CNY whose closing balance is opening + Σ entries. */
export function camt053(
  statementId: string,
  openingMinor: bigint,
  entries: readonly CamtEntry[],
  date = new Date().toISOString().slice(0, 10),
  currency = 'CNY',
): string {
  const amount = (minor: bigint) => {
    const abs = minor < 0n ? -minor : minor;
    return `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  };
  const indicator = (minor: bigint) => (minor < 0n ? 'DBIT' : 'CRDT');
  const balance = (code: string, minor: bigint) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="${currency}">${amount(minor)}</Amt>` +
    `<CdtDbtInd>${indicator(minor)}</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  let closing = openingMinor;
  const ntries = entries.map((entry, index) => {
    closing += entry.amountMinor;
    const day = entry.date ?? date;
    const refs =
      entry.endToEndId === undefined
        ? ''
        : `<Refs><EndToEndId>${entry.endToEndId}</EndToEndId></Refs>`;
    const rmt =
      entry.remittance === undefined ? '' : `<RmtInf><Ustrd>${entry.remittance}</Ustrd></RmtInf>`;
    return (
      `<Ntry><Amt Ccy="${currency}">${amount(entry.amountMinor)}</Amt><CdtDbtInd>${indicator(entry.amountMinor)}</CdtDbtInd>` +
      `<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt>` +
      `<AcctSvcrRef>${entry.servicerRef ?? `${statementId}-${index}`}</AcctSvcrRef>` +
      `<NtryDtls><TxDtls>${refs}${rmt}</TxDtls></NtryDtls></Ntry>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>' +
    `<GrpHdr><MsgId>${statementId}</MsgId><CreDtTm>${date}T18:00:00Z</CreDtTm></GrpHdr>` +
    `<Stmt><Id>${statementId}</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id><Ccy>${currency}</Ccy></Acct>` +
    balance('OPBD', openingMinor) +
    balance('CLBD', closing) +
    ntries.join('') +
    '</Stmt></BkToCstmrStmt></Document>\n'
  );
}

export const RECON_TABLES = [
  'statement_imports',
  'bank_statements',
  'statement_lines',
  'matches',
  'match_items',
  'breaks',
  'audit_records',
] as const;

export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of RECON_TABLES) {
    const rows = await db.query(`SELECT count(*)::int AS n FROM ${name}`);
    counts[name] = Number(rows[0]?.n);
  }
  return counts;
}

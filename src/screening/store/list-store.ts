import { createHash } from 'node:crypto';
import { appendAuditRecords } from '../../audit/audit-record-store.js';
import { assert } from '../../assert.js';
import { newId, type Database, type Queryable } from '../../store/index.js';
import type { IndexedEntry } from '../matching/screening-index.js';
import type { ListKind, ParsedList } from '../lists/list-entry.js';
import { OPENSANCTIONS_LICENCE } from '../lists/opensanctions-csv.js';
import type { ListFile } from '../lists/parse-list.js';
import { ENTRY_INSERT_BATCH } from '../screening-limits.js';

export interface ListVersionView {
  id: string;
  listKind: ListKind;
  listName: string;
  version: number;
  contentSha256: string;
  entryCount: number;
  nameCount: number;
  sourceDate: string | null;
  licence: string | null;
  warnings: string[];
  importedBy: string;
  importedAt: string;
  current: boolean;
}

export interface ImportOutcome {
  unchanged: boolean;
  version: ListVersionView;
}

export const LICENCES: Readonly<Record<ListKind, string | null>> = {
  un: 'UN Security Council consolidated list: public information',
  ofac: 'OFAC SDN list: US government work, public domain',
  opensanctions: OPENSANCTIONS_LICENCE,
  internal: null,
};

/** SHA-256 over the files of one import, in name order, each length-prefixed. */
export function contentHash(files: readonly ListFile[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const body = Buffer.from(f.content, 'utf8');
    hash.update(`${Buffer.byteLength(f.name)}:${f.name}:${body.length}:`);
    hash.update(body);
  }
  return hash.digest('hex');
}

function viewOf(row: Record<string, unknown>, currentIds: Set<string>): ListVersionView {
  return {
    id: String(row.id),
    listKind: row.list_kind as ListKind,
    listName: String(row.list_name),
    version: Number(row.version),
    contentSha256: String(row.content_sha256),
    entryCount: Number(row.entry_count),
    nameCount: Number(row.name_count),
    sourceDate: (row.source_date as string | null) ?? null,
    licence: (row.licence as string | null) ?? null,
    warnings: (row.warnings as string[] | null) ?? [],
    importedBy: String(row.imported_by),
    importedAt: new Date(row.imported_at as string).toISOString(),
    current: currentIds.has(String(row.id)),
  };
}

const CURRENT_SQL = `SELECT DISTINCT ON (list_kind, list_name) id FROM screening_list_versions
  ORDER BY list_kind, list_name, version DESC`;

/** Every version of every list, newest first, with which ones are current. */
export async function listVersions(db: Queryable, limit: number): Promise<ListVersionView[]> {
  const current = new Set((await db.query<{ id: string }>(CURRENT_SQL)).map((r) => r.id));
  const rows = await db.query(
    `SELECT * FROM screening_list_versions ORDER BY imported_at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => viewOf(r, current));
}

/** Identity of the current list versions: changes whenever any list gets a new version. */
export async function listsFingerprint(db: Queryable): Promise<string> {
  const ids = (await db.query<{ id: string }>(CURRENT_SQL)).map((r) => r.id).sort();
  return createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32);
}

/**
 * Stores a parsed list as the next version of (kind, name), entries in batches, with its
 * audit record, in one transaction. The same content as the current version stores nothing
 * and says so. Imports of one list are serialized by an advisory lock.
 */
export async function storeListVersion(
  db: Database,
  actor: string,
  listName: string,
  parsed: ParsedList,
  sha256: string,
): Promise<ImportOutcome> {
  assert(parsed.entries.length > 0, 'a parsed list has entries');
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('screening_list:' || $1 || ':' || $2))`, [
      parsed.kind,
      listName,
    ]);
    const latest = await tx.query(
      `SELECT * FROM screening_list_versions WHERE list_kind = $1 AND list_name = $2
       ORDER BY version DESC LIMIT 1`,
      [parsed.kind, listName],
    );
    const previous = latest[0];
    if (previous !== undefined && previous.content_sha256 === sha256)
      return { unchanged: true, version: viewOf(previous, new Set([String(previous.id)])) };
    const id = newId('slv');
    const version = previous === undefined ? 1 : Number(previous.version) + 1;
    const nameCount = parsed.entries.reduce((n, e) => n + e.names.length, 0);
    const inserted = await tx.query(
      `INSERT INTO screening_list_versions (id, list_kind, list_name, version, content_sha256,
         entry_count, name_count, source_date, licence, warnings, imported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11) RETURNING *`,
      [
        id,
        parsed.kind,
        listName,
        version,
        sha256,
        parsed.entries.length,
        nameCount,
        parsed.sourceDate,
        LICENCES[parsed.kind],
        JSON.stringify(parsed.warnings),
        actor,
      ],
    );
    for (let i = 0; i < parsed.entries.length; i += ENTRY_INSERT_BATCH) {
      const batch = parsed.entries.slice(i, i + ENTRY_INSERT_BATCH).map((e) => ({
        k: e.entryKey,
        t: e.entryType,
        r: e.reference,
        n: e.names,
        d: e.dobs,
        c: e.countries,
        p: e.programmes,
        m: e.remarks,
      }));
      await tx.query(
        `INSERT INTO screening_entries (list_version_id, entry_key, entry_type, reference, names,
           dobs, countries, programmes, remarks)
         SELECT $1, r.k, r.t, r.r, r.n, r.d, r.c, r.p, r.m
         FROM json_to_recordset($2::json)
           AS r(k text, t text, r text, n jsonb, d jsonb, c jsonb, p jsonb, m text)`,
        [id, JSON.stringify(batch)],
      );
    }
    await appendAuditRecords(tx, [
      {
        platformId: null,
        actor,
        action: 'screening.list_imported',
        subjectType: 'screening_list_version',
        subjectId: id,
        payload: {
          listKind: parsed.kind,
          listName,
          version,
          contentSha256: sha256,
          entryCount: parsed.entries.length,
          previousVersionId: previous === undefined ? null : String(previous.id),
        },
        atMs: Date.now(),
      },
    ]);
    return { unchanged: false, version: viewOf(inserted[0]!, new Set([id])) };
  });
}

/** Entries of every current list version, for the in-memory index. */
export async function loadCurrentEntries(db: Queryable): Promise<IndexedEntry[]> {
  const rows = await db.query(
    `SELECT e.*, v.list_kind, v.list_name FROM screening_entries e
     JOIN (${CURRENT_SQL}) c ON c.id = e.list_version_id
     JOIN screening_list_versions v ON v.id = e.list_version_id
     ORDER BY e.list_version_id, e.entry_key`,
  );
  return rows.map((r) => ({
    entryKey: String(r.entry_key),
    entryType: r.entry_type as IndexedEntry['entryType'],
    reference: String(r.reference),
    names: r.names as IndexedEntry['names'],
    dobs: r.dobs as IndexedEntry['dobs'],
    countries: r.countries as string[],
    programmes: r.programmes as string[],
    remarks: (r.remarks as string | null) ?? null,
    listKind: r.list_kind as ListKind,
    listName: String(r.list_name),
    listVersionId: String(r.list_version_id),
  }));
}

import { createHash } from 'node:crypto';
import pg from 'pg';

/** One row as the driver returns it: int8 and numeric arrive as strings (see `toBigInt`). */
export type Row = Record<string, unknown>;

/** What every module needs from the database: queries, and transactions that retry cleanly. */
export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; commits on return, rolls back on throw. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const statementNames = new Map<string, string>();
export const STATEMENT_NAMES_MAX = 1_000;

/**
 * Queries with parameters run as named prepared statements, so each connection parses and
 * plans a statement once instead of on every call. The name is derived from the SQL text;
 * the driver remembers per connection which names it has prepared.
 */
function queryConfig(sql: string, params: readonly unknown[]): pg.QueryConfig {
  if (params.length === 0) return { text: sql };
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `c${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (statementNames.size < STATEMENT_NAMES_MAX) statementNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] };
}

/** Wraps a pg Pool (over a PostgreSQL server or over PGlite) as a Database. */
export function databaseFromPool(
  pool: pg.Pool,
  kind: Database['kind'],
  onClose: () => Promise<void>,
): Database {
  return {
    kind,
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      if (kind === 'pglite') return queryKeepingClient<T>(pool, sql, params);
      const result = await pool.query(queryConfig(sql, params));
      return result.rows as T[];
    },
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
            const result = await client.query(queryConfig(sql, params));
            return result.rows as R[];
          },
        };
        const value = await work(tx);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
      await onClose();
    },
  };
}

/**
 * A query on PGlite's one connection that keeps its client when the statement is refused.
 * `pool.query` ends a client whose query failed, which suits a socket; but every PGlite client
 * shares one in-process connection, and a refused parameterised statement answers in two parts
 * (the error, then ReadyForQuery after Sync). Ending the client between them delivered the late
 * "end" to the next client: the next query failed with "Connection terminated unexpectedly"
 * and a later one could take down the process. The client stays; pg waits for ReadyForQuery
 * before it sends the next statement.
 */
async function queryKeepingClient<T extends Row>(
  pool: pg.Pool,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  const client = await pool.connect();
  try {
    const result = await client.query(queryConfig(sql, params));
    return result.rows as T[];
  } finally {
    client.release();
  }
}

/** PostgreSQL error code of a failed query, if it has one. */
export function sqlErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export const SQL_UNIQUE_VIOLATION = '23505';
export const SQL_SERIALIZATION_FAILURE = '40001';
export const SQL_DEADLOCK_DETECTED = '40P01';

import { assert } from '../assert.js';
import type { Statement } from './statement.js';

/** A type with every bigint replaced by its decimal string, as JSON can carry it exactly. */
export type Jsonified<T> = T extends bigint
  ? string
  : T extends readonly (infer Item)[]
    ? Jsonified<Item>[]
    : T extends object
      ? { [Key in keyof T]: Jsonified<T[Key]> }
      : T;

export type StatementJson = Jsonified<Statement>;

/**
 * The JSON form of a statement (`custos statements parse FILE --json`). Minor-unit amounts and
 * sequence numbers become decimal strings such as "-1234", because a JSON number would lose
 * precision above 2^53 and invite float arithmetic downstream.
 */
export function statementToJson(statement: Statement): StatementJson {
  const text = JSON.stringify(statement, bigintAsString);
  const json = JSON.parse(text) as StatementJson;
  assert(json.entries.length === statement.entries.length, 'JSON keeps every entry');
  return json;
}

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * The three ways the PostgreSQL repositories run a statement, over a pool (single statements, each its own
 * transaction) or over one transaction's client. Every statement is a named prepared statement: PostgreSQL
 * plans it once per connection instead of on every call.
 */
export interface Sql {
  rows<R>(text: string, values?: readonly unknown[]): Promise<R[]>;
  one<R>(text: string, values?: readonly unknown[]): Promise<R | undefined>;
  /** Runs a write; resolves with the rows it changed. */
  run(text: string, values?: readonly unknown[]): Promise<number>;
}

const names = new Map<string, string>();
const nameOf = (text: string): string => {
  let name = names.get(text);
  if (!name) names.set(text, (name = `vlab_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`));
  return name;
};

export function sqlOver(client: pg.Pool | pg.PoolClient): Sql {
  const query = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    client.query<R>({ name: nameOf(text), text, values: values as unknown[] });
  return {
    rows: async <R>(text: string, values?: readonly unknown[]) => (await query(text, values)).rows as R[],
    one: async <R>(text: string, values?: readonly unknown[]) => (await query(text, values)).rows[0] as R | undefined,
    run: async (text, values) => (await query(text, values)).rowCount ?? 0,
  };
}

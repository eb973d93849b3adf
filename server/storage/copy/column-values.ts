import { createHash, type Hash } from 'node:crypto';
import { findUnstorableText, unstorableCharacter } from '../../domain/text-characters.ts';
import { issuePath } from '../../domain/zod-issues.ts';

/**
 * What a column holds, from its PostgreSQL type: how a SQLite value is converted for it, and how both engines'
 * values are rendered for the checksum. SQLite keeps booleans as 0/1, timestamps and JSON as text and every
 * integer as up to 64 bits; PostgreSQL has a type for each.
 */
export type ColumnKind = 'integer' | 'float' | 'numeric' | 'boolean' | 'bytes' | 'json' | 'timestamp' | 'text';

export function columnKind(postgresType: string): ColumnKind {
  switch (postgresType) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return 'integer';
    case 'real':
    case 'double precision':
      return 'float';
    case 'numeric':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'bytea':
      return 'bytes';
    case 'json':
    case 'jsonb':
      return 'json';
    case 'timestamp with time zone':
    case 'timestamp without time zone':
    case 'date':
      return 'timestamp';
    default:
      return 'text';
  }
}

/** A bad value in the source: the copy stops, naming the table, column and row. */
export class CopyValueError extends Error {}

/**
 * A SQLite value (read with safeIntegers: every integer a bigint) as the parameter node-postgres sends for a
 * column of `kind`. Integers travel as decimal text, so those beyond 2^53 keep every digit.
 */
export function toPostgresParameter(value: unknown, kind: ColumnKind, where: () => string): unknown {
  if (value === null) return null;
  switch (kind) {
    case 'integer':
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number' && Number.isInteger(value)) return String(value);
      throw new CopyValueError(`${where()}: ${JSON.stringify(String(value))} is not an integer`);
    case 'float':
      return typeof value === 'bigint' ? Number(value) : value;
    case 'boolean':
      if (value === 0n || value === 1n || value === 0 || value === 1) return Number(value) === 1;
      throw new CopyValueError(`${where()}: ${JSON.stringify(String(value))} is not a boolean (0 or 1)`);
    case 'bytes':
      return Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8');
    default: {
      const text = typeof value === 'bigint' ? value.toString() : value;
      if (typeof text === 'string') refuseUnstorable(text, kind, where);
      return text;
    }
  }
}

/**
 * SQLite keeps a NUL in text (earlier versions stored one from a title or a redirect template); PostgreSQL refuses
 * it in text and as a \u0000 escape in jsonb (and half a surrogate pair there too), failing the whole copy with
 * its own words. Named here with the row and column, and for JSON the field inside it.
 */
function refuseUnstorable(text: string, kind: ColumnKind, where: () => string): void {
  if (kind !== 'json') {
    const reason = unstorableCharacter(text);
    if (reason) throw new CopyValueError(`${where()}: holds ${reason}`);
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return; // not JSON at all: PostgreSQL's refusal names it
  }
  const found = findUnstorableText(parsed);
  if (found) {
    const field = found.path.length > 0 ? `${issuePath(found.path)}: ` : '';
    throw new CopyValueError(`${where()}: ${field}${found.fieldName ? 'a field name holds' : 'holds'} ${found.reason}`);
  }
}

/** JSON with object keys sorted: jsonb reorders keys and drops spaces, so JSON compares by meaning. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * One value as the checksum sees it, whichever engine it was read from (SQLite with safeIntegers, or
 * node-postgres's default parsing): the same stored value renders to the same text on both.
 */
export function canonicalValue(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return 'null';
  switch (kind) {
    case 'integer':
      return BigInt(value as bigint | number | string).toString();
    case 'float':
      return String(Number(value));
    case 'boolean':
      return value === true || value === 1 || value === 1n ? 'true' : 'false';
    case 'bytes':
      return `x${(Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8')).toString('hex')}`;
    case 'json':
      return canonicalJson(typeof value === 'string' ? JSON.parse(value) : value);
    case 'timestamp':
      return new Date(value instanceof Date ? value : String(value)).toISOString();
    default:
      return JSON.stringify(typeof value === 'bigint' ? value.toString() : String(value));
  }
}

/** sha256 over a table's rows in primary-key order, each row its canonical values joined by tabs, one a line. */
export class TableChecksum {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;
  constructor(private readonly kinds: readonly ColumnKind[]) {}

  add(row: readonly unknown[]): void {
    this.hash.update(`${row.map((v, i) => canonicalValue(v, this.kinds[i]!)).join('\t')}\n`);
    this.rows++;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

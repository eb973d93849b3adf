import type Database from 'better-sqlite3';
import type pg from 'pg';
import { columnKind, type ColumnKind } from './column-values.ts';

/** The table that records migrations: compared between the two databases, never copied. */
export const MIGRATIONS_TABLE = 'schema_migrations';
/**
 * PostgreSQL's own tables that hold no project data: the rate limits' counters (migration 010) and the daily keys
 * that hash their addresses (012), which SQLite keeps in memory. Not copied, and not a schema difference.
 */
const POSTGRES_ONLY_TABLES = new Set(['rate_limit_hits', 'rate_limit_keys']);

export interface CopyColumn {
  name: string;
  kind: ColumnKind;
}

/** One table to copy: the columns both engines have, and how rows are read in one order on both. */
export interface CopyTable {
  name: string;
  /** The source's columns, in its order; each exists on the target. */
  columns: CopyColumn[];
  /** Primary-key columns (every column when the table has none): the order the checksum reads rows in. */
  orderBy: string[];
  /**
   * A target identity column the source keeps as its rowid (quota_slots.slot_id: the order a participant's levels
   * were taken in), filled from that rowid so the order survives the copy.
   */
  rowidColumn?: string;
  /** Target columns filled by a sequence or identity, reset past the copied values afterwards. */
  sequenceColumns: string[];
}

export class SchemaMismatch extends Error {}

interface PgColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * The tables of the project, discovered from both schemas (never a fixed list: every migration's tables are
 * copied), with every difference that would lose data refused: a table or column on one side only, except
 * target columns that fill themselves (identities, defaults, nullable). Ordered so that a table comes after
 * the tables its foreign keys point at.
 */
export async function copyPlan(source: Database.Database, target: pg.ClientBase): Promise<CopyTable[]> {
  const sourceTables = (
    source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[]
  ).filter((t) => t !== MIGRATIONS_TABLE);
  const pgColumns = (
    await target.query<PgColumnRow>(
      `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default, c.is_identity
         FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name, c.ordinal_position`,
    )
  ).rows;
  const targetTables = new Map<string, PgColumnRow[]>();
  for (const c of pgColumns) {
    if (c.table_name === MIGRATIONS_TABLE || POSTGRES_ONLY_TABLES.has(c.table_name)) continue;
    targetTables.set(c.table_name, [...(targetTables.get(c.table_name) ?? []), c]);
  }
  const missing = sourceTables.filter((t) => !targetTables.has(t));
  const extra = [...targetTables.keys()].filter((t) => !sourceTables.includes(t));
  if (missing.length) throw new SchemaMismatch(`the target has no table ${missing.join(', ')}`);
  if (extra.length) throw new SchemaMismatch(`the source has no table ${extra.join(', ')}`);

  const tables = sourceTables.map((name) => planTable(source, name, targetTables.get(name)!));
  return inForeignKeyOrder(source, tables);
}

function planTable(source: Database.Database, name: string, targetColumns: PgColumnRow[]): CopyTable {
  const info = source.prepare(`PRAGMA table_info(${quoteIdent(name)})`).all() as { name: string; pk: number }[];
  const byName = new Map(targetColumns.map((c) => [c.column_name, c]));
  const columns = info.map((c) => {
    const target = byName.get(c.name);
    if (!target) throw new SchemaMismatch(`the target's table ${name} has no column ${c.name}`);
    return { name: c.name, kind: columnKind(target.data_type) };
  });
  const fillsItself = (c: PgColumnRow) => c.is_identity === 'YES' || c.column_default !== null;
  let rowidColumn: string | undefined;
  for (const c of targetColumns) {
    if (info.some((s) => s.name === c.column_name)) continue;
    if (c.is_identity === 'YES' && !rowidColumn && hasRowid(source, name)) rowidColumn = c.column_name;
    else if (!fillsItself(c) && c.is_nullable === 'NO') throw new SchemaMismatch(`the source's table ${name} has no column ${c.column_name}`);
  }
  const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  return {
    name,
    columns,
    orderBy: pk.length ? pk : info.map((c) => c.name),
    rowidColumn,
    sequenceColumns: targetColumns
      .filter((c) => c.is_identity === 'YES' || /^nextval\(/.test(c.column_default ?? ''))
      .map((c) => c.column_name),
  };
}

function hasRowid(source: Database.Database, table: string): boolean {
  const sql = source.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) as string;
  return !/WITHOUT\s+ROWID\s*;?\s*$/i.test(sql);
}

/** The tables in an order that inserts every referenced row before the rows that reference it. */
function inForeignKeyOrder(source: Database.Database, tables: CopyTable[]): CopyTable[] {
  const ordered: CopyTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const byName = new Map(tables.map((t) => [t.name, t]));
  const visit = (table: CopyTable) => {
    if (placed.has(table.name)) return;
    if (visiting.has(table.name)) throw new SchemaMismatch(`the foreign keys of ${table.name} form a cycle; a copy cannot order its rows`);
    visiting.add(table.name);
    const refs = source.prepare(`PRAGMA foreign_key_list(${quoteIdent(table.name)})`).all() as { table: string }[];
    for (const ref of refs) {
      const parent = byName.get(ref.table);
      if (parent && parent !== table) visit(parent);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const t of tables) visit(t);
  return ordered;
}

import { batteries, type ColumnSpec, type WideRow } from './wave-columns.ts';

/**
 * The long ("stacked") layout of item batteries: one row per participant × battery item, with the
 * participant's design columns repeated, e.g. the five corrective-measure items of the alliance study become
 * five rows with `item` = `do_nothing`, …, `suspend_military_support` and `value` = the answer. A battery is the
 * set of questions that carry the same `battery` name in the study definition.
 */

export const LONG_ITEM_COLUMNS = ['battery', 'item', 'value'] as const;

/** The long file's columns: participant, wave, status, the design columns, then battery, item, value. */
export function longColumnNames(columns: readonly ColumnSpec[]): string[] {
  const head = columns.filter((c) => c.role === 'id' || c.name === 'wave_id' || c.name === 'status' || c.role === 'design');
  return [...head.map((c) => c.name), ...LONG_ITEM_COLUMNS];
}

/** Stacks one wide row; yields nothing when the study defines no battery. */
export function* longRows(columns: readonly ColumnSpec[], row: WideRow): Generator<WideRow> {
  const names = longColumnNames(columns).slice(0, -LONG_ITEM_COLUMNS.length);
  const head: WideRow = {};
  for (const name of names) head[name] = row[name] ?? null;
  for (const [battery, items] of batteries(columns)) {
    for (const item of items) yield { ...head, battery, item: item.name, value: row[item.name] ?? null };
  }
}

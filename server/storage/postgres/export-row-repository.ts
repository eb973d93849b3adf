import { EXPORT_PAGE_ROWS, EXPORT_SELECT, toExportSourceRow, type ExportRowRepository, type JoinedRow } from '../export-row-repository.ts';
import type { Sql } from './sql.ts';

/** The same pages as on SQLite; the placeholders are numbered. */
const numbered = (text: string): string => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

export function createPgExportRowRepository(sql: Sql): ExportRowRepository {
  return {
    async lastDrawIndex(waveId) {
      return (await sql.one<{ n: number }>('SELECT COALESCE(MAX(draw_index), -1) AS n FROM participants WHERE wave_id = $1', [waveId]))!.n;
    },
    async page(waveId, after, last, statuses = []) {
      const filter = statuses.length ? ` AND p.status IN (${statuses.map(() => '?').join(', ')})` : '';
      const text = numbered(`${EXPORT_SELECT} AND p.draw_index > ? AND p.draw_index <= ?${filter} ORDER BY p.draw_index LIMIT ${EXPORT_PAGE_ROWS}`);
      return (await sql.rows<JoinedRow>(text, [waveId, after, last, ...statuses])).map(toExportSourceRow);
    },
  };
}

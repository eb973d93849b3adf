import { DEFAULT_LOCALE } from '../../domain/localized-text.ts';
import type { ParticipantStatus } from '../../domain/participant.ts';
import { toParticipant, type NewParticipant, type ParticipantRepository, type ParticipantRow } from '../participant-repository.ts';
import type { Sql } from './sql.ts';

export function createPgParticipantRepository(sql: Sql): ParticipantRepository {
  const byCode = async (code: string, lock: boolean) => {
    const row = await sql.one<ParticipantRow>(`SELECT * FROM participants WHERE code = $1${lock ? ' FOR UPDATE' : ''}`, [code]);
    return row && toParticipant(row);
  };
  return {
    findByCode: (code) => byCode(code, false),
    lockByCode: (code) => byCode(code, true),
    // One round trip for all of them (up to five: attacker pass 16's cross-panel lookup), as it runs under the wave's lock.
    async findByPanelIdentities(waveId, identities) {
      const rows = await sql.rows<ParticipantRow>(
        'SELECT * FROM participants WHERE wave_id = $1 AND (panel_source, panel_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))',
        [waveId, identities.map((i) => i.source), identities.map((i) => i.id)],
      );
      const first = identities.map(({ source, id }) => rows.find((r) => r.panel_source === source && r.panel_id === id)).find(Boolean);
      return first && toParticipant(first);
    },
    async listByWave(waveId) {
      return (await sql.rows<ParticipantRow>('SELECT * FROM participants WHERE wave_id = $1 ORDER BY draw_index', [waveId])).map(toParticipant);
    },
    async nextDrawIndex(waveId) {
      return (await sql.one<{ n: number }>('SELECT COALESCE(MAX(draw_index) + 1, 0) AS n FROM participants WHERE wave_id = $1', [waveId]))!.n;
    },
    async countByStatus(waveId) {
      const counts: Record<ParticipantStatus, number> = { started: 0, complete: 0, screened_out: 0, overquota: 0 };
      const rows = await sql.rows<{ status: ParticipantStatus; n: number }>(
        'SELECT status, COUNT(*)::int AS n FROM participants WHERE wave_id = $1 GROUP BY status',
        [waveId],
      );
      for (const { status, n } of rows) counts[status] = n;
      return counts;
    },
    async insert(p: NewParticipant) {
      const row = await sql.one<ParticipantRow>(
        `INSERT INTO participants (code, public_ref, wave_id, panel_source, panel_id, panel_params_json, draw_index, cell_index,
           assignment_json, assignment_probability, status, current_page, locale, started_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'started', 0, $11, $12, $13) RETURNING *`,
        [
          p.code, p.publicRef, p.waveId, p.panelSource, p.panelId, JSON.stringify(p.panelParams), p.drawIndex, p.cellIndex,
          JSON.stringify(p.assignment), p.assignmentProbability, p.locale ?? DEFAULT_LOCALE, p.startedAt, p.startedAt,
        ],
      );
      return toParticipant(row!);
    },
    async setCurrentPage(id, page, now) {
      await sql.run('UPDATE participants SET current_page = GREATEST(current_page, $1), updated_at = $2 WHERE id = $3', [page, now, id]);
    },
    async finish(id, status, reason, now) {
      await sql.run('UPDATE participants SET status = $1, screenout_reason = $2, completed_at = $3, updated_at = $4 WHERE id = $5', [
        status,
        reason,
        now,
        now,
        id,
      ]);
    },
  };
}

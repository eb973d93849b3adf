import type { WaveFunnelCounts, WavePace, WaveProgressRepository } from '../wave-progress-repository.ts';
import type { Sql } from './sql.ts';

export function createPgWaveProgressRepository(sql: Sql): WaveProgressRepository {
  return {
    async completes(waveId) {
      return (await sql.one<{ n: number }>("SELECT COUNT(*)::int AS n FROM participants WHERE wave_id = $1 AND status = 'complete'", [waveId]))!.n;
    },
    async drawn(waveId) {
      return (await sql.one<{ n: number }>('SELECT COALESCE(MAX(draw_index) + 1, 0) AS n FROM participants WHERE wave_id = $1', [waveId]))!.n;
    },
    async funnel(waveId, treatmentPage) {
      return (await sql.one<WaveFunnelCounts>(
        `SELECT COUNT(*)::int AS "started",
           (COUNT(*) FILTER (WHERE status IN ('complete', 'overquota') OR (status = 'started' AND current_page >= 1)))::int AS "consented",
           (COUNT(*) FILTER (WHERE status = 'complete' OR (status = 'started' AND current_page >= $1)))::int AS "reachedVignette",
           (COUNT(*) FILTER (WHERE status = 'complete'))::int AS "completed"
         FROM participants WHERE wave_id = $2`,
        [treatmentPage, waveId],
      ))!;
    },
    async partials(waveId, at, cutoff) {
      const { live, n } = (await sql.one<{ live: number; n: number }>(
        `SELECT (COUNT(*) FILTER (WHERE COALESCE((SELECT MAX(q.lease_ends_at) FROM quota_slots q WHERE q.participant_id = p.id) > $1, p.updated_at > $2)))::int AS live,
                COUNT(*)::int AS n
           FROM participants p WHERE p.wave_id = $3 AND p.status = 'started'`,
        [at, cutoff, waveId],
      ))!;
      return { live, expired: n - live };
    },
    async pace(waveId, hourAgo, dayAgo) {
      return (await sql.one<WavePace>(
        `SELECT (COUNT(*) FILTER (WHERE completed_at > $1))::int AS "lastHour", (COUNT(*) FILTER (WHERE completed_at > $2))::int AS "lastDay",
           MAX(completed_at) AS "lastCompleteAt"
         FROM participants WHERE wave_id = $3 AND status = 'complete'`,
        [hourAgo, dayAgo, waveId],
      ))!;
    },
    async completesByCell(waveId) {
      const rows = await sql.rows<{ cell_index: number; n: number }>(
        "SELECT cell_index, COUNT(*)::int AS n FROM participants WHERE wave_id = $1 AND status = 'complete' GROUP BY cell_index",
        [waveId],
      );
      return new Map(rows.map((r) => [r.cell_index, r.n]));
    },
  };
}

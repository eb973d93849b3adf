import { groupByParticipant, toStoredVignette, type ParticipantVignetteRepository, type ParticipantVignetteRow } from '../participant-vignette-repository.ts';
import type { Sql } from './sql.ts';

export function createPgParticipantVignetteRepository(sql: Sql): ParticipantVignetteRepository {
  return {
    async insertAll(participantId, vignettes) {
      if (!vignettes.length) return;
      // One statement for the m rows: one round trip inside the drawing transaction.
      await sql.run(
        `INSERT INTO participant_vignettes (participant_id, position, cell_index, assignment_json, inclusion_probability)
         SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::float8[])`,
        [
          participantId,
          vignettes.map((v) => v.position),
          vignettes.map((v) => v.cellIndex),
          vignettes.map((v) => JSON.stringify(v.assignment)),
          vignettes.map((v) => v.inclusionProbability),
        ],
      );
    },
    async ofParticipant(participantId) {
      const rows = await sql.rows<ParticipantVignetteRow>('SELECT * FROM participant_vignettes WHERE participant_id = $1 ORDER BY position', [participantId]);
      return rows.map(toStoredVignette);
    },
    async completesByCell(waveId) {
      const rows = await sql.rows<{ cell_index: number; n: string }>(
        `SELECT v.cell_index, COUNT(*) AS n FROM participant_vignettes v JOIN participants p ON p.id = v.participant_id
         WHERE p.wave_id = $1 AND p.status = 'complete' GROUP BY v.cell_index`,
        [waveId],
      );
      return new Map(rows.map((r) => [r.cell_index, Number(r.n)]));
    },
    async ofDrawRange(waveId, after, last) {
      const rows = await sql.rows<ParticipantVignetteRow>(
        `SELECT v.* FROM participant_vignettes v JOIN participants p ON p.id = v.participant_id
         WHERE p.wave_id = $1 AND p.draw_index > $2 AND p.draw_index <= $3 ORDER BY v.participant_id, v.position`,
        [waveId, after, last],
      );
      return groupByParticipant(rows);
    },
  };
}

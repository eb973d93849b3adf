import {
  BY_DRAW_RANGE,
  PROFILE_ORDER,
  toStoredProfileRow,
  type ConjointProfileDbRow,
  type ConjointProfileRepository,
} from '../conjoint-profile-repository.ts';
import type { Sql } from './sql.ts';

const numbered = (text: string): string => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

export function createPgConjointProfileRepository(sql: Sql): ConjointProfileRepository {
  return {
    // One statement for the whole plan (60 rows for the flagship): one round trip, arrays unnested.
    async insertAll(participantId, rows) {
      if (!rows.length) return;
      await sql.run(
        `INSERT INTO conjoint_profiles (participant_id, task, profile, attribute, level, position, level_probability, profile_probability)
         SELECT $1, * FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::float8[], $8::float8[])`,
        [
          participantId,
          rows.map((r) => r.task),
          rows.map((r) => r.profile),
          rows.map((r) => r.attribute),
          rows.map((r) => r.level),
          rows.map((r) => r.position),
          rows.map((r) => r.levelProbability),
          rows.map((r) => r.profileProbability),
        ],
      );
    },
    async listByParticipant(participantId) {
      const rows = await sql.rows<ConjointProfileDbRow>(`SELECT * FROM conjoint_profiles WHERE participant_id = $1 ORDER BY ${PROFILE_ORDER}`, [participantId]);
      return rows.map(toStoredProfileRow);
    },
    async listByDrawRange(waveId, after, last) {
      return (await sql.rows<ConjointProfileDbRow>(numbered(BY_DRAW_RANGE), [waveId, after, last])).map(toStoredProfileRow);
    },
  };
}

import { toRecord, type QualityFlagRepository, type QualityFlagRow } from '../quality-flag-repository.ts';
import type { Sql } from './sql.ts';

/** `cacheKey`: the pool, so that every transaction of one process shares the durations cache. */
export function createPgQualityFlagRepository(sql: Sql, cacheKey: object): QualityFlagRepository {
  const durationsOfWave = (waveId: string) =>
    sql.rows<{ d: number }>('SELECT f.duration_seconds AS d FROM quality_flags f JOIN participants p ON p.id = f.participant_id WHERE p.wave_id = $1', [
      waveId,
    ]);
  // The wave's durations version once this transaction has rewritten the wave's row: its own, until COMMIT.
  let ownVersion: { waveId: string; v: number } | undefined;
  return {
    cacheKey,
    /**
     * Stores the flags and rewrites the participant's wave row unchanged: the new row version's xmin is this
     * transaction's, the wave's durations version (durationsVersion). The completion holds that row's lock already,
     * so the rewrite waits on nothing; it is a heap-only update of a row no index changes. The new xmin comes back
     * with it: no one else can change the row before this transaction ends, so durationsVersion need not ask again,
     * and it is the version returned.
     */
    async insert(participantId, flags, durationSeconds, now, versionBefore) {
      const v = flags.values;
      const row = await sql.one<{ id: string; v: string }>(
        `WITH flagged AS (
           INSERT INTO quality_flags (participant_id, duplicate_panel_id, speeder, straightlining, straightlined_batteries,
             honeypot, attention_failed, duration_seconds, computed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           RETURNING participant_id)
         UPDATE waves w SET status = w.status FROM flagged f JOIN participants p ON p.id = f.participant_id WHERE w.id = p.wave_id
         RETURNING w.id, w.xmin::text AS v`,
        [participantId, v.duplicate_panel_id, v.speeder, v.straightlining, JSON.stringify(flags.straightlined), v.honeypot, v.attention_failed, durationSeconds, now],
      );
      if (!row) return versionBefore;
      ownVersion = { waveId: row.id, v: Number(row.v) };
      return ownVersion.v;
    },
    async get(participantId) {
      const row = await sql.one<QualityFlagRow>('SELECT * FROM quality_flags WHERE participant_id = $1', [participantId]);
      return row && toRecord(row);
    },
    async listByWave(waveId) {
      const rows = await sql.rows<QualityFlagRow>(
        'SELECT f.* FROM quality_flags f JOIN participants p ON p.id = f.participant_id WHERE p.wave_id = $1 ORDER BY p.draw_index',
        [waveId],
      );
      return rows.map(toRecord);
    },
    async sortedDurations(waveId) {
      return Float64Array.from((await durationsOfWave(waveId)).map((r) => r.d)).sort();
    },
    async completedDurations(waveId, exceptParticipantId) {
      const rows = await sql.rows<{ d: number }>(
        'SELECT f.duration_seconds AS d FROM quality_flags f JOIN participants p ON p.id = f.participant_id WHERE p.wave_id = $1 AND p.id != $2',
        [waveId, exceptParticipantId],
      );
      return rows.map((r) => r.d);
    },
    /**
     * The transaction that last wrote the wave's row (its xmin): every flagged complete rewrites it (insert above),
     * so it changes whenever another transaction added one, and after this transaction's own insert it stays put
     * until another one commits. One primary-key lookup, where counting the wave's flags grew with the wave (48 ms
     * at 50,000 completes, read twice per completion). Other writes of the row (pause, close) change it too: the
     * cache is then read again, never wrongly kept. Read under the wave's lock (the completion's transaction).
     */
    async durationsVersion(waveId) {
      if (ownVersion?.waveId === waveId) return ownVersion.v;
      return Number((await sql.one<{ v: string }>('SELECT xmin::text AS v FROM waves WHERE id = $1', [waveId]))!.v);
    },
    async isComplete(participantId) {
      return (await sql.one("SELECT 1 FROM participants WHERE id = $1 AND status = 'complete'", [participantId])) !== undefined;
    },
    // One round trip for all the identities (up to five: the same ID as each panel would store it), as a start's lookup.
    async panelIdInOtherWave(waveId, identities) {
      const row = await sql.one(
        `SELECT 1 FROM waves here JOIN studies this ON this.id = here.study_id
           JOIN studies s ON s.study_key = this.study_key JOIN waves w ON w.study_id = s.id AND w.id != here.id
           JOIN participants p ON p.wave_id = w.id
          WHERE here.id = $1 AND (p.panel_source, p.panel_id) IN (SELECT * FROM unnest($2::text[], $3::text[]))
          LIMIT 1`,
        [waveId, identities.map((i) => i.source), identities.map((i) => i.id)],
      );
      return row !== undefined;
    },
  };
}

import type { QuotaCell } from '../../domain/quota.ts';
import { LAPSED_MARK, type QuotaSlotRepository } from '../quota-slot-repository.ts';
import type { Sql } from './sql.ts';

export function createPgQuotaSlotRepository(sql: Sql): QuotaSlotRepository {
  const touch = (at: string | null, participantId: number) => sql.run('UPDATE quota_slots SET active_at = $1 WHERE participant_id = $2', [at, participantId]);
  return {
    async filled(waveId, cell, cutoff) {
      const row = await sql.one<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM quota_slots
          WHERE wave_id = $1 AND variable = $2 AND level = $3 AND (active_at IS NULL OR active_at > $4)`,
        [waveId, cell.variable, cell.level, cutoff],
      );
      return row!.n;
    },
    async fillByLevel(waveId, cutoff) {
      const rows = await sql.rows<{ variable: string; level: string; completes: number; leased: number }>(
        `SELECT variable, level, (COUNT(*) FILTER (WHERE active_at IS NULL))::int AS completes,
                (COUNT(*) FILTER (WHERE active_at > $1))::int AS leased
           FROM quota_slots WHERE wave_id = $2 GROUP BY variable, level`,
        [cutoff, waveId],
      );
      return new Map(rows.map((r) => [`${r.variable}\0${r.level}`, { completes: r.completes, leased: r.leased }]));
    },
    async hold(participantId, cutoff) {
      const { n, active, held } = (await sql.one<{ n: number; active: string | null; held: boolean }>(
        'SELECT COUNT(*)::int AS n, MAX(active_at) AS active, bool_or(active_at IS NULL) AS held FROM quota_slots WHERE participant_id = $1',
        [participantId],
      ))!;
      if (n === 0) return 'none';
      // As on SQLite (MAX ignores NULLs there too, but only a complete's slots are NULL, all of them at once).
      if (active === null || held) return 'held';
      return active > cutoff ? 'live' : 'expired';
    },
    async leaseRenewedAt(participantId) {
      const row = await sql.one<{ active: string | null; held: boolean }>(
        'SELECT MAX(active_at) AS active, bool_or(active_at IS NULL) AS held FROM quota_slots WHERE participant_id = $1',
        [participantId],
      );
      return row && !row.held ? row.active : null;
    },
    async levels(participantId) {
      return sql.rows<QuotaCell>('SELECT variable, level FROM quota_slots WHERE participant_id = $1 ORDER BY slot_id', [participantId]);
    },
    /** One statement for all the participant's levels: one round trip while the wave's lock is held. */
    async admit(participantId, waveId, cell, at) {
      if (cell.length === 0) return;
      await sql.run(
        `INSERT INTO quota_slots (participant_id, wave_id, variable, level, active_at)
         SELECT $1::integer, $2::text, c.variable, c.level, $5::text FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS c(variable, level, n) ORDER BY c.n`,
        [participantId, waveId, cell.map((c) => c.variable), cell.map((c) => c.level), at],
      );
    },
    async renew(participantId, at) {
      await touch(at, participantId);
    },
    async keep(participantId) {
      await touch(null, participantId);
    },
    async renewLive(participantId, at, cutoff) {
      return (await sql.run('UPDATE quota_slots SET active_at = $1 WHERE participant_id = $2 AND active_at > $3', [at, participantId, cutoff])) > 0;
    },
    async release(participantId) {
      await sql.run('DELETE FROM quota_slots WHERE participant_id = $1', [participantId]);
    },
    // The outer `active_at` test is checked again on a row a concurrent renewal changed (READ COMMITTED): a lease
    // renewed first is left live, and a renewal that waits on this statement's row lock then finds it lapsed.
    async markLapsed(waveId, cell, cutoff) {
      await sql.run(
        `UPDATE quota_slots SET active_at = $1 WHERE active_at > $1 AND active_at <= $2 AND participant_id IN (
           SELECT participant_id FROM quota_slots WHERE wave_id = $3 AND variable = $4 AND level = $5 AND active_at > $1 AND active_at <= $2)`,
        [LAPSED_MARK, cutoff, waveId, cell.variable, cell.level],
      );
    },
  };
}

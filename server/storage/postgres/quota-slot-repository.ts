import type { QuotaCell } from '../../domain/quota.ts';
import { LAPSED_MARK, type QuotaSlotRepository } from '../quota-slot-repository.ts';
import type { Sql } from './sql.ts';

export function createPgQuotaSlotRepository(sql: Sql): QuotaSlotRepository {
  const touch = (endsAt: string | null, participantId: number) => sql.run('UPDATE quota_slots SET lease_ends_at = $1 WHERE participant_id = $2', [endsAt, participantId]);
  return {
    async filled(waveId, cell, at) {
      const row = await sql.one<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM quota_slots
          WHERE wave_id = $1 AND variable = $2 AND level = $3 AND (lease_ends_at IS NULL OR lease_ends_at > $4)`,
        [waveId, cell.variable, cell.level, at],
      );
      return row!.n;
    },
    async fillByLevel(waveId, at) {
      const rows = await sql.rows<{ variable: string; level: string; completes: number; leased: number }>(
        `SELECT variable, level, (COUNT(*) FILTER (WHERE lease_ends_at IS NULL))::int AS completes,
                (COUNT(*) FILTER (WHERE lease_ends_at > $1))::int AS leased
           FROM quota_slots WHERE wave_id = $2 GROUP BY variable, level`,
        [at, waveId],
      );
      return new Map(rows.map((r) => [`${r.variable}\0${r.level}`, { completes: r.completes, leased: r.leased }]));
    },
    async hold(participantId, at) {
      const { n, ends, held } = (await sql.one<{ n: number; ends: string | null; held: boolean }>(
        'SELECT COUNT(*)::int AS n, MAX(lease_ends_at) AS ends, bool_or(lease_ends_at IS NULL) AS held FROM quota_slots WHERE participant_id = $1',
        [participantId],
      ))!;
      if (n === 0) return 'none';
      // As on SQLite (MAX ignores NULLs there too, but only a complete's slots are NULL, all of them at once).
      if (ends === null || held) return 'held';
      return ends > at ? 'live' : 'expired';
    },
    async leaseEndsAt(participantId) {
      const row = await sql.one<{ ends: string | null; held: boolean }>(
        'SELECT MAX(lease_ends_at) AS ends, bool_or(lease_ends_at IS NULL) AS held FROM quota_slots WHERE participant_id = $1',
        [participantId],
      );
      return row && !row.held ? row.ends : null;
    },
    async levels(participantId) {
      return sql.rows<QuotaCell>('SELECT variable, level FROM quota_slots WHERE participant_id = $1 ORDER BY slot_id', [participantId]);
    },
    /** One statement for all the participant's levels: one round trip while the wave's lock is held. */
    async admit(participantId, waveId, cell, endsAt) {
      if (cell.length === 0) return;
      await sql.run(
        `INSERT INTO quota_slots (participant_id, wave_id, variable, level, lease_ends_at)
         SELECT $1::integer, $2::text, c.variable, c.level, $5::text FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS c(variable, level, n) ORDER BY c.n`,
        [participantId, waveId, cell.map((c) => c.variable), cell.map((c) => c.level), endsAt],
      );
    },
    async renew(participantId, endsAt) {
      await touch(endsAt, participantId);
    },
    async keep(participantId) {
      await touch(null, participantId);
    },
    async renewLive(participantId, endsAt, at) {
      return (await sql.run('UPDATE quota_slots SET lease_ends_at = $1 WHERE participant_id = $2 AND lease_ends_at > $3', [endsAt, participantId, at])) > 0;
    },
    async release(participantId) {
      await sql.run('DELETE FROM quota_slots WHERE participant_id = $1', [participantId]);
    },
    // The outer `lease_ends_at` test is checked again on a row a concurrent renewal changed (READ COMMITTED): a lease
    // renewed first is left live, and a renewal that waits on this statement's row lock then finds it lapsed.
    async markLapsed(waveId, cell, at) {
      await sql.run(
        `UPDATE quota_slots SET lease_ends_at = $1 WHERE lease_ends_at > $1 AND lease_ends_at <= $2 AND participant_id IN (
           SELECT participant_id FROM quota_slots WHERE wave_id = $3 AND variable = $4 AND level = $5 AND lease_ends_at > $1 AND lease_ends_at <= $2)`,
        [LAPSED_MARK, at, waveId, cell.variable, cell.level],
      );
    },
  };
}

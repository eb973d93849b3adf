import type { QuotaCell } from '../domain/quota.ts';
import type { Db } from './db.ts';

/** A participant's hold on their quota levels: none yet, a lease still running or lapsed, or held for good (complete). */
export type QuotaHold = 'none' | 'live' | 'expired' | 'held';

/**
 * The `lease_ends_at` of a lease a quota count has treated as lapsed: before every instant, so it stays lapsed
 * whatever clock looks at it next. Processes whose clocks differ (several hosts on one PostgreSQL database, or one host
 * whose clock stepped) disagree on when a lease lapses; without the mark, one gave a slot away while another,
 * whose clock said the lease was still live, renewed it, and both participants completed over the cap.
 */
export const LAPSED_MARK = '1970-01-01T00:00:00.000Z';

/** A level's slots: completes (held for good) and live leases. */
export interface LevelFill {
  completes: number;
  leased: number;
}

/**
 * The quota levels each admitted participant holds, one row per quota variable (migration 005). A slot of a
 * participant who has not completed is a lease: it counts while its `lease_ends_at` is after the caller's now. The
 * process that takes or renews a lease writes its end (its time + its VLAB_QUOTA_LEASE_SECONDS, migration 014), so
 * every process counts the same leases whatever its own setting. Completing makes it permanent (`lease_ends_at`
 * NULL); leaving (screened out, over quota) removes it. Read and written inside the IMMEDIATE transactions of the
 * respondent path, and every count is a range of the (wave, variable, level, lease_ends_at) index.
 */
export function createQuotaSlotRepository(db: Db) {
  const filled = db
    .prepare<[{ wave: string; variable: string; level: string; at: string }], number>(
      `SELECT (SELECT COUNT(*) FROM quota_slots WHERE wave_id = @wave AND variable = @variable AND level = @level AND lease_ends_at IS NULL)
            + (SELECT COUNT(*) FROM quota_slots WHERE wave_id = @wave AND variable = @variable AND level = @level AND lease_ends_at > @at)`,
    )
    .pluck();
  const byLevel = db.prepare<[string, string], { variable: string; level: string; completes: number; leased: number }>(
    `SELECT variable, level, COALESCE(SUM(lease_ends_at IS NULL), 0) AS completes, COALESCE(SUM(lease_ends_at > ?), 0) AS leased
       FROM quota_slots WHERE wave_id = ? GROUP BY variable, level`,
  );
  const hold = db.prepare<[number], { n: number; ends: string | null }>(
    'SELECT COUNT(*) AS n, MAX(lease_ends_at) AS ends FROM quota_slots WHERE participant_id = ?',
  );
  const levels = db.prepare<[number], QuotaCell>('SELECT variable, level FROM quota_slots WHERE participant_id = ? ORDER BY rowid');
  const insert = db.prepare<[number, string, string, string, string | null]>(
    'INSERT INTO quota_slots (participant_id, wave_id, variable, level, lease_ends_at) VALUES (?, ?, ?, ?, ?)',
  );
  const touch = db.prepare<[string | null, number]>('UPDATE quota_slots SET lease_ends_at = ? WHERE participant_id = ?');
  const touchLive = db.prepare<[string | null, number, string]>('UPDATE quota_slots SET lease_ends_at = ? WHERE participant_id = ? AND lease_ends_at > ?');
  const release = db.prepare<[number]>('DELETE FROM quota_slots WHERE participant_id = ?');
  const markLapsed = db.prepare<{ wave: string; variable: string; level: string; at: string; mark: string }>(
    `UPDATE quota_slots SET lease_ends_at = @mark WHERE lease_ends_at > @mark AND lease_ends_at <= @at AND participant_id IN (
       SELECT participant_id FROM quota_slots WHERE wave_id = @wave AND variable = @variable AND level = @level AND lease_ends_at > @mark AND lease_ends_at <= @at)`,
  );

  return {
    /** Slots of a level that count at `at`: completes plus leases that end after it. */
    async filled(waveId: string, cell: QuotaCell, at: string): Promise<number> {
      return filled.get({ wave: waveId, variable: cell.variable, level: cell.level, at })!;
    },
    /** `variable\0level` → completes and leases live at `at`. */
    async fillByLevel(waveId: string, at: string): Promise<Map<string, LevelFill>> {
      return new Map(byLevel.all(at, waveId).map((r) => [`${r.variable}\0${r.level}`, { completes: r.completes, leased: r.leased }]));
    },
    async hold(participantId: number, at: string): Promise<QuotaHold> {
      const { n, ends } = hold.get(participantId)!;
      if (n === 0) return 'none';
      if (ends === null) return 'held';
      return ends > at ? 'live' : 'expired';
    },
    /** When the participant's lease ends (or ended), or null: no slots, or held for good. */
    async leaseEndsAt(participantId: number): Promise<string | null> {
      const { n, ends } = hold.get(participantId)!;
      return n === 0 ? null : ends;
    },
    /** The levels a participant holds (or held, if their lease lapsed). */
    async levels(participantId: number): Promise<QuotaCell[]> {
      return levels.all(participantId);
    },
    /** Takes the participant's slots, as a lease that ends at `endsAt`, or for good (`null`: they complete now). */
    async admit(participantId: number, waveId: string, cell: readonly QuotaCell[], endsAt: string | null): Promise<void> {
      for (const c of cell) insert.run(participantId, waveId, c.variable, c.level, endsAt);
    },
    /** Makes the participant's lease end at `endsAt` (a save, or a re-admission after it lapsed). */
    async renew(participantId: number, endsAt: string): Promise<void> {
      touch.run(endsAt, participantId);
    },
    /** The participant completed: their slots are held for good. */
    async keep(participantId: number): Promise<void> {
      touch.run(null, participantId);
    },
    /**
     * `renew` (to an end) or `keep` (null) in one statement, if the participant's lease is live at `at`: true if it
     * was (a participant's slots are leased and renewed together, so all are live or none is).
     */
    async renewLive(participantId: number, endsAt: string | null, at: string): Promise<boolean> {
      return touchLive.run(endsAt, participantId, at).changes > 0;
    },
    /** The participant left without completing: their slots are free at once. */
    async release(participantId: number): Promise<void> {
      release.run(participantId);
    },
    /** Marks every slot of the participants whose lease in the level lapsed by `at` with LAPSED_MARK (see there). */
    async markLapsed(waveId: string, cell: QuotaCell, at: string): Promise<void> {
      markLapsed.run({ wave: waveId, variable: cell.variable, level: cell.level, at, mark: LAPSED_MARK });
    },
  };
}
export type QuotaSlotRepository = ReturnType<typeof createQuotaSlotRepository>;

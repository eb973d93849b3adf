import type { Db } from './db.ts';

/** How fast completes arrive: those after each cutoff (an hour and a day before now) and the latest's time. */
export interface WavePace {
  lastHour: number;
  lastDay: number;
  lastCompleteAt: string | null;
}

export interface WaveFunnelCounts {
  started: number;
  consented: number;
  reachedVignette: number;
  completed: number;
}

/**
 * Aggregates over a wave's participants for monitoring. The funnel reads the page each participant last
 * saved: past page 0 means consent was given (declining ends the survey), at or past the treatment page means
 * the vignette was shown; finished participants count by their status.
 */
export function createWaveProgressRepository(db: Db) {
  const completes = db.prepare<[string], number>("SELECT COUNT(*) FROM participants WHERE wave_id = ? AND status = 'complete'").pluck();
  // Draw indexes are gap-free from 0: the largest, found on the (wave_id, draw_index) index, counts them.
  const drawn = db.prepare<[string], number>('SELECT COALESCE(MAX(draw_index) + 1, 0) FROM participants WHERE wave_id = ?').pluck();
  const funnel = db.prepare<[number, string], WaveFunnelCounts>(
    `SELECT COUNT(*) AS started,
       COALESCE(SUM(status IN ('complete', 'overquota') OR (status = 'started' AND current_page >= 1)), 0) AS consented,
       COALESCE(SUM(status = 'complete' OR (status = 'started' AND current_page >= ?)), 0) AS reachedVignette,
       COALESCE(SUM(status = 'complete'), 0) AS completed
     FROM participants WHERE wave_id = ?`,
  );
  const partials = db.prepare<{ at: string; cutoff: string; wave: string }, { live: number; n: number }>(
    `SELECT COALESCE(SUM(COALESCE((SELECT MAX(q.lease_ends_at) FROM quota_slots q WHERE q.participant_id = p.id) > @at, p.updated_at > @cutoff)), 0) AS live,
            COUNT(*) AS n
       FROM participants p WHERE p.wave_id = @wave AND p.status = 'started'`,
  );
  const pace = db.prepare<[string, string, string], WavePace>(
    `SELECT COALESCE(SUM(completed_at > ?), 0) AS lastHour, COALESCE(SUM(completed_at > ?), 0) AS lastDay, MAX(completed_at) AS lastCompleteAt
     FROM participants WHERE wave_id = ? AND status = 'complete'`,
  );
  const completesByCell = db.prepare<[string], { cell_index: number; n: number }>(
    "SELECT cell_index, COUNT(*) AS n FROM participants WHERE wave_id = ? AND status = 'complete' GROUP BY cell_index",
  );

  return {
    async completes(waveId: string): Promise<number> {
      return completes.get(waveId)!;
    },
    /** Participants drawn into the wave so far, whatever their status. */
    async drawn(waveId: string): Promise<number> {
      return drawn.get(waveId)!;
    },
    /** `treatmentPage` is the index of the vignette page in the participant's survey. */
    async funnel(waveId: string, treatmentPage: number): Promise<WaveFunnelCounts> {
      return funnel.get(treatmentPage, waveId)!;
    },
    /**
     * Started participants live at `at` and those idle: one who holds quota slots is live while their lease runs
     * (its stored end, as every quota count reads it, whatever this process's lease); one who holds none (no quotas,
     * or before the quota step) while their last save or their start is after `cutoff`.
     */
    async partials(waveId: string, at: string, cutoff: string): Promise<{ live: number; expired: number }> {
      const { live, n } = partials.get({ at, cutoff, wave: waveId })!;
      return { live, expired: n - live };
    },
    /** Completes after `hourAgo` and after `dayAgo` (ISO times, as completed_at is stored), and the latest's time. */
    async pace(waveId: string, hourAgo: string, dayAgo: string): Promise<WavePace> {
      return pace.get(hourAgo, dayAgo, waveId)!;
    },
    async completesByCell(waveId: string): Promise<Map<number, number>> {
      return new Map(completesByCell.all(waveId).map((r) => [r.cell_index, r.n]));
    },
  };
}
export type WaveProgressRepository = ReturnType<typeof createWaveProgressRepository>;

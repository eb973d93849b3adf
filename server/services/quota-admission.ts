import type { Answers } from '../domain/answers.ts';
import { fullQuotaLevel, quotaCaps, quotaCellOf, type QuotaCell } from '../domain/quota.ts';
import type { Participant } from '../domain/participant.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Wave } from '../domain/wave.ts';
import type { Repositories } from '../storage/repositories.ts';
import { lockedWaveOf } from './wave-lookup.ts';

/**
 * `admit`: the quota step (a participant without a slot takes one); `renew`: only a participant who holds a slot
 * (a save after the quota step), whose lease restarts — or, if it lapsed, is checked again like a new admission;
 * `keep`: the completion, after which the slots are held for good.
 */
export type QuotaStepMode = 'admit' | 'renew' | 'keep';

/**
 * What the quota step did: `full` is the level that turns the participant away, or null; `leased` says they hold
 * a lease that runs from the step's time (so `VLAB_QUOTA_LEASE_SECONDS` are left of it).
 */
export interface QuotaStepResult {
  full: QuotaCell | null;
  leased: boolean;
}
const NO_LEASE: QuotaStepResult = { full: null, leased: false };

/**
 * When a lease taken or renewed at `at` ends: stored with the lease, so every process counts it live until then,
 * whatever its own VLAB_QUOTA_LEASE_SECONDS (before, each counted with its own now − its own setting).
 */
export const leaseEnd = (at: string, leaseSeconds: number): string => new Date(Date.parse(at) + leaseSeconds * 1000).toISOString();

/**
 * Completes plus leases live at `at` of each of `cell`'s levels that has a cap, counted ahead (the repositories
 * are async). A lease the count leaves out is marked lapsed first, for every clock: a process whose clock runs
 * behind this one's would otherwise still renew it, and its holder complete over the cap (quota-slot-repository.ts).
 */
async function filledLevels(tx: Repositories, waveId: string, caps: readonly QuotaCell[], cell: readonly QuotaCell[], at: string): Promise<Map<QuotaCell, number>> {
  const filled = new Map<QuotaCell, number>();
  for (const c of cell) {
    if (!caps.some((q) => q.variable === c.variable && q.level === c.level)) continue;
    await tx.quotaSlots.markLapsed(waveId, c, at);
    filled.set(c, await tx.quotaSlots.filled(waveId, c, at));
  }
  return filled;
}

/**
 * The quota step and the target check of the respondent path. Every method must run inside the caller's write
 * transaction (on the respondent path, with the participant locked). Counting a quota level and taking a slot in
 * it (or counting completes and closing the wave) is one atomic step under the wave's lock (WaveRepository.lock:
 * BEGIN IMMEDIATE on SQLite; the wave's row FOR UPDATE on PostgreSQL), so concurrent respondents can never
 * overfill a level or overshoot the close: the step takes it only when it counts (a renewed or kept lease does
 * not); `targetReached` needs the caller to hold it.
 *
 * Slots of participants who have not completed are leases of `leaseSeconds` from their last save (or
 * admission), their end stored with them (so a process with another setting counts them alike): an abandoned start frees its slot, and its late return is checked again. A level takes a new
 * participant while its completes plus live leases are under its cap, so it never holds more than the cap.
 */
export function createQuotaAdmission(leaseSeconds: number) {
  /** The first of `cell`'s levels with no room for one more participant at `at`, or null. */
  async function fullLevel(tx: Repositories, { id: waveId }: Wave, def: StudyDefinition, cell: readonly QuotaCell[], at: string): Promise<QuotaCell | null> {
    // Counting and taking a slot is one step per wave: the wave's lock, held to COMMIT, and its target as of now.
    const wave = await lockedWaveOf(tx, waveId);
    const caps = quotaCaps(def, wave.target).filter((q) => cell.some((c) => c.variable === q.variable && c.level === q.level));
    // Each other participant drawn holds at most one slot per variable: while they are fewer than the smallest
    // cap of this participant's levels, none of those levels can be full, and the counts are not needed.
    const others = (await tx.waveProgress.drawn(wave.id)) - 1;
    if (others < Math.min(...caps.map((q) => q.cap))) return null;
    const filled = await filledLevels(tx, wave.id, caps, cell, at);
    return fullQuotaLevel(caps, cell, (c) => filled.get(c) ?? 0);
  }

  return {
    /** VLAB_QUOTA_LEASE_SECONDS: what is left of a lease the step just took or renewed. */
    leaseSeconds,

    /**
     * Runs the quota step at `at` (see QuotaStepMode): `full` is the level that turns the participant away, or null
     * (admitted, lease renewed, or nothing to do: no quotas, `renew` without a slot); `leased` says the participant
     * now holds a lease that runs from `at` (not after `keep`, which holds the slots for good).
     */
    async step(tx: Repositories, wave: Wave, def: StudyDefinition, participant: Participant, answers: Answers, at: string, mode: QuotaStepMode): Promise<QuotaStepResult> {
      if (!def.quotas) return NO_LEASE;
      const slots = tx.quotaSlots;
      const endsAt = leaseEnd(at, leaseSeconds);
      const taken: QuotaStepResult = { full: null, leased: mode !== 'keep' };
      // A save past the quota step or a completion mostly finds a live lease: renewed or kept in one statement,
      // and only otherwise is the hold read. The quota step itself mostly finds no slot, so it reads the hold first.
      if (mode !== 'admit' && (await slots.renewLive(participant.id, mode === 'keep' ? null : endsAt, at))) return taken;
      let hold = await slots.hold(participant.id, at);
      // A live lease read here is renewed only while still live: another process's count may have marked it lapsed
      // since the read (a count needs no lock of this participant) and refilled the level; renewing it then put the
      // level over its cap (attacker pass 44). Lapsed so, it is checked again as a late return is.
      if (hold === 'live' && mode === 'admit') {
        if (await slots.renewLive(participant.id, endsAt, at)) return taken;
        hold = 'expired';
      }
      if (hold === 'held' || (hold === 'none' && mode === 'renew')) return NO_LEASE;
      if (hold !== 'live') {
        // A lapsed lease no longer counts, so the participant's own levels are counted without them.
        const cell = hold === 'expired' ? await slots.levels(participant.id) : quotaCellOf(def, answers);
        const full = await fullLevel(tx, wave, def, cell, at);
        if (full) return { full, leased: false };
        if (hold === 'none') {
          await slots.admit(participant.id, wave.id, cell, mode === 'keep' ? null : endsAt);
          return taken;
        }
      }
      if (mode === 'keep') await slots.keep(participant.id);
      else await slots.renew(participant.id, endsAt);
      return taken;
    },

    /** Whole seconds (rounded down) until the participant's lease lapses at `at`, or null: no lease, or lapsed. */
    async secondsLeft(repos: Repositories, def: StudyDefinition, participant: Participant, at: string): Promise<number | null> {
      if (!def.quotas || participant.status !== 'started') return null;
      const endsAt = await repos.quotaSlots.leaseEndsAt(participant.id);
      if (endsAt === null) return null;
      const left = Math.floor((Date.parse(endsAt) - Date.parse(at)) / 1000);
      return left > 0 ? left : null;
    },

    /** The participant left without completing: their slots are free at once. */
    async release(tx: Repositories, def: StudyDefinition, participant: Participant): Promise<void> {
      if (def.quotas) await tx.quotaSlots.release(participant.id);
    },

    /**
     * Completes have reached the wave's target. They cannot while fewer participants were drawn: no count then. The
     * caller holds the wave's lock and `wave` was read under it: every completion counts under it, so the last one
     * to reach the target sees all the others.
     */
    async targetReached(tx: Repositories, wave: Wave): Promise<boolean> {
      return (await tx.waveProgress.drawn(wave.id)) >= wave.target && (await tx.waveProgress.completes(wave.id)) >= wave.target;
    },
  };
}
export type QuotaAdmission = ReturnType<typeof createQuotaAdmission>;

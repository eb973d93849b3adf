import type { Answers } from '../domain/answers.ts';
import { fullQuotaLevel, quotaCaps, quotaCellOf, type QuotaCell } from '../domain/quota.ts';
import type { Participant } from '../domain/participant.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Wave } from '../domain/wave.ts';
import type { Db } from '../storage/db.ts';
import { createQuotaSlotRepository } from '../storage/quota-slot-repository.ts';
import { createWaveProgressRepository } from '../storage/wave-progress-repository.ts';

export type AdmissionResult = { admitted: true } | { admitted: false; full: QuotaCell };

/**
 * The quota step and the target check of the respondent path. Every method must run inside the caller's
 * IMMEDIATE transaction: counting a quota level and taking a slot in it (or counting completes and closing
 * the wave) is one atomic step, so concurrent respondents can never overfill a level or overshoot the close.
 */
export function createQuotaAdmission(db: Db) {
  const slots = createQuotaSlotRepository(db);
  const progress = createWaveProgressRepository(db);

  return {
    /** True while a participant of a wave with quotas has not yet passed the quota step. */
    pending(def: StudyDefinition, participant: Participant): boolean {
      return def.quotas !== undefined && !slots.isAdmitted(participant.id);
    },

    /** Counts the participant's quota levels and takes a slot in each, or names the first full level. */
    admit(wave: Wave, def: StudyDefinition, participant: Participant, answers: Answers): AdmissionResult {
      const cell = quotaCellOf(def, answers);
      const caps = quotaCaps(def, wave.target).filter((q) => cell.some((c) => c.variable === q.variable && c.level === q.level));
      // Each other participant drawn holds at most one slot per variable: while they are fewer than the smallest
      // cap of this participant's levels, none of those levels can be full, and the counts (which read every
      // slot of the level) are not needed.
      const others = progress.drawn(wave.id) - 1;
      const full = others < Math.min(...caps.map((q) => q.cap)) ? null : fullQuotaLevel(caps, cell, (c) => slots.filled(wave.id, c));
      if (full) return { admitted: false, full };
      slots.admit(participant.id, wave.id, cell);
      return { admitted: true };
    },

    /** Completes have reached the wave's target. They cannot while fewer participants were drawn: no count then. */
    targetReached(wave: Wave): boolean {
      return progress.drawn(wave.id) >= wave.target && progress.completes(wave.id) >= wave.target;
    },
  };
}
export type QuotaAdmission = ReturnType<typeof createQuotaAdmission>;

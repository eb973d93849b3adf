import type { Answers } from '../domain/answers.ts';
import type { Participant } from '../domain/participant.ts';
import { completionFlags, QUALITY_FLAGS, speederFlag, type QualityFlagValues } from '../domain/quality-flags.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Repositories } from '../storage/repositories.ts';

/**
 * Quality flags over their repository. `recordCompletion` runs inside the completion's transaction (the caller
 * holds it), so a completion and its flags are committed together or not at all.
 */
export function createQualityFlagService(repos: Repositories) {
  return {
    recordCompletion(input: {
      participant: Participant;
      def: StudyDefinition;
      answers: Answers;
      derived: Record<string, number>;
      honeypot: string | undefined;
      completedAt: string;
    }): QualityFlagValues {
      const { participant: p } = input;
      const durationSeconds = (Date.parse(input.completedAt) - Date.parse(p.startedAt)) / 1000;
      const flags = completionFlags({
        def: input.def,
        answers: input.answers,
        derived: input.derived,
        honeypot: input.honeypot,
        duplicatePanelId: p.panelSource !== null && p.panelId !== null && repos.qualityFlags.panelIdInOtherWave(p.waveId, p.panelSource, p.panelId),
        durationSeconds,
        otherDurations: repos.qualityFlags.completedDurations(p.waveId, p.id),
      });
      repos.qualityFlags.insert(p.id, flags, durationSeconds, input.completedAt);
      return flags.values;
    },

    /**
     * Every flagged participant of a wave (participant id → flags) as exports write them. The speeder flag is
     * judged again against the median of the wave's other completes now: early completes, judged against few
     * or no others at the time, get the same rule as late ones.
     */
    flagsForWave(waveId: string): Map<number, QualityFlagValues> {
      const records = repos.qualityFlags.listByWave(waveId);
      const durations = records.map((r) => r.durationSeconds);
      const out = new Map<number, QualityFlagValues>();
      records.forEach((r, i) => {
        const others = durations.filter((_, j) => j !== i);
        out.set(r.participantId, { ...r.values, speeder: speederFlag(r.durationSeconds, others) });
      });
      return out;
    },

    /** The bare flag names, for `waveColumns(def, { flags })`. */
    names: QUALITY_FLAGS,
  };
}
export type QualityFlagService = ReturnType<typeof createQualityFlagService>;

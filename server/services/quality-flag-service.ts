import type { Answers } from '../domain/answers.ts';
import type { Participant } from '../domain/participant.ts';
import { completionFlags, QUALITY_FLAGS, speederAmong, type QualityFlagValues } from '../domain/quality-flags.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Repositories } from '../storage/repositories.ts';

/**
 * Quality flags over their repository. `recordCompletion` runs inside the completion's transaction (the caller
 * holds it), so a completion and its flags are committed together or not at all.
 */
export function createQualityFlagService(repos: Repositories) {
  // The wave's sorted completion times, kept while no new complete arrives (one export reads them per row).
  const durationCache = new Map<string, { key: string; sorted: number[] }>();
  function sortedDurations(waveId: string): number[] {
    const key = repos.qualityFlags.fingerprint(waveId);
    let cached = durationCache.get(waveId);
    if (!cached || cached.key !== key) {
      cached = { key, sorted: repos.qualityFlags.sortedDurations(waveId) };
      durationCache.set(waveId, cached);
    }
    return cached.sorted;
  }

  /**
   * One participant's flags as exports write them (null for participants without flags: not complete). The
   * speeder flag is judged again against the median of the wave's other completes now, so early completes,
   * judged against few or no others at the time, get the same rule as late ones.
   */
  function exportedFlags(participantId: number, waveId: string): Record<string, number | null> | undefined {
    const record = repos.qualityFlags.get(participantId);
    if (!record) return undefined;
    return { ...record.values, speeder: speederAmong(record.durationSeconds, sortedDurations(waveId)) };
  }

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

    /** Every flagged participant of a wave (participant id → flags), as exports write them. */
    flagsForWave(waveId: string): Map<number, QualityFlagValues> {
      const out = new Map<number, QualityFlagValues>();
      for (const r of repos.qualityFlags.listByWave(waveId)) out.set(r.participantId, exportedFlags(r.participantId, waveId) as QualityFlagValues);
      return out;
    },

    /** The export service's QualityFlagSource: `flag_<name>` columns filled per participant. */
    exportSource() {
      return {
        names: QUALITY_FLAGS,
        flagsFor: (row: { participant: Participant }): Record<string, number | null> =>
          exportedFlags(row.participant.id, row.participant.waveId) ?? {},
      };
    },
  };
}
export type QualityFlagService = ReturnType<typeof createQualityFlagService>;

import type { Answers } from '../domain/answers.ts';
import { durationSeconds, type Participant } from '../domain/participant.ts';
import { completionFlags, QUALITY_FLAGS, sortedIndexOf, speederAmong, type QualityFlagValues } from '../domain/quality-flags.ts';
import { RunningMedian } from '../domain/running-median.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Db } from '../storage/db.ts';
import type { Repositories } from '../storage/repositories.ts';

/** A wave's completion durations as of `dataVersion`; `lastAdded` is the last participant added. */
interface DurationCacheEntry {
  dataVersion: number;
  lastAdded: number | null;
  durations: RunningMedian;
}

// One per connection: two services over one connection (the app's and a test's) must see each other's completes.
const durationCaches = new WeakMap<Db, Map<string, DurationCacheEntry>>();

/**
 * Quality flags over their repository. `recordCompletion` runs inside the completion's transaction (the caller
 * holds it), so a completion and its flags are committed together or not at all.
 */
export function createQualityFlagService(repos: Repositories) {
  const cacheOf = () => {
    let cache = durationCaches.get(repos.qualityFlags.connection);
    if (!cache) durationCaches.set(repos.qualityFlags.connection, (cache = new Map()));
    return cache;
  };

  /**
   * The durations of the wave's completes other than `p` (who is complete in the caller's transaction), as a
   * running median, from the connection's cache: reading every complete of the wave made each completion O(N). The
   * cache holds while no other connection has committed (SQLite's data_version), and while the last complete
   * added to it is complete: if its transaction rolled back, the cache is read again.
   */
  function othersEntry(p: Participant): DurationCacheEntry {
    const cache = cacheOf();
    const dataVersion = repos.qualityFlags.dataVersion();
    let cached = cache.get(p.waveId);
    if (!cached || cached.dataVersion !== dataVersion || (cached.lastAdded !== null && !repos.qualityFlags.isComplete(cached.lastAdded))) {
      const sorted = Float64Array.from(repos.qualityFlags.completedDurations(p.waveId, p.id)).sort();
      cached = { dataVersion, lastAdded: null, durations: RunningMedian.fromSorted(sorted) };
      cache.set(p.waveId, cached);
    }
    return cached;
  }

  /**
   * One participant's flags as exports write them (null for participants without flags: not complete). The
   * speeder flag is judged again against the median of the wave's other completes now, so early completes,
   * judged against few or no others at the time, get the same rule as late ones. `durations` are the wave's,
   * read once per export; a complete newer than them (it arrived during the export) has them read again.
   */
  function exportedFlags(participantId: number, waveId: string, durations: { sorted: Float64Array }): Record<string, number | null> | undefined {
    const record = repos.qualityFlags.get(participantId);
    if (!record) return undefined;
    if (sortedIndexOf(durations.sorted, record.durationSeconds) < 0) durations.sorted = repos.qualityFlags.sortedDurations(waveId);
    return { ...record.values, speeder: speederAmong(record.durationSeconds, durations.sorted) };
  }

  return {
    /** Drops this connection's cached durations (writes they may include were rolled back); the next completion reads them again. */
    forgetCachedDurations(): void {
      cacheOf().clear();
    },

    recordCompletion(input: {
      participant: Participant;
      def: StudyDefinition;
      answers: Answers;
      derived: Record<string, number>;
      honeypot: string | undefined;
      completedAt: string;
    }): QualityFlagValues {
      const { participant: p } = input;
      const seconds = durationSeconds(p, input.completedAt);
      const others = othersEntry(p);
      const flags = completionFlags({
        def: input.def,
        answers: input.answers,
        derived: input.derived,
        honeypot: input.honeypot,
        duplicatePanelId: p.panelSource !== null && p.panelId !== null && repos.qualityFlags.panelIdInOtherWave(p.waveId, p.panelSource, p.panelId),
        durationSeconds: seconds,
        otherDurations: others.durations,
      });
      repos.qualityFlags.insert(p.id, flags, seconds, input.completedAt);
      // Then this complete joins the cache, with the duration just stored.
      others.durations.add(seconds);
      others.lastAdded = p.id;
      return flags.values;
    },

    /** Every flagged participant of a wave (participant id → flags), as exports write them. */
    flagsForWave(waveId: string): Map<number, QualityFlagValues> {
      const durations = { sorted: repos.qualityFlags.sortedDurations(waveId) };
      const out = new Map<number, QualityFlagValues>();
      for (const r of repos.qualityFlags.listByWave(waveId)) out.set(r.participantId, exportedFlags(r.participantId, waveId, durations) as QualityFlagValues);
      return out;
    },

    /** The export service's QualityFlagSource: `flag_<name>` columns filled per participant. */
    exportSource() {
      return {
        names: QUALITY_FLAGS,
        forWave: (waveId: string) => {
          const durations = { sorted: repos.qualityFlags.sortedDurations(waveId) };
          return (row: { participant: Participant }): Record<string, number | null> => exportedFlags(row.participant.id, waveId, durations) ?? {};
        },
      };
    },
  };
}
export type QualityFlagService = ReturnType<typeof createQualityFlagService>;

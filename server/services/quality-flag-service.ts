import type { Answers } from '../domain/answers.ts';
import { panelIdentitiesToMatch } from '../domain/panel.ts';
import { durationSeconds, isPossibleDuration, type Participant } from '../domain/participant.ts';
import { completionFlags, possibleDurations, QUALITY_FLAGS, sortedIndexOf, speederAmong, type QualityFlagValues } from '../domain/quality-flags.ts';
import { RunningMedian } from '../domain/running-median.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Repositories } from '../storage/repositories.ts';

/** A wave's completion durations as of `version` (QualityFlagRepository.durationsVersion); `lastAdded` is the last participant added. */
interface DurationCacheEntry {
  version: number;
  lastAdded: number | null;
  durations: RunningMedian;
}

/** The wave's possible durations, ascending: what the speeder median is taken over. */
const sortedPossible = async (repos: Repositories, waveId: string) => possibleDurations(await repos.qualityFlags.sortedDurations(waveId));

// One per connection (or pool): two services over one connection (the app's and a test's) must see each other's completes.
const durationCaches = new WeakMap<object, Map<string, DurationCacheEntry>>();

/**
 * Quality flags over their repository. `recordCompletion` runs inside the completion's transaction (the caller
 * holds it), so a completion and its flags are committed together or not at all.
 */
// Whole on purpose (~100 lines): a factory whose body is its methods, each short, sharing the per-wave duration cache.
export function createQualityFlagService() {
  const cacheOf = (repos: Repositories) => {
    let cache = durationCaches.get(repos.qualityFlags.cacheKey);
    if (!cache) durationCaches.set(repos.qualityFlags.cacheKey, (cache = new Map()));
    return cache;
  };

  /**
   * The durations of the wave's completes other than `p` (who is complete in the caller's transaction), as a
   * running median, from the connection's cache: reading every complete of the wave made each completion O(N). The
   * cache holds while no other connection has added a complete (QualityFlagRepository.durationsVersion), and while
   * the last complete added to it is complete: if its transaction rolled back, the cache is read again.
   */
  async function othersEntry(repos: Repositories, p: Participant): Promise<DurationCacheEntry> {
    const cache = cacheOf(repos);
    const version = await repos.qualityFlags.durationsVersion(p.waveId);
    let cached = cache.get(p.waveId);
    if (!cached || cached.version !== version || (cached.lastAdded !== null && !(await repos.qualityFlags.isComplete(cached.lastAdded)))) {
      const sorted = possibleDurations(Float64Array.from(await repos.qualityFlags.completedDurations(p.waveId, p.id)).sort());
      cached = { version, lastAdded: null, durations: RunningMedian.fromSorted(sorted) };
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
  async function exportedFlags(
    repos: Repositories,
    participantId: number,
    waveId: string,
    durations: { sorted: Float64Array },
  ): Promise<Record<string, number | null> | undefined> {
    const record = await repos.qualityFlags.get(participantId);
    if (!record) return undefined;
    if (!isPossibleDuration(record.durationSeconds)) return { ...record.values, speeder: null };
    if (sortedIndexOf(durations.sorted, record.durationSeconds) < 0) durations.sorted = await sortedPossible(repos, waveId);
    return { ...record.values, speeder: speederAmong(record.durationSeconds, durations.sorted) };
  }

  return {
    /** Drops this connection's cached durations (writes they may include were rolled back); the next completion reads them again. */
    forgetCachedDurations(repos: Repositories): void {
      cacheOf(repos).clear();
    },

    /** Inside the completion's write transaction, whose repositories `repos` are. */
    async recordCompletion(repos: Repositories, input: {
      participant: Participant;
      def: StudyDefinition;
      answers: Answers;
      derived: Record<string, number>;
      honeypot: string | undefined;
      completedAt: string;
    }): Promise<QualityFlagValues> {
      const { participant: p } = input;
      const seconds = durationSeconds(p, input.completedAt);
      const others = await othersEntry(repos, p);
      const flags = completionFlags({
        def: input.def,
        answers: input.answers,
        derived: input.derived,
        honeypot: input.honeypot,
        duplicatePanelId: await panelIdInOtherWave(repos, p),
        durationSeconds: seconds,
        otherDurations: others.durations,
      });
      // others.version was read just now (othersEntry); the insert returns the version that includes this complete.
      const version = await repos.qualityFlags.insert(p.id, flags, seconds, input.completedAt, others.version);
      // Then this complete joins the cache, with the duration just stored, as of that version.
      if (isPossibleDuration(seconds)) others.durations.add(seconds);
      others.lastAdded = p.id;
      others.version = version;
      return flags.values;
    },

    /** Every flagged participant of a wave (participant id → flags), as exports write them. */
    async flagsForWave(repos: Repositories, waveId: string): Promise<Map<number, QualityFlagValues>> {
      const durations = { sorted: await sortedPossible(repos, waveId) };
      const out = new Map<number, QualityFlagValues>();
      for (const r of await repos.qualityFlags.listByWave(waveId)) {
        out.set(r.participantId, (await exportedFlags(repos, r.participantId, waveId, durations)) as QualityFlagValues);
      }
      return out;
    },

    /** The export service's QualityFlagSource: `flag_<name>` columns filled per participant. */
    exportSource(repos: Repositories) {
      return {
        names: QUALITY_FLAGS,
        forWave: async (waveId: string) => {
          const durations = { sorted: await sortedPossible(repos, waveId) };
          return async (row: { participant: Participant }): Promise<Record<string, number | null>> =>
            (await exportedFlags(repos, row.participant.id, waveId, durations)) ?? {};
        },
      };
    },
  };
}
export type QualityFlagService = ReturnType<typeof createQualityFlagService>;

/**
 * The participant's panel ID started in another wave of the study, under any panel's parameter: the same rule as a
 * start in one wave (panelIdentitiesToMatch), so an ID moved from `PROLIFIC_PID` to `workerId` is still flagged.
 */
async function panelIdInOtherWave(repos: Repositories, p: Participant): Promise<boolean> {
  const identities = panelIdentitiesToMatch(p.panelParams);
  return identities.length > 0 && repos.qualityFlags.panelIdInOtherWave(p.waveId, identities);
}

import { setMostRecent } from '../recent-map.ts';
import type { EstimatesService, WaveEstimates } from './estimates-service.ts';

/** Waves whose latest estimates are kept; the dashboard shows one wave at a time. */
const CACHED_WAVES = 8;

/**
 * A wave's estimates are a function of its locked plan and its completed participants, and a complete never
 * changes: so estimates are kept by (wave, plan hash, number of completes) and computed again only when a new
 * complete arrives. The dashboard asks every minute; an unchanged wave then costs one count, not a refit.
 */
export function createEstimatesCache(estimates: EstimatesService, countCompletes: (waveId: string) => Promise<number>) {
  const kept = new Map<string, WaveEstimates>();
  let computed = 0;

  return {
    async waveEstimates(waveId: string): Promise<WaveEstimates> {
      const { planHash } = await estimates.wavePlan(waveId);
      const known = kept.get(waveId);
      if (known && known.planHash === planHash && known.nComplete === (await countCompletes(waveId))) return known;
      const fresh = await estimates.waveEstimates(waveId);
      computed++;
      setMostRecent(kept, waveId, fresh, CACHED_WAVES);
      return fresh;
    },
    /** How many times estimates were computed rather than taken from the cache. */
    computed: () => computed,
  };
}

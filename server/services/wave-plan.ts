import { planHash } from '../domain/plan/plan-hash.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Repositories } from '../storage/repositories.ts';
import { createWaveLookup } from './wave-lookup.ts';

/** A wave's analysis plan: its study snapshot's, with the hash recorded at launch (computed for older waves). */
export function createWavePlans(repos: Pick<Repositories, 'waves' | 'studies'>) {
  const lookup = createWaveLookup(repos);
  return {
    wavePlan(waveId: string): { definition: StudyDefinition; planHash: string } {
      const { definition } = lookup.waveAndStudy(waveId).study;
      return { definition, planHash: repos.waves.planHash(waveId) ?? planHash(definition) };
    },
  };
}
export type WavePlans = ReturnType<typeof createWavePlans>;

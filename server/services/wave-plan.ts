import { planHash } from '../domain/plan/plan-hash.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Repositories } from '../storage/repositories.ts';
import { waveAndStudy } from './wave-lookup.ts';

/** A wave's analysis plan: its study snapshot's, with the hash recorded at launch (computed for older waves). */
export function createWavePlans(repos: Pick<Repositories, 'waves' | 'studies'>) {
  return {
    async wavePlan(waveId: string): Promise<{ definition: StudyDefinition; planHash: string }> {
      const { definition } = (await waveAndStudy(repos, waveId)).study;
      return { definition, planHash: (await repos.waves.planHash(waveId)) ?? planHash(definition) };
    },
  };
}
export type WavePlans = ReturnType<typeof createWavePlans>;

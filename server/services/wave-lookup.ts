import { DomainError } from '../domain/errors.ts';
import type { Wave } from '../domain/wave.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { StudyRecord } from '../storage/study-repository.ts';

/**
 * A wave by id (404 `not_found` when there is none) and the study snapshot it runs: the lookup every service
 * starts with. A wave without its snapshot is a damaged database, not a client's mistake: a plain Error.
 */
export function createWaveLookup(repos: Pick<Repositories, 'waves' | 'studies'>) {
  function wave(waveId: string): Wave {
    const found = repos.waves.get(waveId);
    if (!found) throw new DomainError('not_found', `no wave "${waveId}"`);
    return found;
  }

  function studyOf(w: Wave): StudyRecord {
    const study = repos.studies.get(w.studyId);
    if (!study) throw new Error(`wave ${w.id} points at missing study ${w.studyId}`);
    return study;
  }

  return {
    wave,
    studyOf,
    waveAndStudy(waveId: string): { wave: Wave; study: StudyRecord } {
      const w = wave(waveId);
      return { wave: w, study: studyOf(w) };
    },
  };
}
export type WaveLookup = ReturnType<typeof createWaveLookup>;

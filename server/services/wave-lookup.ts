import { DomainError } from '../domain/errors.ts';
import type { Wave } from '../domain/wave.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { StudyRecord } from '../storage/study-repository.ts';

type LookupRepos = Pick<Repositories, 'waves' | 'studies'>;

/**
 * A wave by id (404 `not_found` when there is none) and the study snapshot it runs: the lookup every service
 * starts with, over the repositories of the caller's transaction. A wave without its snapshot is a damaged
 * database, not a client's mistake: a plain Error.
 */
export async function waveOf(repos: LookupRepos, waveId: string): Promise<Wave> {
  const found = await repos.waves.get(waveId);
  if (!found) throw new DomainError('not_found', `no wave "${waveId}"`);
  return found;
}

/** The wave, locked for the rest of the caller's write transaction (WaveRepository.lock); 404 when there is none. */
export async function lockedWaveOf(repos: LookupRepos, waveId: string): Promise<Wave> {
  const found = await repos.waves.lock(waveId);
  if (!found) throw new DomainError('not_found', `no wave "${waveId}"`);
  return found;
}

/** lockedWaveOf for a wave read earlier in the caller's write transaction and not written by it since (WaveRepository.relock). */
export async function relockedWave(repos: LookupRepos, readInThisTransaction: Wave): Promise<Wave> {
  const found = await repos.waves.relock(readInThisTransaction);
  if (!found) throw new DomainError('not_found', `no wave "${readInThisTransaction.id}"`);
  return found;
}

export async function studyOf(repos: LookupRepos, w: Wave): Promise<StudyRecord> {
  const study = await repos.studies.get(w.studyId);
  if (!study) throw new Error(`wave ${w.id} points at missing study ${w.studyId}`);
  return study;
}

export async function waveAndStudy(repos: LookupRepos, waveId: string): Promise<{ wave: Wave; study: StudyRecord }> {
  const w = await waveOf(repos, waveId);
  return { wave: w, study: await studyOf(repos, w) };
}

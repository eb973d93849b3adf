import { createAnswerRepository } from './answer-repository.ts';
import { createAssignmentCounterRepository } from './assignment-counter-repository.ts';
import type { Db } from './db.ts';
import { createParticipantRepository } from './participant-repository.ts';
import { createQualityFlagRepository } from './quality-flag-repository.ts';
import { createStudyRepository } from './study-repository.ts';
import { createWaveRepository } from './wave-repository.ts';

/** Every repository over one connection, built once per app or CLI verb. */
export function createRepositories(db: Db) {
  return {
    studies: createStudyRepository(db),
    waves: createWaveRepository(db),
    participants: createParticipantRepository(db),
    answers: createAnswerRepository(db),
    assignmentCounters: createAssignmentCounterRepository(db),
    qualityFlags: createQualityFlagRepository(db),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;

import { createAnswerRepository, type AnswerRepository } from './answer-repository.ts';
import { createAssignmentCounterRepository, type AssignmentCounterRepository } from './assignment-counter-repository.ts';
import { createConjointProfileRepository, type ConjointProfileRepository } from './conjoint-profile-repository.ts';
import type { Db } from './db.ts';
import { createExportRowRepository, type ExportRowRepository } from './export-row-repository.ts';
import { createParticipantRepository, type ParticipantRepository } from './participant-repository.ts';
import { createParticipantVignetteRepository, type ParticipantVignetteRepository } from './participant-vignette-repository.ts';
import { createQualityFlagRepository, type QualityFlagRepository } from './quality-flag-repository.ts';
import { createQuotaSlotRepository, type QuotaSlotRepository } from './quota-slot-repository.ts';
import { createSaveSequenceRepository, type SaveSequenceRepository } from './save-sequence-repository.ts';
import { createServedAddressRepository, type ServedAddressRepository } from './served-address-repository.ts';
import { createStudyRepository, type StudyRepository } from './study-repository.ts';
import { createTokenRepository, type TokenRepository } from './token-repository.ts';
import { createWaveChangeRepository, type WaveChangeRepository } from './wave-change-repository.ts';
import { createWaveProgressRepository, type WaveProgressRepository } from './wave-progress-repository.ts';
import { createWaveRepository, type WaveRepository } from './wave-repository.ts';

/**
 * Every repository, over one connection (SQLite) or one transaction's client (PostgreSQL). Each method returns a
 * Promise on both engines; the SQLite ones settle at once. The types are the SQLite repositories' own, and the
 * PostgreSQL ones (storage/postgres/) are checked against them.
 */
export interface Repositories {
  studies: StudyRepository;
  waves: WaveRepository;
  waveChanges: WaveChangeRepository;
  participants: ParticipantRepository;
  participantVignettes: ParticipantVignetteRepository;
  answers: AnswerRepository;
  saveSequences: SaveSequenceRepository;
  assignmentCounters: AssignmentCounterRepository;
  qualityFlags: QualityFlagRepository;
  quotaSlots: QuotaSlotRepository;
  waveProgress: WaveProgressRepository;
  tokens: TokenRepository;
  exportRows: ExportRowRepository;
  conjointProfiles: ConjointProfileRepository;
  servedAddress: ServedAddressRepository;
}

/** Every SQLite repository over one connection, built once per store. */
export function createRepositories(db: Db): Repositories {
  return {
    studies: createStudyRepository(db),
    waves: createWaveRepository(db),
    waveChanges: createWaveChangeRepository(db),
    participants: createParticipantRepository(db),
    participantVignettes: createParticipantVignetteRepository(db),
    answers: createAnswerRepository(db),
    saveSequences: createSaveSequenceRepository(db),
    assignmentCounters: createAssignmentCounterRepository(db),
    qualityFlags: createQualityFlagRepository(db),
    quotaSlots: createQuotaSlotRepository(db),
    waveProgress: createWaveProgressRepository(db),
    tokens: createTokenRepository(db),
    exportRows: createExportRowRepository(db),
    conjointProfiles: createConjointProfileRepository(db),
    servedAddress: createServedAddressRepository(db),
  };
}

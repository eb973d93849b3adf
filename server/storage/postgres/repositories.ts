import type { Repositories } from '../repositories.ts';
import { createPgAnswerRepository } from './answer-repository.ts';
import { createPgAssignmentCounterRepository } from './assignment-counter-repository.ts';
import { createPgConjointProfileRepository } from './conjoint-profile-repository.ts';
import { createPgExportRowRepository } from './export-row-repository.ts';
import { createPgParticipantRepository } from './participant-repository.ts';
import { createPgParticipantVignetteRepository } from './participant-vignette-repository.ts';
import { createPgQualityFlagRepository } from './quality-flag-repository.ts';
import { createPgQuotaSlotRepository } from './quota-slot-repository.ts';
import { createPgSaveSequenceRepository } from './save-sequence-repository.ts';
import { createPgServedAddressRepository } from './served-address-repository.ts';
import type { Sql } from './sql.ts';
import { createPgStudyRepository } from './study-repository.ts';
import { createPgTokenRepository } from './token-repository.ts';
import { createPgWaveChangeRepository } from './wave-change-repository.ts';
import { createPgWaveProgressRepository } from './wave-progress-repository.ts';
import { createPgWaveRepository } from './wave-repository.ts';

/** Every PostgreSQL repository over the pool (single statements) or one transaction's client. */
export function createPgRepositories(sql: Sql, cacheKey: object): Repositories {
  return {
    studies: createPgStudyRepository(sql),
    waves: createPgWaveRepository(sql),
    waveChanges: createPgWaveChangeRepository(sql),
    participants: createPgParticipantRepository(sql),
    participantVignettes: createPgParticipantVignetteRepository(sql),
    answers: createPgAnswerRepository(sql),
    saveSequences: createPgSaveSequenceRepository(sql),
    assignmentCounters: createPgAssignmentCounterRepository(sql),
    qualityFlags: createPgQualityFlagRepository(sql, cacheKey),
    quotaSlots: createPgQuotaSlotRepository(sql),
    waveProgress: createPgWaveProgressRepository(sql),
    tokens: createPgTokenRepository(sql),
    exportRows: createPgExportRowRepository(sql),
    conjointProfiles: createPgConjointProfileRepository(sql),
    servedAddress: createPgServedAddressRepository(sql),
  };
}

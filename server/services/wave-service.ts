import { quotaCaps } from '../domain/quota.ts';
import { nextWaveStatus, treatmentPageIndex, waveStatusReport, type WaveAction, type WaveStatusReport } from '../domain/wave-lifecycle.ts';
import { DomainError } from '../domain/errors.ts';
import type { Wave } from '../domain/wave.ts';
import { immediate, type Db } from '../storage/db.ts';
import { createQuotaSlotRepository } from '../storage/quota-slot-repository.ts';
import type { Repositories } from '../storage/repositories.ts';
import { createWaveProgressRepository } from '../storage/wave-progress-repository.ts';
import type { CreateWaveInput, StudyService } from './study-service.ts';

/** Waves for researchers: create, list with progress, status, and the open / pause / close lifecycle. */
export function createWaveService({
  db,
  repos,
  studies,
  now = () => new Date().toISOString(),
}: {
  db: Db;
  repos: Repositories;
  studies: StudyService;
  now?: () => string;
}) {
  const progress = createWaveProgressRepository(db);
  const quotaSlots = createQuotaSlotRepository(db);

  function waveOf(waveId: string): Wave {
    const wave = repos.waves.get(waveId);
    if (!wave) throw new DomainError('not_found', `no wave "${waveId}"`);
    return wave;
  }

  function report(wave: Wave): WaveStatusReport {
    const study = repos.studies.get(wave.studyId);
    if (!study) throw new Error(`wave ${wave.id} points at missing study ${wave.studyId}`);
    const def = study.definition;
    return waveStatusReport({
      wave,
      study: { key: study.key, version: study.version, title: study.title },
      def,
      counts: repos.participants.countByStatus(wave.id),
      funnel: progress.funnel(wave.id, treatmentPageIndex(def)),
      completesByCell: progress.completesByCell(wave.id),
      assignedByCell: repos.assignmentCounters.countsByCell(wave.id),
      quotaCaps: quotaCaps(def, wave.target),
      quotaFilled: quotaSlots.filledByLevel(wave.id),
    });
  }

  return {
    create(input: CreateWaveInput): WaveStatusReport {
      return report(studies.createWave(input).wave);
    },

    /** Every wave with its progress; one consistent snapshot. */
    list(): WaveStatusReport[] {
      return db.transaction(() => repos.waves.list().map(report))();
    },

    status(waveId: string): WaveStatusReport {
      return db.transaction(() => report(waveOf(waveId)))();
    },

    /** open / pause / close; a closed wave cannot be reopened (409 conflict). */
    transition(waveId: string, action: WaveAction): WaveStatusReport {
      return immediate(db, () => {
        const wave = waveOf(waveId);
        const next = nextWaveStatus(wave.status, action);
        if (next !== wave.status) repos.waves.setStatus(wave.id, next, now());
        return report(waveOf(waveId));
      });
    },
  };
}
export type WaveService = ReturnType<typeof createWaveService>;

import { DEFAULT_CONFIG } from '../config.ts';
import { quotaCaps } from '../domain/quota.ts';
import { nextWaveStatus, treatmentPageIndex, waveStatusReport, type WaveAction, type WaveStatusReport } from '../domain/wave-lifecycle.ts';
import type { Wave } from '../domain/wave.ts';
import { immediate, type Db } from '../storage/db.ts';
import { createQuotaSlotRepository } from '../storage/quota-slot-repository.ts';
import type { Repositories } from '../storage/repositories.ts';
import { createWaveProgressRepository } from '../storage/wave-progress-repository.ts';
import { leaseCutoff } from './quota-admission.ts';
import type { CreateWaveInput, StudyService } from './study-service.ts';
import { createWaveLookup } from './wave-lookup.ts';

/** Waves for researchers: create, list with progress, status, and the open / pause / close lifecycle. */
export function createWaveService({
  db,
  repos,
  studies,
  quotaLeaseSeconds = DEFAULT_CONFIG.quotaLeaseSeconds,
  now = () => new Date().toISOString(),
}: {
  db: Db;
  repos: Repositories;
  studies: StudyService;
  /** VLAB_QUOTA_LEASE_SECONDS: what counts as a live start and a live quota lease in the status. */
  quotaLeaseSeconds?: number;
  now?: () => string;
}) {
  const lookup = createWaveLookup(repos);
  const waveOf = lookup.wave;
  const progress = createWaveProgressRepository(db);
  const quotaSlots = createQuotaSlotRepository(db);

  function report(wave: Wave): WaveStatusReport {
    const study = lookup.studyOf(wave);
    const def = study.definition;
    const cutoff = leaseCutoff(now(), quotaLeaseSeconds);
    return waveStatusReport({
      wave,
      study: { key: study.key, version: study.version, title: study.title },
      def,
      counts: repos.participants.countByStatus(wave.id),
      funnel: progress.funnel(wave.id, treatmentPageIndex(def)),
      completesByCell: progress.completesByCell(wave.id),
      assignedByCell: repos.assignmentCounters.countsByCell(wave.id),
      quotaCaps: quotaCaps(def, wave.target),
      quotaFill: quotaSlots.fillByLevel(wave.id, cutoff),
      starts: { ...progress.partials(wave.id, cutoff), leaseSeconds: quotaLeaseSeconds },
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
        if (next === 'open' && wave.status !== 'open') studies.assertUsable(lookup.studyOf(wave).key);
        if (next !== wave.status) repos.waves.setStatus(wave.id, next, now());
        return report(waveOf(waveId));
      });
    },
  };
}
export type WaveService = ReturnType<typeof createWaveService>;

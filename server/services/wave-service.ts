import { perRespondent } from '../domain/repeated-vignettes.ts';
import { DEFAULT_CONFIG } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { definitionProblems } from '../domain/fielded-definition-problems.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import { quotaCaps } from '../domain/quota.ts';
import { nextWaveStatus, treatmentPageIndex, waveStatusReport, type WaveAction, type WaveStatusReport } from '../domain/wave-lifecycle.ts';
import { parseWaveUpdate, waveLocaleProblem, waveSettingChanges } from '../domain/wave-update.ts';
import type { Wave } from '../domain/wave.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { Store } from '../storage/store.ts';
import { createQuotaAdmission } from './quota-admission.ts';
import type { CreateWaveInput, StudyService } from './study-service.ts';
import { lockedWaveOf, studyOf, waveOf } from './wave-lookup.ts';

/**
 * Waves for researchers: create, list with progress, status, settings changed mid-wave (with their audit log),
 * and the open / pause / close lifecycle.
 */
// Whole on purpose (~90 lines): a factory whose body is its methods, each short, sharing the store and the study service.
export function createWaveService({
  store,
  studies,
  quotaLeaseSeconds = DEFAULT_CONFIG.quotaLeaseSeconds,
  now = () => new Date().toISOString(),
}: {
  store: Store;
  studies: StudyService;
  /** VLAB_QUOTA_LEASE_SECONDS: what counts as a live start and a live quota lease in the status. */
  quotaLeaseSeconds?: number;
  now?: () => string;
}) {
  // Snapshots never change once stored: each is checked once (`wave list` reports every wave).
  const checked = new Map<number, string[]>();
  const problemsOf = (studyId: number, def: StudyDefinition) => checked.get(studyId) ?? checked.set(studyId, definitionProblems(def)).get(studyId)!;

  async function report(tx: Repositories, wave: Wave): Promise<WaveStatusReport> {
    const study = await studyOf(tx, wave);
    const def = study.definition;
    // Leases are counted by the end stored with each (quota-admission.ts), as every process counts them; only a start
    // without a lease is live by this process's setting.
    const at = now();
    const cutoff = hoursBefore(at, quotaLeaseSeconds / 3600);
    return waveStatusReport({
      wave,
      study: { key: study.key, version: study.version, title: study.title },
      def,
      counts: await tx.participants.countByStatus(wave.id),
      funnel: await tx.waveProgress.funnel(wave.id, treatmentPageIndex(def)),
      completesByCell: perRespondent(def) > 1 ? await tx.participantVignettes.completesByCell(wave.id) : await tx.waveProgress.completesByCell(wave.id),
      assignedByCell: await tx.assignmentCounters.countsByCell(wave.id),
      quotaCaps: quotaCaps(def, wave.target),
      quotaFill: await tx.quotaSlots.fillByLevel(wave.id, at),
      starts: { ...(await tx.waveProgress.partials(wave.id, at, cutoff)), leaseSeconds: quotaLeaseSeconds },
      pace: await tx.waveProgress.pace(wave.id, hoursBefore(at, 1), hoursBefore(at, 24)),
      changes: await tx.waveChanges.list(wave.id),
      definitionProblems: problemsOf(wave.studyId, def),
    });
  }

  const quotas = createQuotaAdmission(quotaLeaseSeconds);

  return {
    async create(input: CreateWaveInput): Promise<WaveStatusReport> {
      const { wave } = await studies.createWave(input);
      return store.read((tx) => report(tx, wave));
    },

    /** Every wave with its progress; one consistent snapshot. */
    list(): Promise<WaveStatusReport[]> {
      return store.read(async (tx) => {
        const out: WaveStatusReport[] = [];
        for (const wave of await tx.waves.list()) out.push(await report(tx, wave));
        return out;
      });
    },

    status(waveId: string): Promise<WaveStatusReport> {
      return store.read(async (tx) => report(tx, await waveOf(tx, waveId)));
    },

    /**
     * Changes the settings `input` names (domain/wave-update.ts: validated as at creation), records each change
     * with `changedBy` ("cli" or "token:<name>"), and closes the wave, as the completion that reaches the target
     * would, when its target is lowered to its completes or below. A closed wave stays closed whatever its target.
     */
    update(waveId: string, input: Record<string, unknown>, changedBy: string): Promise<WaveStatusReport> {
      const update = parseWaveUpdate(input);
      return store.write(async (tx) => {
        const wave = await lockedWaveOf(tx, waveId);
        if (update.locale !== undefined) {
          const problem = waveLocaleProblem((await studyOf(tx, wave)).definition, update.locale);
          if (problem) throw new DomainError('invalid_input', problem);
        }
        const changes = waveSettingChanges(wave, update);
        if (changes.length > 0) {
          const at = now();
          const changed = { ...wave, ...update };
          await tx.waves.setSettings(wave.id, changed, at);
          for (const change of changes) await tx.waveChanges.record(wave.id, { ...change, at, by: changedBy });
          if (update.target !== undefined && changed.status !== 'closed' && (await quotas.targetReached(tx, changed))) {
            await tx.waves.setStatus(wave.id, 'closed', at);
          }
        }
        return report(tx, await waveOf(tx, waveId));
      });
    },

    /**
     * open / pause / close; a closed wave cannot be reopened (409 conflict). Each change of status is logged as the
     * settings are, by `changedBy`: a pause is part of the fieldwork a methods section reports.
     */
    transition(waveId: string, action: WaveAction, changedBy = 'cli'): Promise<WaveStatusReport> {
      return store.write(async (tx) => {
        const wave = await lockedWaveOf(tx, waveId);
        const next = nextWaveStatus(wave.status, action);
        if (next === 'open' && wave.status !== 'open') studies.assertUsable((await studyOf(tx, wave)).key);
        if (next !== wave.status) {
          const at = now();
          await tx.waves.setStatus(wave.id, next, at);
          await tx.waveChanges.record(wave.id, { field: 'status', oldValue: wave.status, newValue: next, at, by: changedBy });
        }
        return report(tx, await waveOf(tx, waveId));
      });
    },
  };
}
export type WaveService = ReturnType<typeof createWaveService>;

/** The ISO time `hours` before `iso`, as completed_at is stored. */
function hoursBefore(iso: string, hours: number): string {
  return new Date(Date.parse(iso) - hours * 3_600_000).toISOString();
}

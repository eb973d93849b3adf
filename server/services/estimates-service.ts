import { executeWavePlan } from './conjoint-estimates.ts';
import { PARTICIPANT_COLUMN, type PlanEstimate, type PlanProblemAtRun, type PlanWarning } from '../domain/plan/execute-plan.ts';
import { planAlpha } from '../domain/plan/plan-schema.ts';
import { termPrecisionOf, type TermPrecision } from '../domain/plan/precision.ts';
import type { WideRow } from '../domain/export/wave-columns.ts';
import { collect, type Store } from '../storage/store.ts';
import { createExportService, type ExportService } from './export-service.ts';
import { waveAndStudy } from './wave-lookup.ts';
import { createWavePlans } from './wave-plan.ts';

/** A wave's estimates under the plan it launched with, and what they were computed from. */
export interface WaveEstimates {
  wave: string;
  study: string;
  studyVersion: number;
  /** The hash of the plan that produced the estimates (equal to the one recorded at launch). */
  planHash: string;
  /** As recorded on the wave at launch; null for waves created before migration 003. */
  recordedPlanHash: string | null;
  /** Completed participants (a repeated-vignette wave has several rows for each). */
  nComplete: number;
  /** The wave's target number of completes, for the precision projection. */
  target: number;
  /** Completed participants the plan's exclusions leave out entirely. */
  nExcluded: number;
  weighted: boolean;
  estimates: PlanEstimate[];
  problems: PlanProblemAtRun[];
  /** Fitted with a warning from the estimator (e.g. rows of leverage 1 under HC2), as R would print it. */
  warnings: PlanWarning[];
  /** CI width and minimum detectable effect of each tested term, now and at the target N. */
  precision: TermPrecision[];
}

/** Told as the work goes: `vlab estimates` and `vlab replication` draw their bars on a terminal from it. */
export interface EstimatesProgress {
  /** Each completed participant read. */
  onParticipant?: () => void;
  /** Each outcome fitted (or found not estimable): planFitCount of them. */
  onFitted?: () => void;
}

/**
 * Runs a wave's pre-registered plan on its completed participants. The plan comes from the wave's own study
 * snapshot (immutable), so editing analysis-plan.json after launch never changes a running wave's estimates;
 * the hash recorded at launch is checked against it all the same.
 */
export function createEstimatesService({ store, exports }: { store: Store; exports?: ExportService }) {
  const source = exports ?? createExportService({ store });
  const { repos } = store;

  return {
    /** The plan of a wave's snapshot, as pre-registered (for the replication package). */
    wavePlan: createWavePlans(repos).wavePlan,

    /** The estimates from the wave's completes, read now. */
    async waveEstimates(waveId: string, progress: EstimatesProgress = {}): Promise<WaveEstimates> {
      const rows = await collect(await source.iterateWaveRows(waveId, { statuses: ['complete'], onParticipant: progress.onParticipant }));
      return this.estimatesOf(waveId, rows, undefined, progress.onFitted);
    },

    /**
     * The estimates from these rows of the wave's completes (the replication package writes the same rows); a
     * conjoint's plan also reads the completes' profile rows (`profiles`, read from the wave when not given).
     */
    async estimatesOf(waveId: string, rows: WideRow[], profiles?: WideRow[], onFitted?: () => void): Promise<WaveEstimates> {
      const { wave, study } = await waveAndStudy(repos, waveId);
      const { definition } = study;
      const recorded = await repos.waves.planHash(waveId);
      const conjointProfiles =
        definition.design?.kind === 'conjoint' ? (profiles ?? (await collect(await source.iterateProfileRows(waveId, { statuses: ['complete'] })))) : [];
      const result = executeWavePlan(definition, rows, conjointProfiles, onFitted);
      // Respondents, not rows: a repeated-vignette wave has one row per respondent × vignette.
      const nComplete = new Set(rows.map((row) => row[PARTICIPANT_COLUMN])).size;
      if (recorded !== null && recorded !== result.planHash) {
        // The snapshot is immutable, so this means the database was edited by hand: refuse rather than mislead.
        throw new Error(`wave ${waveId}: plan hash ${result.planHash} differs from the one recorded at launch (${recorded})`);
      }
      return {
        wave: waveId,
        study: study.key,
        studyVersion: study.version,
        planHash: result.planHash,
        recordedPlanHash: recorded,
        nComplete,
        target: wave.target,
        nExcluded: result.nKeptUnits === undefined ? result.nExcluded : nComplete - result.nKeptUnits,
        weighted: result.weighted,
        estimates: result.estimates,
        problems: result.problems,
        warnings: result.warnings,
        precision: termPrecisionOf(definition, result.estimates, { nComplete, target: wave.target, alpha: planAlpha(definition.analysisPlan) }),
      };
    },
  };
}
export type EstimatesService = ReturnType<typeof createEstimatesService>;

import { DomainError } from '../domain/errors.ts';
import { planHash } from '../domain/plan/plan-hash.ts';
import { executePlan, type PlanEstimate, type PlanProblemAtRun } from '../domain/plan/execute-plan.ts';
import { termPrecision, type TermPrecision } from '../domain/plan/precision.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Db } from '../storage/db.ts';
import type { Repositories } from '../storage/repositories.ts';
import { createExportService, type ExportService } from './export-service.ts';

/** A wave's estimates under the plan it launched with, and what they were computed from. */
export interface WaveEstimates {
  wave: string;
  study: string;
  studyVersion: number;
  /** The hash of the plan that produced the estimates (equal to the one recorded at launch). */
  planHash: string;
  /** As recorded on the wave at launch; null for waves created before migration 003. */
  recordedPlanHash: string | null;
  nComplete: number;
  /** The wave's target number of completes, for the precision projection. */
  target: number;
  nExcluded: number;
  weighted: boolean;
  estimates: PlanEstimate[];
  problems: PlanProblemAtRun[];
  /** CI width and minimum detectable effect of each tested term, now and at the target N. */
  precision: TermPrecision[];
}

/**
 * Runs a wave's pre-registered plan on its completed participants. The plan comes from the wave's own study
 * snapshot (immutable), so editing analysis-plan.json after launch never changes a running wave's estimates;
 * the hash recorded at launch is checked against it all the same.
 */
export function createEstimatesService({ db, repos, exports }: { db: Db; repos: Repositories; exports?: ExportService }) {
  const source = exports ?? createExportService({ db, repos });

  function waveInputs(waveId: string): { definition: StudyDefinition; recorded: string | null; study: { key: string; version: number }; target: number } {
    const wave = repos.waves.get(waveId);
    if (!wave) throw new DomainError('not_found', `no wave "${waveId}"`);
    const study = repos.studies.get(wave.studyId);
    if (!study) throw new Error(`wave ${wave.id} points at missing study ${wave.studyId}`);
    return { definition: study.definition, recorded: repos.waves.planHash(wave.id), study, target: wave.target };
  }

  return {
    waveEstimates(waveId: string): WaveEstimates {
      const { definition, recorded, study, target } = waveInputs(waveId);
      const rows = [...source.iterateWaveRows(waveId, { statuses: ['complete'] })];
      const result = executePlan({ definition, rows });
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
        nComplete: rows.length,
        target,
        nExcluded: result.nExcluded,
        weighted: result.weighted,
        estimates: result.estimates,
        problems: result.problems,
        precision: termPrecision(result.estimates, { nComplete: rows.length, target, alpha: definition.analysisPlan.alpha ?? 0.05 }),
      };
    },

    /** The plan of a wave's snapshot, as pre-registered (for the replication package and the dashboard). */
    wavePlan(waveId: string): { definition: StudyDefinition; planHash: string } {
      const { definition, recorded } = waveInputs(waveId);
      return { definition, planHash: recorded ?? planHash(definition) };
    },
  };
}
export type EstimatesService = ReturnType<typeof createEstimatesService>;

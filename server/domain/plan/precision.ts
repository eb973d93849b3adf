import { minimumDetectableEffect } from '../../../analysis/index.ts';
import type { StudyDefinition } from '../study-definition.ts';
import type { PlanEstimate } from './execute-plan.ts';

/** How precise a tested estimate is now, and how precise it will be when the wave reaches its target. */
export interface TermPrecision {
  hypothesis: string;
  outcome: string;
  term: string;
  ci_width: number;
  /** Minimum detectable effect at 80% power and the plan's alpha, with the current N. */
  mde_now: number;
  /** The same at the wave's target N (SE shrunk by √(target / N), df grown with N). */
  mde_target: number;
}

/**
 * For each estimated non-intercept term: the CI width and the minimum detectable effect now and projected to
 * the target N. The MDE is analysis' minimumDetectableEffect (R's power.t.test, the same as `vlab power` and the
 * design diagnosis) applied to the term's own standard error and df, so it carries the design, the clustering
 * and the SE type of the pre-registered model. At the target the SE shrinks by √(target / N) and the df grows
 * in proportion (n − k for HC SEs; the number of clusters for CR2), except for the hypotheses in `fixedClusters`,
 * clustered by a plan's column (a state): more respondents bring no more states, so their df stay.
 *
 * @example termPrecision(estimates, { nComplete: 500, target: 1500, alpha: 0.05 })[0].mde_target
 */
export function termPrecision(
  estimates: readonly PlanEstimate[],
  { nComplete, target, alpha, fixedClusters }: { nComplete: number; target: number; alpha: number; fixedClusters?: ReadonlySet<string> },
): TermPrecision[] {
  const scale = nComplete > 0 ? Math.max(target, nComplete) / nComplete : 1;
  const out: TermPrecision[] = [];
  for (const e of estimates) {
    if (e.term === '(Intercept)' || e.std_error === null || !(e.std_error > 0) || e.conf_low === null || e.conf_high === null) continue;
    if (e.df !== null && !(e.df > 0)) continue;
    out.push({
      hypothesis: e.hypothesis,
      outcome: e.outcome,
      term: e.term,
      ci_width: e.conf_high - e.conf_low,
      mde_now: minimumDetectableEffect({ se: e.std_error, df: e.df, alpha }),
      mde_target: minimumDetectableEffect({ se: e.std_error / Math.sqrt(scale), df: e.df === null || fixedClusters?.has(e.hypothesis) ? e.df : e.df * scale, alpha }),
    });
  }
  return out;
}

/** termPrecision with the plan's hypotheses clustered by a column (`clusters`) keeping their df at the target. */
export function termPrecisionOf(
  def: Pick<StudyDefinition, 'analysisPlan'>,
  estimates: readonly PlanEstimate[],
  options: { nComplete: number; target: number; alpha: number },
): TermPrecision[] {
  const fixedClusters = new Set(def.analysisPlan.hypotheses.filter((h) => h.clusters !== undefined).map((h) => h.id));
  return termPrecision(estimates, { ...options, fixedClusters });
}

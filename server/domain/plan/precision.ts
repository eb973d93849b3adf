import { studentQuantile } from '../../../analysis/index.ts';
import type { PlanEstimate } from './execute-plan.ts';

/** How precise a tested estimate is now, and how precise it will be when the wave reaches its target. */
export interface TermPrecision {
  hypothesis: string;
  outcome: string;
  term: string;
  ci_width: number;
  /** Minimum detectable effect at 80% power and the plan's alpha, with the current N. */
  mde_now: number;
  /** The same at the wave's target N (observations scaled by target / completes so far; SE shrinks by √). */
  mde_target: number;
}

/** Power the minimum detectable effect is quoted at. */
export const MDE_POWER = 0.8;

/**
 * For each estimated non-intercept term: the CI width and the minimum detectable effect now and projected to
 * the target N, MDE = (t₁₋α/₂ + t_power) · SE with df = n − 2 (Bloom 1995, "Minimum detectable effects").
 * This is the shifted-central-t form of R's power.t.test (analysis' powerAnalysis), which solves the
 * noncentral t instead: the two agree to 0.1% from df 100 (tested), and this one costs two quantiles rather
 * than a root search, so the dashboard can refresh it for every term.
 *
 * @example termPrecision(estimates, { nComplete: 500, target: 1500, alpha: 0.05 })[0].mde_target
 */
export function termPrecision(
  estimates: readonly PlanEstimate[],
  { nComplete, target, alpha }: { nComplete: number; target: number; alpha: number },
): TermPrecision[] {
  const scale = nComplete > 0 ? Math.max(target, nComplete) / nComplete : 1;
  const mde = (se: number, n: number) => (studentQuantile(1 - alpha / 2, n - 2) + studentQuantile(MDE_POWER, n - 2)) * se;
  const out: TermPrecision[] = [];
  for (const e of estimates) {
    if (e.term === '(Intercept)' || e.std_error === null || e.conf_low === null || e.conf_high === null || e.n_used < 4) continue;
    out.push({
      hypothesis: e.hypothesis,
      outcome: e.outcome,
      term: e.term,
      ci_width: e.conf_high - e.conf_low,
      mde_now: mde(e.std_error, e.n_used),
      mde_target: mde(e.std_error / Math.sqrt(scale), e.n_used * scale),
    });
  }
  return out;
}

import { chiSquareUpperTailAnyDf } from '../helpers/chi-square.ts';

/** Pearson's X² on the weighted totals, referred to a scaled chi-square: scale · χ²_df. */
export interface DesignChiSquare {
  chisq: number;
  df: number;
  scale: number;
  p: number;
}

/**
 * The design-based goodness-of-fit test of weighted level totals, as `survey::svygofchisq(~feature, p,
 * svydesign(ids = ~id or ~1, weights = ~w))` computes it: X² = Σ (O − E)²/E on the weighted totals O (E = p·ΣO),
 * whose null distribution is Σ λ_k χ²₁ with λ the eigenvalues of the linearized covariance of z = (O − E)/√E
 * (delta method through E's dependence on ΣO, with-replacement variance between clusters: G/(G − 1) Σ (X_c − X̄)²);
 * p by pchisqsum's default Satterthwaite match: scale = Σλ²/Σλ, df = (Σλ)²/Σλ² (traces, no eigenvectors).
 * The weights' scale cancels from p, where Pearson's test on weighted counts would read them as sample sizes.
 *
 * @param clusterTotals each cluster's weighted total per level (each row its own cluster without an id)
 */
export function designChiSquare(clusterTotals: readonly Float64Array[], probabilities: readonly number[]): DesignChiSquare {
  const k = probabilities.length;
  const g = clusterTotals.length;
  const observed = new Float64Array(k);
  for (const totals of clusterTotals) for (let i = 0; i < k; i++) observed[i] += totals[i];
  const n = observed.reduce((a, b) => a + b, 0);
  const expected = probabilities.map((p) => p * n);
  let chisq = 0;
  for (let i = 0; i < k; i++) chisq += (observed[i] - expected[i]) ** 2 / expected[i];
  // Σ = G/(G − 1) Σ_c (X_c − X̄)(X_c − X̄)ᵀ, the with-replacement covariance of the totals (survey's onestage).
  const sigma = new Float64Array(k * k);
  for (const totals of clusterTotals) {
    for (let i = 0; i < k; i++) {
      const di = totals[i] - observed[i] / g;
      for (let j = 0; j < k; j++) sigma[i * k + j] += di * (totals[j] - observed[j] / g);
    }
  }
  for (let i = 0; i < k * k; i++) sigma[i] *= g / (g - 1);
  // J = ∂z/∂O: z_i = (O_i − p_i N)/√(p_i N) with N = Σ O, so J_ij = δ_ij/√E_i + ∂z_i/∂N.
  const dN = expected.map((e, i) => -probabilities[i] / Math.sqrt(e) - (0.5 * (observed[i] - e) * probabilities[i]) / e ** 1.5);
  const jacobian = (i: number, j: number): number => (i === j ? 1 / Math.sqrt(expected[i]) : 0) + dN[i];
  const js = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let m = 0; m < k; m++) js[i * k + j] += jacobian(i, m) * sigma[m * k + j];
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let m = 0; m < k; m++) v[i * k + j] += js[i * k + m] * jacobian(j, m);
  let sumLambda = 0;
  let sumLambda2 = 0;
  for (let i = 0; i < k; i++) sumLambda += v[i * k + i];
  for (let i = 0; i < k * k; i++) sumLambda2 += v[i] ** 2;
  const scale = sumLambda2 / sumLambda;
  const df = sumLambda ** 2 / sumLambda2;
  return { chisq, df, scale, p: chiSquareUpperTailAnyDf(chisq / scale, df) };
}

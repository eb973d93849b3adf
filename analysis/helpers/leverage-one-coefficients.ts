import { ROUNDING_SHARE } from './cluster-scores.ts';
import { LEVERAGE_ONE } from './sandwich.ts';

/**
 * The kept positions of the coefficients that only rows of leverage 1 decide (R trial 40: the one row of a reference
 * level, so the intercept is that row's outcome). HC2 and HC3 give such rows weight 0 (sandwich.ts), HC0 and HC1 their
 * residual's square, 0, which leaves the coefficient no rows for its variance: vlab printed NaN or 4e-16 there,
 * estimatr prints noise (4e-8 to 6e-8, or 4 under HC3).
 * A coefficient's influence (X'X)⁻¹ x_i on the other rows is then rounding against its influence on all rows. x: the
 * kept columns column-major on the fit's (√w) scale, xtxInv: their (X'X)⁻¹; offset: each row's leverage from columns
 * absorbed before (a fixed effect's group share w_i/W_g, demeaned-fit.ts), where x holds the demeaned columns.
 * `partly`: the coefficients such rows move together with others (task 43, left from R trial 43: fhi:t of
 * y ~ x + f:x + t + t:f with one "hi" row is y_hi less the others' prediction there). Their SE holds the other rows'
 * part only, as that row's variance cannot be estimated; they are named so that the SE is not read as the whole.
 *
 * @example coefficientsOfLeverageOneRows(x, n, r, fit.xtxInv).decided // [0]: the intercept
 */
export function coefficientsOfLeverageOneRows(x: Float64Array, n: number, r: number, xtxInv: Float64Array, offset?: Float64Array): LeverageOneCoefficients {
  const all = new Float64Array(r);
  const others = new Float64Array(r);
  const row = new Float64Array(r);
  const influence = new Float64Array(r);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < r; k++) row[k] = x[k * n + i];
    let h = offset ? offset[i] : 0;
    for (let j = 0; j < r; j++) {
      let sum = 0;
      for (let k = 0; k < r; k++) sum += xtxInv[j * r + k] * row[k];
      influence[j] = sum;
      h += row[j] * sum;
    }
    const leverageOne = !(1 - h > LEVERAGE_ONE);
    for (let j = 0; j < r; j++) {
      all[j] += Math.abs(influence[j]);
      if (!leverageOne) others[j] += Math.abs(influence[j]);
    }
  }
  const decided: number[] = [];
  const partly: number[] = [];
  for (let j = 0; j < r; j++) {
    if (!(all[j] > 0)) continue;
    if (others[j] <= ROUNDING_SHARE * all[j]) decided.push(j);
    else if (all[j] - others[j] > PARTLY_SHARE * all[j]) partly.push(j);
  }
  return { decided, partly };
}

/** Kept positions of the coefficients rows of leverage 1 decide alone, and of those they move beside other rows. */
export interface LeverageOneCoefficients {
  decided: number[];
  partly: number[];
}

/**
 * A share of a coefficient's influence that rows of leverage 1 hold above rounding (which leaves ~1e-16 of it on a
 * coefficient they do not move, more in an ill-conditioned fit): a millionth of the estimate's variance or more.
 */
const PARTLY_SHARE = 1e-6;

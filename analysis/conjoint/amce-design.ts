import { keptInOrderFromGram } from '../helpers/in-order-aliasing.ts';
import type { Factor, Profiles } from './profiles.ts';

/**
 * The AMCE model's design as R's model.matrix lays it out for `y ~ a + b * c` with treatment contrasts: the
 * intercept (column 0), each feature's non-reference levels in formula order, then each constraint's level pairs
 * (the first feature's level varying fastest). Columns are indicators, so a row's design is the short list of
 * its active columns.
 */
export interface AmceDesign {
  names: string[];
  /** Column of level `level` (≥ 1) of feature `f` (index into profiles.features). */
  main(f: number, level: number): number;
  /** Column of the pair (level i of the constraint's first feature, level j of its second), i, j ≥ 1. */
  pair(constraint: number, i: number, j: number): number;
  /** The active columns of row `row` (always column 0 first). */
  active(row: number): number[];
}

/** Constraints as indices into profiles.features. */
export type FeaturePairs = readonly (readonly [number, number])[];

export function amceDesign(profiles: Profiles, constraints: FeaturePairs): AmceDesign {
  const { features } = profiles;
  const names = ['(Intercept)'];
  const mainStart = features.map((factor) => {
    const start = names.length;
    for (const level of factor.levels.slice(1)) names.push(`${factor.name}${level}`);
    return start;
  });
  const pairStart = constraints.map(([a, b]) => {
    const start = names.length;
    const [fa, fb] = [features[a], features[b]];
    for (const lb of fb.levels.slice(1)) for (const la of fa.levels.slice(1)) names.push(`${fa.name}${la}:${fb.name}${lb}`);
    return start;
  });
  const main = (f: number, level: number): number => mainStart[f] + level - 1;
  const pair = (c: number, i: number, j: number): number => pairStart[c] + (j - 1) * (features[constraints[c][0]].levels.length - 1) + (i - 1);
  const active = (row: number): number[] => {
    const out = [0];
    features.forEach((factor: Factor, f) => {
      if (factor.codes[row] > 0) out.push(main(f, factor.codes[row]));
    });
    constraints.forEach(([a, b], c) => {
      const [i, j] = [features[a].codes[row], features[b].codes[row]];
      if (i > 0 && j > 0) out.push(pair(c, i, j));
    });
    return out;
  };
  return { names, main, pair, active };
}

/**
 * Which columns R's lm/glm keeps (keptInOrderFromGram: LINPACK dqrdc2's in-order choice). cregg's constrained AMCE
 * averages exactly the pair coefficients that survive it, so the same choice is needed (estimatr's pivoting may keep
 * another column of a dependent set). The weighted X'X is built from each row's few active columns: O(n·a² + p³)
 * instead of a dense QR.
 *
 * @example keptInOrder(design, profiles) // [true, true, …, false (a pair the design never shows), …]
 */
export function keptInOrder(design: AmceDesign, profiles: Profiles): boolean[] {
  const p = design.names.length;
  const gram = new Float64Array(p * p);
  for (let row = 0; row < profiles.n; row++) {
    const w = profiles.weights ? profiles.weights[row] : 1;
    if (w === 0) continue;
    const active = design.active(row);
    for (const s of active) for (const t of active) gram[s * p + t] += w;
  }
  return keptInOrderFromGram(gram, p);
}

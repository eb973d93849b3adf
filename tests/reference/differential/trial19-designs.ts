// The nineteenth R trial's classes (2026-12-05), each drawn from a stated seed (Draw(seed), seeds 19_100_000 + k),
// computed by stats and stored in expected.json.gz (refit: write-inputs.ts, then differential.R). What each stresses:
// - p-adjust-n-19: p.adjust(p, method, n) with a family larger than the p-values given (n = lp, lp + 1, 2·lp, 50),
//   with NA among them, one or no p-value present, n = 2 with one present (hommel becomes hochberg), and n below the
//   number present (R stops: "n >= lp is not TRUE"; vlab refuses too), every method.
import { P_ADJUST_METHODS } from '../../../analysis/index.ts';
import type { PAdjustCase } from './case-types.ts';
import { Draw } from './random-data.ts';

const SEED = 19_100_000;

function pAdjustNCases(): PAdjustCase[] {
  const draw = new Draw(SEED);
  const p = Array.from({ length: 8 }, () => Number(draw.uniform(0, 0.2).toFixed(5)));
  const vectors: [string, (number | null)[], number][] = [
    ['equal-length', p.slice(0, 5), 5],
    ['one-more', p.slice(0, 5), 6],
    ['double', [p[0], null, p[1], p[2], null, p[3]], 8],
    // p / 100, so that a family of 50 leaves some below 1.
    ['fifty', [...p.map((v) => Number((v / 100).toFixed(7))), 0, 1, Number((p[0] / 100).toFixed(7))], 50],
    ['ties-one-more', [p[4], p[4], 1, 1, 0], 7],
    ['one-present', [null, p[5], null], 3],
    ['one-present-two', [p[6], null], 2],
    ['none-present', [null, null], 5],
    ['n-below-present', [p[0], p[1], null, p[2]], 2],
  ];
  return vectors.flatMap(([name, values, n]) =>
    P_ADJUST_METHODS.filter((method) => method !== 'fdr').map((method): PAdjustCase => ({ kind: 'p_adjust', id: `t19-p-adjust-n-${name}-${method}`, group: 'p-adjust-n-19', p: values, method, n })));
}

/** The nineteenth trial's stored cases. */
export function trial19Designs(): { data: []; cases: PAdjustCase[] } {
  return { data: [], cases: [...pAdjustNCases()] };
}

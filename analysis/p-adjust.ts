import { AnalysisError } from './errors.ts';

export const P_ADJUST_METHODS = ['holm', 'BH', 'bonferroni'] as const;
export type PAdjustMethod = (typeof P_ADJUST_METHODS)[number];

/**
 * Multiple-comparison adjustment, as R's `p.adjust`: Holm's step-down (1979), Benjamini–Hochberg's false
 * discovery rate (1995), or Bonferroni. Missing p-values (null, NaN) stay missing and do not count in n.
 *
 * @example pAdjust([0.01, 0.04, 0.03], 'holm') // [0.03, 0.06, 0.06]
 */
export function pAdjust(p: readonly (number | null)[], method: PAdjustMethod): (number | null)[] {
  if (!(P_ADJUST_METHODS as readonly string[]).includes(method)) {
    throw new AnalysisError('pAdjust', `unknown method "${method}" (valid: ${P_ADJUST_METHODS.join(', ')})`);
  }
  const present = p.flatMap((value, i) => (value === null || Number.isNaN(value) ? [] : [i]));
  for (const i of present) {
    const value = p[i] as number;
    if (value < 0 || value > 1) throw new AnalysisError('pAdjust', `p-value ${value} at position ${i + 1} is not between 0 and 1`);
  }
  const n = present.length;
  const out: (number | null)[] = p.map(() => null);
  if (method === 'bonferroni') {
    for (const i of present) out[i] = Math.min(1, n * (p[i] as number));
    return out;
  }
  const order = [...present].sort((a, b) => (method === 'holm' ? (p[a] as number) - (p[b] as number) : (p[b] as number) - (p[a] as number)));
  let running = method === 'holm' ? 0 : Infinity;
  order.forEach((i, k) => {
    if (method === 'holm') {
      running = Math.max(running, (n - k) * (p[i] as number));
      out[i] = Math.min(1, running);
    } else {
      running = Math.min(running, (n / (n - k)) * (p[i] as number));
      out[i] = Math.min(1, running);
    }
  });
  return out;
}

import { AnalysisError } from '../errors.ts';

/**
 * R's `factor(x, levels, labels)`: the levels renamed in order. One label for several levels is pasted with their
 * numbers (`labels = "g"` gives g1, g2, …); a label given twice makes its levels one level, at the first one's place
 * (R ≥ 3.4: `labels = c("low", "low", "high")`); any other count stops, in R's words.
 *
 * @example labelledLevels('lmRobust', 'factor(t, labels = c("c", "t"))', ['0', '1'], codes, ['c', 't']) // levels c, t
 */
export function labelledLevels(fn: string, label: string, levels: string[], codes: Int32Array, labels: string[]): { levels: string[]; codes: Int32Array } {
  let names = labels;
  if (labels.length === 1 && levels.length > 1) names = levels.map((_, k) => `${labels[0]}${k + 1}`);
  else if (labels.length !== levels.length) {
    throw new AnalysisError(fn, `${label}: invalid 'labels'; length ${labels.length} should be 1 or ${levels.length} (as R says: one label per level)`);
  }
  const merged = [...new Set(names)];
  const to = Int32Array.from(names, (name) => merged.indexOf(name));
  return { levels: merged, codes: Int32Array.from(codes, (code) => (code < 0 ? code : to[code])) };
}

import { AnalysisError } from '../errors.ts';
import { closestName } from './did-you-mean.ts';

/**
 * Each public function's option names, checked against its options type: a key missing or extra here fails to
 * compile (`satisfies Record<keyof Options, true>`), so the runtime list cannot drift from the type.
 */
export type OptionNames<Options> = Record<keyof Options, true>;

/** R's names (estimatr, survey, stats, cregg) of what vlab's options take, where the two differ by more than a slip. */
const R_NAMES: Readonly<Record<string, string>> = {
  data: 'rows',
  se_type: 'seType',
  se: 'seType',
  cluster: 'clusters',
  weight: 'weights',
  block: 'blocks',
  delta: 'effect',
  base_weights: 'baseWeights',
  maxit: 'maxIterations',
  epsilon: 'tolerance',
};

/** Options that say a confidence level where vlab says alpha. */
const LEVEL_NAMES = new Set(['conf.level', 'conf_level', 'level', 'sig.level', 'sig_level']);

/**
 * Refuses an option `fn` does not have. A JavaScript caller, whom no type checker stops, who wrote estimatr's
 * `se_type: 'HC1'` got HC2's SEs without a word, and `conf.level: 0.9` a 95 % interval — wrong numbers that look
 * right. R's spelling of an option vlab has is named (`se_type` → seType); an option left undefined is no mistake
 * (a caller spreading its own settings).
 *
 * @example refuseUnknownOptions('lmRobust', { formula, rows, se_type: 'HC1' }, LM_ROBUST_OPTIONS) // throws: did you mean "seType"?
 */
export function refuseUnknownOptions(fn: string, options: unknown, names: OptionNames<object>): void {
  const valid = Object.keys(names);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new AnalysisError(fn, `expected an object of options (${valid.slice(0, 2).join(', ')}, …)`);
  }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || Object.hasOwn(names, key)) continue;
    throw new AnalysisError(fn, `unknown option "${key}" (${hint(key, valid)})`);
  }
}

function hint(key: string, valid: readonly string[]): string {
  if (LEVEL_NAMES.has(key) && valid.includes('alpha')) {
    return `alpha is 1 − ${key}: alpha: 0.1 for 0.9`;
  }
  const camel = key.replace(/[._]([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const named = [R_NAMES[key], camel].find((name) => name !== undefined && name !== key && valid.includes(name)) ?? closestName(key, valid);
  return named ? `did you mean "${named}"?` : `valid: ${valid.join(', ')}`;
}

import { powerCohenH, type CohenHAlternative } from '../../../analysis/index.ts';
import { UsageError } from '../cli-action.ts';
import { otherTestOption, parseAlpha, parseNumber, writeRecords } from './analysis-io.ts';
import { roundedNLine } from './power-rounded-n.ts';

/** `vlab power --h`'s options (pwr.2p.test's names: h, n per group, power, alpha; n2 for pwr.2p2n.test). */
export interface PowerCohenHCliOptions {
  h?: string;
  n?: string;
  n2?: string;
  power?: string;
  alpha?: string;
  alternative?: string;
  format: string;
  out?: string;
}

/** The options that belong to the other tests (arms and contrast are checked against their defaults). */
const OTHER_TESTS_ONLY = ['sd', 'effect', 'p1', 'p2', 'type', 'study', 'seed', 'strict'] as const;
const COLUMNS = ['test', 'h', 'n_per_group', 'n2', 'n_total', 'power', 'alpha', 'alternative'];

/** Whether `vlab power` was asked for Cohen's h (pwr.2p.test): `--h` given, a number or `solve`. */
export const isPowerCohenH = (o: { h?: string }): boolean => o.h !== undefined;

/**
 * `vlab power --h 0.3 --n 80`: pwr's pwr.2p.test, the power of two proportions on the arcsine scale (Cohen's h =
 * 2·asin(√p1) − 2·asin(√p2)), n per group; with `--n2`, pwr.2p2n.test's unequal groups. Give two of --h, --n (or
 * `--n2 solve`) and --power, and `--h solve` to solve for h. The analysis module has had it since R trial 31
 * (powerCohenH); the command line had only power.prop.test, whose test is another (a pooled-variance z on p).
 */
export function runPowerCohenH(o: PowerCohenHCliOptions & Record<string, unknown>, format: 'table' | 'csv' | 'json'): Promise<void> {
  const stray = otherTestOption(o, OTHER_TESTS_ONLY);
  if (stray !== undefined) throw new UsageError(`--h (pwr.2p.test) takes no --sd, --effect, --p1, --p2, --type, --strict, --arms, --contrast or --study (got --${stray})`);
  const h = o.h === 'solve' ? undefined : parseNumber(o.h, '--h', (x) => x !== 0, 'a non-zero number (Cohen\'s h), or solve');
  const n2 = o.n2 === 'solve' ? ('solve' as const) : parseNumber(o.n2, '--n2', (x) => x >= 2, "the second group's respondents (2 or more), or solve");
  const n = parseNumber(o.n, '--n', (x) => x >= (n2 === undefined ? 1 : 2), `respondents per group (${n2 === undefined ? 1 : 2} or more)`);
  const power = parseNumber(o.power, '--power', (x) => x > 0 && x < 1, 'a number between 0 and 1');
  const solving = [h === undefined, n === undefined, n2 === 'solve', power === undefined].filter(Boolean).length;
  if (solving !== 1) throw new UsageError('give two of --h, --n and --power, and solve for the third (--h solve, --n2 solve, or leave --n or --power out)');
  const alternative = o.alternative === undefined ? undefined : (o.alternative as CohenHAlternative);
  const r = powerCohenH({ h, n, n2, power, alpha: parseAlpha(o.alpha), alternative });
  const rest = { power: r.power, alpha: r.alpha, alternative: r.alternative };
  // Unequal groups: n_per_group is the first group's, n2 the second's (a column only then, as the t test's --n2).
  const solvedN = n === undefined && r.n2 === null ? roundedNLine(r.n, 2, 'per group') : undefined;
  if (r.n2 === null) return writeRecords('power', o.out, [{ test: 'pwr.2p.test', h: r.h, n_per_group: r.n, n_total: 2 * r.n, ...rest }], COLUMNS.filter((c) => c !== 'n2'), format, solvedN);
  return writeRecords('power', o.out, [{ test: 'pwr.2p2n.test', h: r.h, n_per_group: r.n, n2: r.n2, n_total: r.n + r.n2, ...rest }], COLUMNS, format);
}

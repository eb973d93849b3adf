import { powerPropTest, type PowerAlternative } from '../../../analysis/index.ts';
import { UsageError } from '../cli-action.ts';
import { otherTestOption, parseAlpha, parseNumber, writeRecords } from './analysis-io.ts';
import { roundedNLine } from './power-rounded-n.ts';

/** `vlab power --p1 --p2`'s options (power.prop.test's names: n per group, the two proportions, power, alpha). */
export interface PowerPropCliOptions {
  p1?: string;
  p2?: string;
  n?: string;
  power?: string;
  alpha?: string;
  alternative?: string;
  strict?: boolean;
  format: string;
  out?: string;
}

/** The t test's options that mean nothing for proportions (arms and contrast are checked against their defaults; --sims has one and means nothing without --study). */
const T_TEST_ONLY = ['sd', 'effect', 'n2', 'type', 'study', 'seed'] as const;
const COLUMNS = ['test', 'p1', 'p2', 'n_per_group', 'n_total', 'power', 'alpha', 'alternative'];
/** The power p1 or p2 is solved at when `--power` is left out (as the minimum detectable effect's). */
const DEFAULT_POWER = 0.8;

/** Whether `vlab power` was asked for power.prop.test (a proportion given). */
export const isPowerProp = (o: { p1?: string; p2?: string }): boolean => o.p1 !== undefined || o.p2 !== undefined;

/**
 * `vlab power --p1 0.5 --p2 0.6 --power 0.8`: R's power.prop.test (two groups' proportions, n per group). Leave out one
 * of --n, --p1, --p2, --power; with --n and one proportion, the other is solved at --power (default 0.8).
 */
export function runPowerProp(o: PowerPropCliOptions & Record<string, unknown>, format: 'table' | 'csv' | 'json'): Promise<void> {
  const stray = otherTestOption(o, T_TEST_ONLY);
  if (stray !== undefined) throw new UsageError(`--p1 and --p2 (power.prop.test) take no --sd, --effect, --n2, --type, --arms, --contrast or --study (got --${stray})`);
  const proportion = (value: string | undefined, name: string) => parseNumber(value, name, (x) => x >= 0 && x <= 1, 'a proportion between 0 and 1');
  const p1 = proportion(o.p1, '--p1');
  const p2 = proportion(o.p2, '--p2');
  const n = parseNumber(o.n, '--n', (x) => x > 0, 'a positive number of respondents per group');
  const solvingProportion = p1 === undefined || p2 === undefined;
  const power = parseNumber(o.power, '--power', (x) => x > 0 && x < 1, 'a number between 0 and 1') ?? (solvingProportion && n !== undefined ? DEFAULT_POWER : undefined);
  const result = powerPropTest({ n, p1, p2, power, alpha: parseAlpha(o.alpha), alternative: o.alternative as PowerAlternative | undefined, strict: o.strict === true });
  const { n: perGroup, ...rest } = result;
  // Returned, so that cliAction waits for it: a refused --out was an unhandled rejection's stack trace.
  const solvedN = n === undefined ? roundedNLine(perGroup, 2, 'per group') : undefined;
  return writeRecords('power', o.out, [{ test: 'power.prop.test', ...rest, n_per_group: perGroup, n_total: 2 * perGroup }], COLUMNS, format, solvedN);
}

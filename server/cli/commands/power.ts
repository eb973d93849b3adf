import type { Command } from 'commander';
import { DEFAULT_ALPHA, powerAnalysis, type PowerAlternative, type PowerContrast, type PowerOptions, type PowerType } from '../../../analysis/index.ts';
import { cliAction, UsageError } from '../cli-action.ts';
import { FORMAT_OPTION, OUT_OPTION, parseAlpha, parseFormat, parseNumber, writeRecords } from './analysis-io.ts';
import { isPowerCohenH, runPowerCohenH } from './power-cohen-h.ts';
import { isPowerProp, runPowerProp } from './power-prop.ts';
import { roundedNLine } from './power-rounded-n.ts';
import { runStudyPower, studyPowerRequest, type StudyPowerRequest } from './power-study.ts';
import { validOptions } from '../../../analysis/helpers/did-you-mean.ts';

const CONTRASTS: readonly string[] = ['difference', 'main', 'interaction'] satisfies PowerContrast[];

interface PowerCliOptions {
  p1?: string;
  p2?: string;
  h?: string;
  effect?: string;
  sd?: string;
  n?: string;
  n2?: string;
  power?: string;
  alpha?: string;
  arms?: string;
  contrast?: string;
  study?: string;
  sims?: string;
  seed?: string;
  strict?: boolean;
  type?: string;
  alternative?: string;
  format: string;
  out?: string;
}

/** The power a minimum detectable effect is quoted at when `--power` is left out. */
const MDE_POWER = 0.8;
const COLUMNS = ['effect', 'sd', 'n_per_arm', 'n_total', 'power', 'alpha', 'arms', 'contrast', 'df', 'ncp', 'type', 'alternative'];

/**
 * How `vlab power` was asked to work: analytic (noncentral t), or simulation-based power of a study's analysis
 * plan (`--study ID --n N --sims 500`, run by power-study.ts).
 */
type PowerRequest = { kind: 'analytic'; options: PowerOptions } | StudyPowerRequest;

function powerRequest(o: PowerCliOptions): PowerRequest {
  if (o.study !== undefined && o.strict) throw new UsageError('--strict applies to the analytic power (--sd), not to --study');
  if (o.study !== undefined && (o.type !== undefined || o.alternative !== undefined)) throw new UsageError('--type and --alternative apply to the analytic power (--sd), not to --study');
  if (o.study !== undefined && o.n2 !== undefined) throw new UsageError('--n2 applies to the analytic power (--sd), not to --study');
  if (o.study !== undefined) return studyPowerRequest({ study: o.study, n: o.n, sims: o.sims, seed: o.seed });
  const contrast = o.contrast ?? 'difference';
  if (!CONTRASTS.includes(contrast)) throw new UsageError(`unknown contrast "${contrast}" ${validOptions(contrast, CONTRASTS)}`);
  if (o.sd === undefined) throw new UsageError('--sd is required');
  const solveN2 = o.n2 === 'solve';
  if (solveN2 && (o.effect === undefined || o.n === undefined || o.power === undefined)) throw new UsageError("--n2 solve needs --effect, --n (the first arm's respondents) and --power");
  if (!solveN2 && o.effect !== undefined && (o.n === undefined) === (o.power === undefined)) {
    // All three: likely pwr.t2n.test's question (n2 given n1), which --n2 solve answers.
    const otherArm = o.n !== undefined && o.n2 === undefined ? ' (one arm known, the other wanted: add --n2 solve)' : '';
    throw new UsageError(`with --effect, give one of --n and --power${otherArm}`);
  }
  if (o.effect === undefined && o.n === undefined) throw new UsageError('give --effect, or --n for the minimum detectable effect');
  return {
    kind: 'analytic',
    options: {
      effect: parseNumber(o.effect, '--effect', (x) => x !== 0, 'a non-zero number'),
      sd: parseNumber(o.sd, '--sd', (x) => x > 0, 'a positive number') as number,
      n: parseNumber(o.n, '--n', (x) => x > 1, 'a number of respondents per arm above 1'),
      n2: solveN2 ? 'solve' : parseNumber(o.n2, '--n2', (x) => x > 1, "a number of the second arm's respondents above 1, or solve"),
      power: parseNumber(o.power, '--power', (x) => x > 0 && x < 1, 'a number between 0 and 1') ?? (o.effect === undefined ? MDE_POWER : undefined),
      alpha: parseAlpha(o.alpha),
      arms: parseNumber(o.arms, '--arms', (x) => Number.isInteger(x) && x >= 2, 'an integer of at least 2'),
      contrast: contrast as PowerContrast,
      // Without --strict, the R function's default: power.t.test's one region, or with --n2 pwr.t2n.test's two.
      strict: o.strict === true ? true : undefined,
      type: o.type as PowerType | undefined,
      alternative: o.alternative as PowerAlternative | undefined,
    },
  };
}

/** `vlab power`: power, n per arm or minimum detectable effect (power.t.test), or a study's simulated power. */
export function registerPowerCommand(program: Command): void {
  program
    .command('power')
    .description("power of a study's plan on simulated waves of its design (--study), or power, n per arm or minimum detectable effect of a t test (R power.t.test) or of two proportions (R power.prop.test: --p1, --p2; pwr.2p.test: --h, Cohen's h)")
    .option('--effect <d>', 'true difference in outcome units (leave out for the minimum detectable effect)')
    .option('--sd <s>', 'outcome standard deviation')
    .option('--n <n>', 'respondents per arm (leave out to solve for n); with --study: completes per simulated wave')
    .option('--n2 <n>', "two unequal arms: the second arm's respondents, --n then the first's (R pwr::pwr.t2n.test, both rejection regions of a two-sided test); solve: the second arm for --n, --effect and --power")
    .option('--power <p>', `target power (leave out to compute power; ${MDE_POWER} for the minimum detectable effect)`)
    .option('--p1 <p>', 'with --p2: a proportion in the first group (R power.prop.test; leave one of --p1, --p2, --n, --power out to solve for it)')
    .option('--p2 <p>', 'the proportion in the second group (R power.prop.test)')
    .option('--h <h>', "Cohen's h, 2·asin(√p1) − 2·asin(√p2) (R pwr::pwr.2p.test; with --n2 pwr.2p2n.test); solve: the h for --n and --power")
    .option('--alpha <alpha>', 'test level', String(DEFAULT_ALPHA))
    .option('--type <type>', 'two.sample (default), one.sample or paired (n pairs, --sd of the differences), as power.t.test')
    .option('--alternative <alt>', 'two.sided (default) or one.sided, as power.t.test; with --h: two.sided, less or greater, as pwr')
    .option('--arms <k>', 'number of equal arms (cells)', '2')
    .option('--contrast <c>', 'difference (two arms), main or interaction (2^f factorial)', 'difference')
    .option('--strict', "count the far rejection region too (R power.t.test(strict = TRUE)); matters for small effects or n")
    .option('--study <id>', "simulate the study's design and analysis plan instead (power, bias, RMSE, coverage per term)")
    .option('--sims <k>', 'with --study: simulated waves', '500')
    .option('--seed <seed>', 'with --study: seed of the simulations (default: random, printed)')
    .option(...FORMAT_OPTION)
    .option(...OUT_OPTION)
    .action(
      cliAction('power', (o: PowerCliOptions) => {
        const format = parseFormat(o.format);
        if (isPowerCohenH(o)) return runPowerCohenH(o as PowerCliOptions & Record<string, unknown>, format);
        if (isPowerProp(o)) return runPowerProp(o as PowerCliOptions & Record<string, unknown>, format);
        const request = powerRequest(o);
        if (request.kind === 'simulation') return runStudyPower(request, format, o.out);
        const { n, n2, ...result } = powerAnalysis(request.options);
        // Unequal arms: n_per_arm is the first arm's, n2 the second's (a column only then, so other output is unchanged).
        if (n2 !== undefined) return writeRecords('power', o.out, [{ ...result, n_per_arm: n, n2, n_total: n + n2 }], [...COLUMNS.slice(0, 3), 'n2', ...COLUMNS.slice(3)], format);
        const solvedN = request.options.n === undefined ? roundedNLine(n, result.arms, result.type === 'paired' ? 'pairs' : result.type === 'one.sample' ? 'in the one group' : 'per arm') : undefined;
        return writeRecords('power', o.out, [{ ...result, n_per_arm: n, n_total: n * result.arms }], COLUMNS, format, solvedN);
      }),
    );
}

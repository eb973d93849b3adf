import type { Command } from 'commander';
import { AnalysisError, differenceInMeans } from '../../../analysis/index.ts';
import { cliAction, UsageError } from '../cli-action.ts';
import { ALPHA_OPTION, CODEBOOK_OPTION, FORMAT_OPTION, LEVELS_OPTION, OUT_OPTION, parseAlpha, parseFormat, readData, readLevels, writeTidy } from './analysis-io.ts';

interface DimOptions {
  data: string;
  outcome: string;
  treatment: string;
  blocks?: string;
  clusters?: string;
  weights?: string;
  condition1?: string;
  condition2?: string;
  levels?: string;
  codebook?: string;
  alpha?: string;
  format: string;
  out?: string;
}

/** `vlab dim`: difference in means (differenceInMeans), printed as the tidy table. */
export function registerDimCommand(program: Command): void {
  program
    .command('dim')
    .description('difference in means (estimatr::difference_in_means): Welch, blocked or clustered, optionally weighted')
    .requiredOption('--data <file.csv>', 'data, one row per observation')
    .requiredOption('--outcome <column>', 'outcome column')
    .requiredOption('--treatment <column>', 'treatment column with two values (0/1), or two declared levels (control first)')
    .option('--blocks <column>', 'block column')
    .option('--clusters <column>', 'cluster column')
    .option('--weights <column>', 'weights column (as estimatr: weighted HC2, or CR2 with clusters; no matched pairs)')
    .option('--condition1 <level>', 'control level, with --condition2: compare two levels of a treatment that has more (other rows are left out, as estimatr)')
    .option('--condition2 <level>', 'treated level (see --condition1)')
    .option(...LEVELS_OPTION)
    .option(...CODEBOOK_OPTION)
    .option(...ALPHA_OPTION)
    .option(...FORMAT_OPTION)
    .option(...OUT_OPTION)
    .action(
      cliAction('dim', async (o: DimOptions) => {
        const format = parseFormat(o.format);
        if ((o.condition1 === undefined) !== (o.condition2 === undefined)) {
          throw new UsageError('give both --condition1 (control) and --condition2 (treated), or neither');
        }
        const result = withOptionNames(() => differenceInMeans({
          rows: readData(o.data),
          outcome: o.outcome,
          treatment: o.treatment,
          blocks: o.blocks,
          clusters: o.clusters,
          weights: o.weights,
          condition1: o.condition1,
          condition2: o.condition2,
          levels: readLevels(o),
          alpha: parseAlpha(o.alpha),
        }));
        await writeTidy('dim', o.out, result.estimates, format, { nobs: result.nobs, dropped: result.nDropped, design: result.design });
      }),
    );
}

/** The estimator names its arguments as R does (condition1); on the command line they are options (--condition1). */
function withOptionNames<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AnalysisError) error.message = error.message.replace('pass condition1 and condition2', 'pass --condition1 and --condition2 (the two levels to compare, control first)');
    throw error;
  }
}

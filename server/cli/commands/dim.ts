import type { Command } from 'commander';
import { AnalysisError, differenceInMeans } from '../../../analysis/index.ts';
import { cliAction } from '../cli-action.ts';
import { warningLine } from './warning-line.ts';
import { ALPHA_OPTION, CODEBOOK_OPTION, FORMAT_OPTION, LEVELS_OPTION, OUT_OPTION, parseAlpha, parseFormat, readDataWithLevels, writeTidy } from './analysis-io.ts';
import { rowsFromTable } from '../../../analysis/helpers/data-table.ts';

interface DimOptions {
  data: string;
  outcome: string;
  treatment: string;
  blocks?: string;
  clusters?: string;
  weights?: string;
  condition1?: string;
  condition2?: string;
  subset?: string;
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
    .option('--condition1 <value>', 'control value (estimatr\'s condition1; default: the smaller of two values)')
    .option('--condition2 <value>', 'treated value (estimatr\'s condition2); with --condition1, compares two of several arms')
    .option('--subset <condition>', 'rows to compare, as estimatr\'s subset =: an R condition such as "wave == 2" (rows where it is FALSE or NA are left out)')
    .option(...LEVELS_OPTION)
    .option(...CODEBOOK_OPTION)
    .option(...ALPHA_OPTION)
    .option(...FORMAT_OPTION)
    .option(...OUT_OPTION)
    .action(
      cliAction('dim', async (o: DimOptions) => {
        const format = parseFormat(o.format);
        const { table, levels } = readDataWithLevels(o);
        const rows = rowsFromTable(table);
        const result = withOptionNames(() => differenceInMeans({
          rows,
          outcome: o.outcome,
          treatment: o.treatment,
          blocks: o.blocks,
          clusters: o.clusters,
          weights: o.weights,
          condition1: o.condition1,
          condition2: o.condition2,
          subset: o.subset,
          levels,
          alpha: parseAlpha(o.alpha),
        }));
        for (const warning of result.warnings) process.stderr.write(warningLine('dim', warning));
        await writeTidy('dim', o.out, result.estimates, format, { nobs: result.nobs, dropped: result.nDropped, design: result.design });
      }),
    );
}

/**
 * The estimator names its arguments as R does (condition1); on the command line they are options (--condition1):
 * an error that says which arguments fix it gets its remedy in the options' names, from the error's fields.
 */
function withOptionNames<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AnalysisError && error.code === 'treatment_not_binary') {
      const options = (error.arguments ?? []).map((name) => `--${name}`).join(' and ');
      throw new AnalysisError(error.fn, `${error.problem}; name the two to compare: ${options} (control first)`);
    }
    throw error;
  }
}

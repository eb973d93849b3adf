import type { Command } from 'commander';
import { lmRobust, type SeType } from '../../../analysis/index.ts';
import { cliAction } from '../cli-action.ts';
import { ALPHA_OPTION, CODEBOOK_OPTION, FORMAT_OPTION, LEVELS_OPTION, OUT_OPTION, parseAlpha, parseFormat, readDataWithLevels, writeTidy } from './analysis-io.ts';
import { warningLine } from './warning-line.ts';

interface FitOptions {
  data: string;
  formula: string;
  levels?: string;
  codebook?: string;
  clusters?: string;
  weights?: string;
  fixedEffects?: string;
  subset?: string;
  seType?: string;
  alpha?: string;
  format: string;
  out?: string;
}

/** `vlab fit`: OLS with robust standard errors (lmRobust), printed as the tidy table. */
export function registerFitCommand(program: Command): void {
  program
    .command('fit')
    .description('OLS with robust standard errors (estimatr::lm_robust); prints the tidy table')
    .requiredOption('--data <file.csv>', 'data, one row per observation')
    .requiredOption('--formula <formula>', 'R formula, e.g. "y ~ regime * capability"')
    .option(...LEVELS_OPTION)
    .option(...CODEBOOK_OPTION)
    .option('--clusters <column>', 'cluster column (default se type becomes CR2)')
    .option('--weights <column>', 'weight column')
    .option('--fixed-effects <formula>', 'columns or terms absorbed as factors, as estimatr\'s fixed_effects: "~ g", "~ g1 + g2" or "~ round(age)" (their coefficients and the intercept are not printed)')
    .option('--subset <condition>', 'rows to fit, as estimatr\'s subset =: an R condition such as "age >= 30 & wave == 2" (rows where it is FALSE or NA are left out after the terms are computed on every row)')
    .option('--se-type <type>', 'classical, HC0, HC1, HC2 (default), HC3; with clusters CR0, stata, CR2 (default), cregg')
    .option(...ALPHA_OPTION)
    .option(...FORMAT_OPTION)
    .option(...OUT_OPTION)
    .action(
      cliAction('fit', async (o: FitOptions) => {
        const format = parseFormat(o.format);
        const { table: rows, levels } = readDataWithLevels(o);
        const result = lmRobust({
          formula: o.formula,
          rows,
          levels,
          clusters: o.clusters,
          weights: o.weights,
          fixedEffects: o.fixedEffects,
          subset: o.subset,
          seType: o.seType as SeType | undefined,
          alpha: parseAlpha(o.alpha),
        });
        for (const warning of result.warnings) process.stderr.write(warningLine('fit', warning));
        await writeTidy('fit', o.out, result.estimates, format, {
          nobs: result.nobs,
          dropped: result.nDropped,
          se_type: result.seType,
          clusters: result.nClusters,
          rank: result.rank,
        });
      }),
    );
}

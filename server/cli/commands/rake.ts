import type { Command } from 'commander';
import { rake, type Margins, type Row } from '../../../analysis/index.ts';
import { rakingTargets, sampleShare } from '../../domain/plan/raking-margins.ts';
import type { PopulationMargins } from '../../domain/study-definition.ts';
import { cliAction, UsageError } from '../cli-action.ts';
import { OUT_OPTION, parseFormat, parseNumber, readData, readJsonObject, writeRecords } from './analysis-io.ts';

interface RakeCliOptions {
  data: string;
  margins: string;
  id: string;
  weights?: string;
  tolerance?: string;
  maxIterations?: string;
  format: string;
  out?: string;
}

/**
 * The margins to rake to: `{ variable: { level: share } }` as given, or a study's population-margins.json
 * (`{ source, margins, noPopulationShare }`, what a researcher has at hand) taken as the analysis plan takes it:
 * an answer without a population share keeps its share of the sample, weighted by the base weights when given
 * (raking-margins.ts).
 */
function targetsOf(file: Record<string, unknown>, rows: readonly Row[], baseWeights: string | undefined): Margins {
  const margins = file.margins;
  const isStudyFile = typeof margins === 'object' && margins !== null && Object.values(margins).every((m) => typeof m === 'object' && m !== null);
  return isStudyFile ? rakingTargets(file as unknown as PopulationMargins, sampleShare(rows, baseWeights)) : (file as Margins);
}

/** `vlab rake`: raking weights to population margins, one id,weight line per respondent. */
export function registerRakeCommand(program: Command): void {
  program
    .command('rake')
    .description('raking weights to population margins; prints id,weight in data order (mean weight 1)')
    .requiredOption('--data <file.csv>', 'respondents, one row each')
    .requiredOption('--margins <margins.json>', '{"gender": {"female": 0.51, "male": 0.49}, ...}, or a study\'s population-margins.json')
    .requiredOption('--id <column>', 'respondent id column')
    .option('--weights <column>', 'base (design) weights to start from, as survey::rake on svydesign(weights = ~column); default all 1')
    .option('--tolerance <x>', 'largest relative weight change at convergence', '1e-10')
    .option('--max-iterations <n>', 'iteration cap', '1000')
    .option('--format <format>', 'csv, json or table', 'csv')
    .option(...OUT_OPTION)
    .action(
      cliAction('rake', async (o: RakeCliOptions) => {
        const format = parseFormat(o.format);
        const rows = readData(o.data);
        for (const [option, column] of [['--id', o.id], ['--weights', o.weights]]) {
          if (column !== undefined && rows.length > 0 && !Object.hasOwn(rows[0], column)) throw new UsageError(`${option} references unknown column "${column}"`);
        }
        const { weights } = rake({
          rows,
          margins: targetsOf(readJsonObject(o.margins, 'margins file'), rows, o.weights),
          baseWeights: o.weights,
          tolerance: parseNumber(o.tolerance, '--tolerance', (x) => x > 0, 'a positive number'),
          maxIterations: parseNumber(o.maxIterations, '--max-iterations', (x) => Number.isInteger(x) && x > 0, 'a positive integer'),
        });
        await writeRecords('rake', o.out, rows.map((row, i) => ({ [o.id]: row[o.id], weight: weights[i] })), [o.id, 'weight'], format);
      }),
    );
}

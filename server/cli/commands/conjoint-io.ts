import type { Command } from 'commander';
import { conjointColumns, csvFromRecords, rowsWhere, textTable, type ConjointOptions, type ConjointResult, type DataTable } from '../../../analysis/index.ts';
import { UsageError } from '../cli-action.ts';
import { attentionFailedLine } from './attention-failed-line.ts';
import { ALPHA_OPTION, CODEBOOK_OPTION, FORMAT_OPTION, LEVELS_OPTION, OUT_OPTION, parseAlpha, parseFormat, readDataWithLevels } from './analysis-io.ts';
import { writeOutput } from './output-file.ts';
import { warningLine } from './warning-line.ts';

// What the conjoint verbs (amce, mm, mm-diff, freqs) share: cregg's arguments as options, one way to read them,
// and one printer for cregg's tidy columns.

export interface ConjointCliOptions {
  data: string;
  formula: string;
  id: string;
  weights?: string;
  levels?: string;
  codebook?: string;
  alpha?: string;
  format: string;
  out?: string;
  subset?: string;
}

/** --data, --formula, --id, --weights, --levels, --codebook, --subset, --alpha, --format, --out. */
export function conjointOptions(command: Command, formulaExample: string): Command {
  return command
    .requiredOption('--data <file.csv>', 'profile-level data, one row per respondent × task × profile (vlab export)')
    .requiredOption('--formula <formula>', `outcome ~ features; "a * b" marks a two-way design constraint, e.g. "${formulaExample}"`)
    .requiredOption('--id <column>', 'respondent column: standard errors are clustered by it (for cregg\'s default without id, every row its own cluster, give a column of row numbers)')
    .option('--weights <column>', 'weight column')
    .option(...LEVELS_OPTION)
    .option(...CODEBOOK_OPTION)
    // A wave's profiles.csv holds every complete: the plan's exclusions are a condition on its columns.
    .option('--subset <condition>', 'keep the rows where this R condition is TRUE, e.g. "attention_pass == 1" (the plan\'s exclusions, which vlab estimates applies)')
    .option(...ALPHA_OPTION)
    .option(...FORMAT_OPTION)
    .option(...OUT_OPTION);
}

/** The estimator's options from the command line (the data read by columns, as `fit` reads it). */
export function conjointInput(o: ConjointCliOptions, verb: string): ConjointOptions {
  const { table, levels } = readDataWithLevels(o);
  if (o.subset === undefined) process.stderr.write(attentionFailedLine(table, o.id, verb));
  const rows = o.subset === undefined ? table : keptRows(table, o.subset, verb, levels);
  return { formula: o.formula, rows, id: o.id, weights: o.weights, levels, alpha: parseAlpha(o.alpha) };
}

/** --subset's rows; keeping none is the user's slip (a misspelt level), said as such rather than "no rows of data". */
function keptRows(table: DataTable, condition: string, verb: string, levels: ConjointOptions['levels']): DataTable {
  const kept = rowsWhere(table, condition, verb, levels);
  if (kept.length === 0) throw new UsageError(`--subset "${condition}" keeps none of the ${table.length} rows: check the column's values (a level's spelling, 1 against "yes")`);
  return kept;
}

/** cregg's columns (`[BY,] outcome, statistic, feature, level, estimate, std_error, z, p, lower, upper`, then df). */
export async function writeConjoint(verb: string, result: ConjointResult, o: ConjointCliOptions): Promise<void> {
  const format = parseFormat(o.format);
  // As `vlab fit`: the estimator's warnings on stderr, whatever the format (R prints them after its estimates).
  for (const warning of result.warnings) process.stderr.write(warningLine(verb, warning));
  // A CSV carries no level order: alphabetical made a newcomer's "cost" (low, high) take "high" as its reference,
  // every AMCE of it the other sign of vlab estimates' (walk-through 16).
  if (o.levels === undefined && o.codebook === undefined) {
    process.stderr.write(`vlab ${verb}: levels in alphabetical order, the first of each the reference (as R's factor()); --codebook codebook.json (vlab export --format codebook) takes the study's order\n`);
  }
  const columns = conjointColumns(result.estimates);
  const records = result.estimates as unknown as Record<string, unknown>[];
  const summary = { nobs: result.nobs, dropped: result.nDropped, respondents: result.nRespondents, se_type: result.seType };
  let body: string;
  if (format === 'json') body = `${JSON.stringify({ ...summary, estimates: result.estimates }, null, 2)}\n`;
  else if (format === 'csv') body = csvFromRecords(records, columns);
  else body = `${textTable(records, columns)}${Object.entries(summary).map(([key, value]) => `${key} ${value}`).join(', ')}\n${normalIntervalsLine(result)}`;
  await writeOutput(verb, o.out, body);
}

/**
 * Under a table whose df column reads NA (cregg's standard errors: no degrees of freedom), what that means: the
 * intervals and p-values are normal (z), as cregg's. A newcomer read the NA as something missing (walk-through 28).
 */
function normalIntervalsLine(result: ConjointResult): string {
  const noDf = result.estimates.some((e) => e.df === null && e.std_error !== null);
  return noDf ? 'df NA: the intervals and p-values are normal (z), as cregg\'s\n' : '';
}

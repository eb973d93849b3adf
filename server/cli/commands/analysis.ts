import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  P_ADJUST_METHODS,
  csvFromRecords,
  differenceInMeans,
  lmRobust,
  pAdjust,
  powerAnalysis,
  rake,
  rowsFromCsv,
  tableFromCsv,
  textTable,
  type PAdjustMethod,
  type PowerContrast,
  type PowerOptions,
  type DataTable,
  type Row,
  type SeType,
  type TidyRow,
} from '../../../analysis/index.ts';
import { cliAction, UsageError } from '../cli-action.ts';
import { levelsFromCodebook } from './codebook-levels.ts';
import { runStudyPower, studyPowerRequest, type StudyPowerRequest } from './power-study.ts';

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];
const TIDY_COLUMNS = ['term', 'estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df', 'outcome'];

function readText(path: string, what: string): string {
  return readBytes(path, what).toString('utf8');
}

function readBytes(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`cannot read ${what} ${path}: ${reason}`);
  }
}

function readCsv(path: string): Row[] {
  const text = readText(path, 'data file');
  try {
    return rowsFromCsv(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid CSV: ${(error as Error).message}`);
  }
}

/** A CSV file read by columns straight from its bytes (the fast path `fit` needs at 10⁶ rows). */
function readCsvTable(path: string): DataTable {
  const bytes = readBytes(path, 'data file');
  try {
    return tableFromCsv(bytes);
  } catch (error) {
    throw new UsageError(`${path} is not valid CSV: ${(error as Error).message}`);
  }
}

/** A JSON object from a file (levels, margins): anything else is the user's to fix. */
function readJsonObject<T>(path: string, what: string): T {
  const text = readText(path, what);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what} ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`${what} ${path} must hold a JSON object`);
  return value as T;
}

function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format "${value}" (valid: ${FORMATS.join(', ')})`);
  return value as Format;
}

function parseNumber(value: string | undefined, option: string, check: (x: number) => boolean, expected: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !check(x)) throw new UsageError(`${option} must be ${expected} (got "${value}")`);
  return x;
}

const parseAlpha = (value: string | undefined): number | undefined =>
  parseNumber(value, '--alpha', (x) => x > 0 && x < 1, 'a number between 0 and 1');

/** The tidy table in the chosen format; `table` adds the sample size below it. */
function writeTidy(estimates: TidyRow[], format: Format, summary: Record<string, unknown>): void {
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ ...summary, estimates }, null, 2)}\n`);
  } else if (format === 'csv') {
    process.stdout.write(csvFromRecords(estimates as unknown as Record<string, unknown>[], TIDY_COLUMNS));
  } else {
    const note = Object.entries(summary)
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([key, value]) => `${key} ${value}`)
      .join(', ');
    process.stdout.write(`${textTable(estimates as unknown as Record<string, unknown>[], TIDY_COLUMNS)}${note}\n`);
  }
}

function writeRecords(records: Record<string, unknown>[], columns: string[], format: Format): void {
  if (format === 'json') process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
  else if (format === 'csv') process.stdout.write(csvFromRecords(records, columns));
  else process.stdout.write(textTable(records, columns));
}

interface FitOptions {
  data: string;
  formula: string;
  levels?: string;
  codebook?: string;
  clusters?: string;
  weights?: string;
  seType?: string;
  alpha?: string;
  format: string;
}

interface DimOptions {
  data: string;
  outcome: string;
  treatment: string;
  blocks?: string;
  clusters?: string;
  alpha?: string;
  format: string;
}

interface RakeCliOptions {
  data: string;
  margins: string;
  id: string;
  tolerance?: string;
  maxIterations?: string;
  format: string;
}

interface PowerCliOptions {
  effect?: string;
  sd?: string;
  n?: string;
  power?: string;
  alpha?: string;
  arms?: string;
  contrast?: string;
  study?: string;
  sims?: string;
  seed?: string;
  format: string;
}

/**
 * How `vlab power` was asked to work: analytic (noncentral t), or simulation-based power of a study's analysis
 * plan (`--study ID --n N --sims 500`, run by power-study.ts).
 */
type PowerRequest = { kind: 'analytic'; options: PowerOptions } | StudyPowerRequest;

function powerRequest(o: PowerCliOptions): PowerRequest {
  if (o.study !== undefined) return studyPowerRequest({ study: o.study, n: o.n, sims: o.sims, seed: o.seed });
  const positive = (x: number): boolean => x > 0;
  const contrast = o.contrast ?? 'difference';
  if (!['difference', 'main', 'interaction'].includes(contrast)) {
    throw new UsageError(`unknown contrast "${contrast}" (valid: difference, main, interaction)`);
  }
  if (o.sd === undefined) throw new UsageError('--sd is required');
  if ((o.n === undefined) === (o.power === undefined) && o.effect !== undefined) throw new UsageError('give one of --n and --power');
  return {
    kind: 'analytic',
    options: {
      effect: parseNumber(o.effect, '--effect', (x) => x !== 0, 'a non-zero number'),
      sd: parseNumber(o.sd, '--sd', positive, 'a positive number') as number,
      n: parseNumber(o.n, '--n', (x) => x > 1, 'a number of respondents per arm above 1'),
      power: parseNumber(o.power, '--power', (x) => x > 0 && x < 1, 'a number between 0 and 1'),
      alpha: parseAlpha(o.alpha),
      arms: parseNumber(o.arms, '--arms', (x) => Number.isInteger(x) && x >= 2, 'an integer of at least 2'),
      contrast: contrast as PowerContrast,
    },
  };
}

/** Registers `vlab fit`, `dim`, `rake`, `p-adjust` and `power`: thin verbs over the analysis module. */
export function registerAnalysisCommands(program: Command): void {
  program
    .command('fit')
    .description('OLS with robust standard errors (estimatr::lm_robust); prints the tidy table')
    .requiredOption('--data <file.csv>', 'data, one row per observation')
    .requiredOption('--formula <formula>', 'R formula, e.g. "y ~ regime * capability"')
    .option('--levels <levels.json>', 'factor levels in order, first = reference: {"regime": ["democracy", "autocracy"]}')
    .option('--codebook <codebook.json>', 'factor levels from a wave codebook (vlab export --format codebook); --levels overrides')
    .option('--clusters <column>', 'cluster column (default se type becomes CR2)')
    .option('--weights <column>', 'weight column')
    .option('--se-type <type>', 'classical, HC0, HC1, HC2 (default), HC3; with clusters CR0, stata, CR2 (default), cregg')
    .option('--alpha <alpha>', 'confidence level is 1 − alpha', '0.05')
    .option('--format <format>', 'table, csv or json', 'table')
    .action(
      cliAction('fit', (o: FitOptions) => {
        const format = parseFormat(o.format);
        const levels = {
          ...(o.codebook ? levelsFromCodebook(readJsonObject(o.codebook, 'codebook'), o.codebook) : {}),
          ...(o.levels ? readJsonObject<Record<string, string[]>>(o.levels, 'levels file') : {}),
        };
        const result = lmRobust({
          formula: o.formula,
          rows: readCsvTable(o.data),
          levels,
          clusters: o.clusters,
          weights: o.weights,
          seType: o.seType as SeType | undefined,
          alpha: parseAlpha(o.alpha),
        });
        for (const warning of result.warnings) process.stderr.write(`vlab fit: warning: ${warning}\n`);
        writeTidy(result.estimates, format, {
          nobs: result.nobs,
          dropped: result.nDropped,
          se_type: result.seType,
          clusters: result.nClusters,
          rank: result.rank,
        });
      }),
    );

  program
    .command('dim')
    .description('difference in means (estimatr::difference_in_means): Welch, blocked or clustered')
    .requiredOption('--data <file.csv>', 'data, one row per observation')
    .requiredOption('--outcome <column>', 'outcome column')
    .requiredOption('--treatment <column>', 'treatment column with two values (0/1)')
    .option('--blocks <column>', 'block column')
    .option('--clusters <column>', 'cluster column')
    .option('--alpha <alpha>', 'confidence level is 1 − alpha', '0.05')
    .option('--format <format>', 'table, csv or json', 'table')
    .action(
      cliAction('dim', (o: DimOptions) => {
        const format = parseFormat(o.format);
        const result = differenceInMeans({
          rows: readCsv(o.data),
          outcome: o.outcome,
          treatment: o.treatment,
          blocks: o.blocks,
          clusters: o.clusters,
          alpha: parseAlpha(o.alpha),
        });
        writeTidy(result.estimates, format, { nobs: result.nobs, dropped: result.nDropped, design: result.design });
      }),
    );

  program
    .command('rake')
    .description('raking weights to population margins; prints id,weight in data order (mean weight 1)')
    .requiredOption('--data <file.csv>', 'respondents, one row each')
    .requiredOption('--margins <margins.json>', '{"gender": {"female": 0.51, "male": 0.49}, ...}')
    .requiredOption('--id <column>', 'respondent id column')
    .option('--tolerance <x>', 'largest relative weight change at convergence', '1e-10')
    .option('--max-iterations <n>', 'iteration cap', '1000')
    .option('--format <format>', 'csv, json or table', 'csv')
    .action(
      cliAction('rake', (o: RakeCliOptions) => {
        const format = parseFormat(o.format);
        const rows = readCsv(o.data);
        if (rows.length > 0 && !Object.hasOwn(rows[0], o.id)) throw new UsageError(`--id references unknown column "${o.id}"`);
        const { weights } = rake({
          rows,
          margins: readJsonObject(o.margins, 'margins file'),
          tolerance: parseNumber(o.tolerance, '--tolerance', (x) => x > 0, 'a positive number'),
          maxIterations: parseNumber(o.maxIterations, '--max-iterations', (x) => Number.isInteger(x) && x > 0, 'a positive integer'),
        });
        writeRecords(rows.map((row, i) => ({ [o.id]: row[o.id], weight: weights[i] })), [o.id, 'weight'], format);
      }),
    );

  program
    .command('p-adjust')
    .description('adjust p-values read one per line from stdin (R p.adjust); prints them in the same order')
    .requiredOption('--method <method>', `${P_ADJUST_METHODS.join(', ')}`)
    .action(
      cliAction('p-adjust', (o: { method: string }) => {
        if (!(P_ADJUST_METHODS as readonly string[]).includes(o.method)) {
          throw new UsageError(`unknown method "${o.method}" (valid: ${P_ADJUST_METHODS.join(', ')})`);
        }
        const lines = readFileSync(0, 'utf8').split(/\r?\n/);
        if (lines.at(-1) === '') lines.pop();
        const p = lines.map((line, i) => {
          const text = line.trim();
          if (text === 'NA' || text === '') return null;
          const x = Number(text);
          if (!Number.isFinite(x) || x < 0 || x > 1) throw new UsageError(`line ${i + 1}: "${line}" is not a p-value between 0 and 1`);
          return x;
        });
        const adjusted = pAdjust(p, o.method as PAdjustMethod);
        process.stdout.write(adjusted.map((x) => (x === null ? 'NA' : String(x))).join('\n') + (adjusted.length ? '\n' : ''));
      }),
    );

  program
    .command('power')
    .description('power, n per arm or minimum detectable effect of a two-sided t test (R power.t.test)')
    .option('--effect <d>', 'true difference in outcome units (leave out for the minimum detectable effect)')
    .option('--sd <s>', 'outcome standard deviation')
    .option('--n <n>', 'respondents per arm (leave out to solve for n); with --study: completes per simulated wave')
    .option('--power <p>', 'target power (leave out to compute power)')
    .option('--alpha <alpha>', 'two-sided test level', '0.05')
    .option('--arms <k>', 'number of equal arms (cells)', '2')
    .option('--contrast <c>', 'difference (two arms), main or interaction (2^f factorial)', 'difference')
    .option('--study <id>', "simulate the study's design and analysis plan instead (power, bias, RMSE, coverage per term)")
    .option('--sims <k>', 'with --study: simulated waves', '500')
    .option('--seed <seed>', 'with --study: seed of the simulations (default: random, printed)')
    .option('--format <format>', 'table, csv or json', 'table')
    .action(
      cliAction('power', (o: PowerCliOptions) => {
        const format = parseFormat(o.format);
        const request = powerRequest(o);
        if (request.kind === 'simulation') return runStudyPower(request, format);
        const result = powerAnalysis(request.options);
        writeRecords([{ ...result }], ['effect', 'sd', 'n', 'power', 'alpha', 'arms', 'contrast', 'df', 'ncp'], format);
      }),
    );
}

import type { Command } from 'commander';
import { freqs, probabilitiesFromColumns } from '../../../analysis/index.ts';
import { cliAction, UsageError } from '../cli-action.ts';
import { CODEBOOK_OPTION, FORMAT_OPTION, LEVELS_OPTION, OUT_OPTION, parseFormat, readDataWithLevels, readJsonObject, writeRecords } from './analysis-io.ts';

interface FreqsCliOptions {
  data: string;
  formula: string;
  weights?: string;
  id?: string;
  probabilities?: string;
  levels?: string;
  codebook?: string;
  format: string;
  out?: string;
}

const COLUMNS = ['feature', 'level', 'count', 'proportion', 'probability', 'expected', 'chisq', 'df', 'p', 'scale'];

/** `vlab freqs`: displayed level frequencies against the design's probabilities, chi-square per feature. */
export function registerFreqsCommand(program: Command): void {
  program
    .command('freqs')
    .description('displayed level frequencies of a conjoint vs design probabilities (cregg::cj_freqs + chi-square test)')
    .requiredOption('--data <file.csv>', 'profile-level data, one row per respondent × task × profile')
    .requiredOption('--formula <formula>', 'features to count, e.g. "~ regime + troops"')
    .option('--weights <column>', 'weight column: weighted counts, tested as survey::svygofchisq does (design-based df and scale)')
    .option('--id <column>', 'respondent column: the design-based test clusters by it (svydesign(ids = ~id)); default: each row its own')
    .option('--probabilities <file.json>', 'design probability of each level: {"regime": {"democracy": 0.5, "autocracy": 0.5}} (default: the data\'s <feature>_probability columns, as profiles-csv has them, else uniform)')
    .option(...LEVELS_OPTION)
    .option(...CODEBOOK_OPTION)
    .option(...FORMAT_OPTION)
    .option(...OUT_OPTION)
    .action(
      cliAction('freqs', async (o: FreqsCliOptions) => {
        const format = parseFormat(o.format);
        const probabilities = o.probabilities === undefined ? undefined : readJsonObject<Record<string, Record<string, number>>>(o.probabilities, 'probabilities file');
        for (const [feature, levels] of Object.entries(probabilities ?? {})) {
          if (typeof levels !== 'object' || levels === null || Array.isArray(levels)) throw new UsageError(`probabilities of "${feature}" must be an object of level → probability`);
        }
        const { table: rows, levels } = readDataWithLevels(o);
        const fromData = probabilities ? undefined : probabilitiesFromColumns(rows, o.formula);
        if (fromData?.columns.length) {
          process.stderr.write(`vlab freqs: design probabilities from the columns ${fromData.columns.join(', ')} (--probabilities FILE overrides them)\n`);
        }
        const result = freqs({ formula: o.formula, rows, weights: o.weights, id: o.id, levels, probabilities: probabilities ?? fromData?.probabilities });
        await writeRecords('freqs', o.out, result as unknown as Record<string, unknown>[], COLUMNS, format);
      }),
    );
}

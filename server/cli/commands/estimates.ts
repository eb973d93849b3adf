import type { Command } from 'commander';
import { csvFromRecords, textTable } from '../../../analysis/index.ts';
import { PLAN_ESTIMATE_COLUMNS } from '../../domain/plan/execute-plan.ts';
import type { WaveEstimates } from '../../services/estimates-service.ts';
import { cliAction, UsageError } from '../cli-action.ts';

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The columns a terminal has room for; csv and json carry every column at full precision. */
const TABLE_COLUMNS = ['hypothesis', 'outcome', 'term', 'estimate', 'std_error', 'df', 'p_value', 'conf_low', 'conf_high', 'p_adjusted', 'n_used'];

/** The estimates in a format: json is the whole result, csv the tidy table, table a summary for reading. */
export function formatEstimates(result: WaveEstimates, format: Format): string {
  const records = result.estimates as unknown as Record<string, unknown>[];
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'csv') return csvFromRecords(records, PLAN_ESTIMATE_COLUMNS);
  const head = `wave ${result.wave} (${result.study} v${result.studyVersion}), ${result.nComplete} complete, ${result.nExcluded} excluded by the plan; plan ${result.planHash.slice(0, 12)}\n`;
  return head + textTable(records, TABLE_COLUMNS);
}

interface EstimatesOptions {
  wave: string;
  format: string;
  db?: string;
}

/** `vlab estimates`: a wave's estimates under its pre-registered plan, from its completed participants. */
export function registerEstimatesCommand(program: Command): void {
  program
    .command('estimates')
    .description("a wave's estimates under the analysis plan it launched with (completed participants)")
    .requiredOption('--wave <id>', 'wave id')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'table')
    .option('--db <path>', 'SQLite file (default: VLAB_DB or ./data/vlab.sqlite)')
    .action(
      cliAction('estimates', async (options: EstimatesOptions) => {
        if (!(FORMATS as readonly string[]).includes(options.format)) {
          throw new UsageError(`unknown format "${options.format}" (valid: ${FORMATS.join(', ')})`);
        }
        const [{ openStorageForCli }, { createEstimatesService }] = await Promise.all([
          import('./cli-storage.ts'),
          import('../../services/estimates-service.ts'),
        ]);
        const { db, repos } = openStorageForCli({ dbPath: options.db });
        try {
          const result = createEstimatesService({ db, repos }).waveEstimates(options.wave);
          process.stdout.write(formatEstimates(result, options.format as Format));
          if (options.format !== 'json') {
            for (const p of result.problems) process.stderr.write(`vlab estimates: ${p.hypothesis}${p.outcome ? ` (${p.outcome})` : ''}: ${p.message}\n`);
          }
        } finally {
          db.close();
        }
      }),
    );
}

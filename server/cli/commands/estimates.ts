import type { Command } from 'commander';
import { cliAction, UsageError } from '../cli-action.ts';
import { writeOutput } from './output-file.ts';
import { DB_OPTION_HELP } from '../db-option.ts';
import { validOptions } from '../../../analysis/helpers/did-you-mean.ts';
import { warningLine } from './warning-line.ts';

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface EstimatesOptions {
  wave: string;
  format: string;
  wide?: boolean;
  out?: string;
  db?: string;
}

/** `vlab estimates`: a wave's estimates under its pre-registered plan, from its completed participants. */
export function registerEstimatesCommand(program: Command): void {
  program
    .command('estimates')
    .description("a wave's estimates under the analysis plan it launched with (completed participants)")
    .requiredOption('--wave <id>', 'wave id')
    .option('--format <format>', `output format: ${FORMATS.join(', ')} (csv and json keep R's term names)`, 'table')
    .option('--wide', 'with --format table: every column and every term, labels unwrapped')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--db <path>', DB_OPTION_HELP)
    .action(
      cliAction('estimates', async (options: EstimatesOptions) => {
        if (!(FORMATS as readonly string[]).includes(options.format)) {
          throw new UsageError(`unknown format "${options.format}" ${validOptions(options.format, FORMATS)}`);
        }
        if (options.wide && options.format !== 'table') throw new UsageError('--wide goes with --format table');
        const [{ openStorageForCli }, { createEstimatesService }, { formatEstimates }, { estimatesBars }] = await Promise.all([
          import('./cli-storage.ts'),
          import('../../services/estimates-service.ts'),
          // The table's module reaches the plan's schema (zod): loaded here, not for `vlab --help`.
          import('./estimates-table.ts'),
          import('./estimates-progress.ts'),
        ]);
        const { store } = await openStorageForCli({ dbPath: options.db });
        try {
          const service = createEstimatesService({ store });
          const bars = await estimatesBars(store, options.wave, 'estimates');
          const result = await service.waveEstimates(options.wave, bars).finally(() => bars.stop());
          const { definition } = await service.wavePlan(options.wave);
          await writeOutput('estimates', options.out, formatEstimates(result, definition, options.format as Format, options.wide));
          // The table shows the problems itself; csv carries none, so they go to stderr.
          if (options.format === 'csv') {
            for (const p of result.problems) process.stderr.write(`vlab estimates: ${p.hypothesis}${p.outcome ? ` (${p.outcome})` : ''}: ${p.explanation}\n`);
          }
          // The table shows the warnings under their estimates; csv (its warnings column) and json (its warnings) keep
          // them in the file, and say them on stderr too, as R prints an estimator's warnings after its estimates.
          if (options.format !== 'table') {
            for (const w of result.warnings) process.stderr.write(warningLine('estimates', w.message, `${w.hypothesis} (${w.outcome})`));
          }
        } finally {
          await store.close();
        }
      }),
    );
}

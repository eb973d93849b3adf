import { InvalidArgumentError, type Command } from 'commander';
import type { ParticipantStatus } from '../../domain/participant.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../domain/export/export-formats.ts';
import { cliAction } from '../cli-action.ts';
import { writeOutput } from './output-file.ts';

const STATUSES: readonly ParticipantStatus[] = ['started', 'complete', 'screened_out', 'overquota'];

function format(value: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${EXPORT_FORMATS.join(', ')}`);
  }
  return value as ExportFormat;
}

function statuses(value: string): ParticipantStatus[] {
  const list = value.split(',');
  const unknown = list.find((s) => !(STATUSES as readonly string[]).includes(s));
  if (unknown !== undefined) throw new InvalidArgumentError(`unknown status "${unknown}" (expected ${STATUSES.join(', ')})`);
  return list as ParticipantStatus[];
}

interface ExportOptions {
  wave: string;
  format: ExportFormat;
  out?: string;
  status?: ParticipantStatus[];
  db?: string;
}

/** `vlab export --wave ID --format csv|long-csv|json|codebook [--out FILE]`: streams a wave's data. */
export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description('download a wave: csv (one row per participant), long-csv (item batteries stacked), json or codebook')
    .requiredOption('--wave <id>', 'wave id')
    .option('--format <format>', EXPORT_FORMATS.join(' | '), format, 'csv')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--status <list>', 'only these statuses, comma-separated (started, complete, screened_out, overquota)', statuses)
    .option('--db <path>', 'SQLite file or postgres:// URL (default: VLAB_DB, DATABASE_URL or ./data/vlab.sqlite)')
    .action(
      cliAction('export', async (options: ExportOptions) => {
        const [{ openStorageForCli }, { createExportService }, { createQualityFlagService }] = await Promise.all([
          import('./cli-storage.ts'),
          import('../../services/export-service.ts'),
          import('../../services/quality-flag-service.ts'),
        ]);
        const { store } = await openStorageForCli({ dbPath: options.db });
        try {
          // The same file as GET /api/researcher/waves/:id/export, flag_* columns included.
          const exports = createExportService({ store, flags: createQualityFlagService().exportSource(store.repos) });
          const file = await exports.file(options.wave, options.format, { statuses: options.status });
          await writeOutput('export', options.out, file.stream());
        } finally {
          await store.close();
        }
      }),
    );
}

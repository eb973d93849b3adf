import type { Command } from 'commander';
import type { ParticipantStatus } from '../../domain/participant.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../domain/export/export-formats.ts';
import { validOptions } from '../../../analysis/helpers/did-you-mean.ts';
import { cliAction, UsageError } from '../cli-action.ts';
import { writeOutput } from './output-file.ts';
import { exportCounts, type ExportCounts } from './export-counts.ts';
import { DB_OPTION_HELP } from '../db-option.ts';
import type { Progress } from '../../simulate/progress.ts';

const STATUSES: readonly ParticipantStatus[] = ['started', 'complete', 'screened_out', 'overquota'];

// Checked in the action, as every verb's --format is: one line, "unknown format …", the near miss named ("csvv").
function format(value: string): ExportFormat {
  if (!(EXPORT_FORMATS as readonly string[]).includes(value)) throw new UsageError(`unknown format "${value}" ${validOptions(value, EXPORT_FORMATS)}`);
  return value as ExportFormat;
}

/** `all`, or a comma-separated list of statuses. */
function statuses(value: string): ParticipantStatus[] {
  if (value === 'all') return [...STATUSES];
  const list = value.split(',');
  const unknown = list.find((s) => !(STATUSES as readonly string[]).includes(s));
  if (unknown !== undefined) throw new UsageError(`unknown status "${unknown}" ${validOptions(unknown, ['all', ...STATUSES])}`);
  return list as ParticipantStatus[];
}

interface ExportOptions {
  wave: string;
  format: string;
  out?: string;
  status?: string;
  excel?: boolean;
  db?: string;
}

/** `3 complete, 1 started` (statuses in their usual order, those with none left out), or `none`. */
function byStatus(counts: Map<ParticipantStatus, number>): string {
  const parts = STATUSES.filter((s) => counts.get(s)).map((s) => `${counts.get(s)} ${s}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** The summary's tail: who was left out, or that PostgreSQL refused to count them (the file is whole either way). */
function leftOut(wanted: readonly ParticipantStatus[], after: ExportCounts): string {
  const others = STATUSES.filter((s) => !wanted.includes(s));
  if (others.length === 0) return '';
  if ('refused' in after) return `; PostgreSQL refused to count the wave's other participants (${after.refused})`;
  const left = new Map(others.map((s) => [s, after.counts[s]] as const));
  const leftTotal = [...left.values()].reduce((a, b) => a + b, 0);
  return leftTotal ? `; left out ${leftTotal} (${byStatus(left)}): --status all writes everyone` : '';
}

/**
 * `vlab export --wave ID --format csv|long-csv|json|codebook|profiles-csv [--status complete|all|LIST] [--excel] [--out FILE]`: streams
 * a wave's data. Completes by default: what an analysis of the wave should read (the plan's estimates use them
 * too); `--status all` for every participant. The API's export keeps every participant by default (the
 * dashboard's downloads rely on it) and takes `status=all` or a list as well.
 */
export function registerExportCommands(program: Command): void {
  program
    .command('export')
    .description('download a wave: csv (one row per participant), long-csv (item batteries stacked), json, codebook, or profiles-csv (a conjoint: one row per participant × task × profile)')
    .requiredOption('--wave <id>', 'wave id')
    .option('--format <format>', EXPORT_FORMATS.join(' | '), 'csv')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--excel', 'a CSV that Excel opens with its accents and non-Latin letters: a UTF-8 byte-order mark first (R: readr reads it; read.csv needs fileEncoding = "UTF-8-BOM")')
    .option('--status <list>', 'whose rows: complete (default), all, or a comma-separated list of started, complete, screened_out, overquota')
    .option('--db <path>', DB_OPTION_HELP)
    .action(
      cliAction('export', async (options: ExportOptions) => {
        const wanted = options.status === undefined ? (['complete'] as ParticipantStatus[]) : statuses(options.status);
        const exportFormat = format(options.format);
        const [{ openStorageForCli }, { createExportService }, { createQualityFlagService }, { progressBar }] = await Promise.all([
          import('./cli-storage.ts'),
          import('../../services/export-service.ts'),
          import('../../services/quality-flag-service.ts'),
          import('../../simulate/progress.ts'),
        ]);
        const { store } = await openStorageForCli({ dbPath: options.db });
        try {
          const written = new Map<ParticipantStatus, number>();
          let bar: Progress = { update: () => undefined, stop: () => undefined };
          let count = 0;
          let expected = 0;
          // The same file as GET /api/researcher/waves/:id/export, flag_* columns included.
          const exports = createExportService({ store, flags: createQualityFlagService().exportSource(store.repos) });
          const file = await exports.file(options.wave, exportFormat, {
            statuses: wanted,
            excel: options.excel === true,
            onParticipant: (status) => {
              written.set(status, (written.get(status) ?? 0) + 1);
              bar.update(Math.min(++count, expected));
            },
          });
          if (exportFormat !== 'codebook') {
            // On a terminal, a bar of participants written (a wave of a million takes minutes). Counted before the
            // file: a participant finishing meanwhile may add a row the bar does not count. No count, no bar.
            const before = await exportCounts(store, options.wave);
            if ('counts' in before) {
              expected = wanted.reduce((sum, s) => sum + before.counts[s], 0);
              bar = progressBar(expected, 'export');
            }
          }
          await writeOutput('export', options.out, file.stream(), () => bar.stop());
          if (exportFormat === 'codebook') return;
          // Counted after the file, so that a participant finishing meanwhile cannot make the two disagree.
          const total = [...written.values()].reduce((a, b) => a + b, 0);
          const rest = leftOut(wanted, await exportCounts(store, options.wave));
          process.stderr.write(`vlab export: ${total} participant${total === 1 ? '' : 's'} written (${byStatus(written)})${rest}\n`);
          if (file.note) process.stderr.write(`vlab export: ${file.note}\n`);
        } finally {
          await store.close();
        }
      }),
    );
}

import type { Command } from 'commander';
import { textTable } from '../../../analysis/text-table.ts';
import { cliAction } from '../cli-action.ts';

/** `vlab study list [--db PATH] [--json]`: the studies in survey-definitions/ (synced into the database). */
export function registerStudyCommands(program: Command): void {
  const study = program.command('study').description('study definitions');
  study
    .command('list')
    .description('list studies: id, version, cells, waves, title')
    .option('--db <path>', 'SQLite file or postgres:// URL (default: VLAB_DB, DATABASE_URL or ./data/vlab.sqlite)')
    .option('--json', 'print JSON')
    .action(
      cliAction('study list', async (options: { db?: string; json?: boolean }) => {
        const { openStorageForCli } = await import('./cli-storage.ts');
        const { config, store, studies } = await openStorageForCli({ dbPath: options.db });
        try {
          const list = await studies.listStudies();
          if (options.json) {
            process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
            return;
          }
          if (list.length === 0) {
            process.stdout.write(`no studies yet — add one as a folder of ${config.definitionsDir} (README: "The researcher's path")\n`);
            return;
          }
          const records = list.map((s) => ({ study: s.id, version: `v${s.version}`, cells: s.cells, waves: s.waves, title: s.title }));
          process.stdout.write(textTable(records, ['study', 'version', 'cells', 'waves', 'title']));
        } finally {
          await store.close();
        }
      }),
    );
}

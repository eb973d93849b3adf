import type { Command } from 'commander';
import { cliAction } from '../cli-action.ts';

/** `vlab study list [--db PATH] [--json]`: the studies in survey-definitions/ (synced into the database). */
export function registerStudyCommands(program: Command): void {
  const study = program.command('study').description('study definitions');
  study
    .command('list')
    .description('list studies: id, version, cells, waves, title')
    .option('--db <path>', 'SQLite file (default: VLAB_DB or ./data/vlab.sqlite)')
    .option('--json', 'print JSON')
    .action(
      cliAction('study list', async (options: { db?: string; json?: boolean }) => {
        const { openStorageForCli } = await import('./cli-storage.ts');
        const { db, studies } = openStorageForCli({ dbPath: options.db });
        try {
          const list = studies.listStudies();
          if (options.json) {
            process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
            return;
          }
          for (const s of list) {
            process.stdout.write(`${s.id}\tv${s.version}\t${s.cells} cells\t${s.waves} waves\t${s.title}\n`);
          }
        } finally {
          db.close();
        }
      }),
    );
}

import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { cliAction } from '../cli-action.ts';
import { DB_OPTION_HELP } from '../db-option.ts';

interface ReplicationOptions {
  wave: string;
  out: string;
  db?: string;
}

/** `vlab replication`: data, codebook, estimates, plan and an estimatr script that reproduces the estimates. */
export function registerReplicationCommand(program: Command): void {
  program
    .command('replication')
    .description("write a wave's replication package (data CSV, codebook, estimates, plan, R script) to a folder or .zip")
    .requiredOption('--wave <id>', 'wave id')
    .requiredOption('--out <path>', 'a new or empty folder, or a file name ending in .zip')
    .option('--db <path>', DB_OPTION_HELP)
    .action(
      cliAction('replication', async (options: ReplicationOptions) => {
        const [{ openStorageForCli }, { createReplicationService }, { checkOutputFolder, refuseDatabaseTarget }, { estimatesBars }] = await Promise.all([
          import('./cli-storage.ts'),
          import('../../services/replication-service.ts'),
          import('./output-file.ts'),
          import('./estimates-progress.ts'),
        ]);
        // A folder is created with its parents; a zip file needs its folder to exist.
        if (options.out.toLowerCase().endsWith('.zip')) checkOutputFolder(options.out);
        else refuseDatabaseTarget('--out', options.out); // a folder named `db.sqlite-shm` keeps the database from opening
        const { store } = await openStorageForCli({ dbPath: options.db });
        try {
          const bars = await estimatesBars(store, options.wave, 'replication');
          const files = await createReplicationService({ store }).write(options.wave, options.out, bars).finally(() => bars.stop());
          process.stderr.write(`vlab replication: wrote ${files.join(', ')} to ${options.out}; run it with: ${howToRun(options.out)}\n`);
        } finally {
          await store.close();
        }
      }),
    );
}

/** The commands that run the package's check, pasted as printed: a folder as it is, a zip unpacked beside it. */
function howToRun(out: string): string {
  if (!out.toLowerCase().endsWith('.zip')) return `cd ${out} && Rscript replicate.R`;
  const folder = join(dirname(out), basename(out).slice(0, -'.zip'.length));
  return `unzip ${out} -d ${folder} && cd ${folder} && Rscript replicate.R`;
}

import type { Command } from 'commander';
import { cliAction } from '../cli-action.ts';
import { DB_OPTION_HELP } from '../db-option.ts';

/** `vlab serve [--port N] [--db PATH] [--no-demo]`: what `npm start` runs. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve respondent pages and the API (PORT, VLAB_DB from the environment unless given)')
    .option('--port <port>', 'port to listen on; 0 picks a free one (default: PORT or 3000)')
    .option('--db <path>', DB_OPTION_HELP)
    .option('--no-demo', 'on a database with no wave, do not open a demo wave of the flagship study (VLAB_DEMO=false)')
    .action(
      cliAction('serve', async (options: { port?: string; db?: string; demo: boolean }) => {
        const [{ startServer }, { asUsageError }] = await Promise.all([import('../../index.ts'), import('./cli-storage.ts')]);
        // commander sets demo to true unless --no-demo is given: only the flag's false overrides VLAB_DEMO.
        await startServer({ port: options.port, dbPath: options.db, demoWave: options.demo === false ? false : undefined }).catch((error: unknown) => {
          throw asUsageError(error);
        });
      }),
    );
}

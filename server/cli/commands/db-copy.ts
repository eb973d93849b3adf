import { standardOutput } from '../standard-output.ts';
import type { Command } from 'commander';
import { cliAction, UsageError } from '../cli-action.ts';

/**
 * `vlab db copy --from FILE.sqlite --to postgres://…`: moves a project from the embedded SQLite file to an empty
 * PostgreSQL database (storage/copy/), verified by row counts and a checksum per table, which it prints:
 * `table  rows  sha256` on stdout, progress and the summary on stderr.
 */
export function registerDbCopyCommand(db: Command): void {
  db.command('copy')
    .description('copy every table of a SQLite project into a new, empty PostgreSQL database, verified per table')
    .requiredOption('--from <file>', 'the SQLite file (may be in use by vlab serve: one snapshot of it is copied)')
    .requiredOption('--to <url>', 'postgres:// URL of an empty database (migrated first if it is new)')
    .action(
      cliAction('db copy', async (options: { from: string; to: string }) => {
        const [{ isPostgresUrl, maskedLocation }, { ConfigError }] = await Promise.all([import('../../storage/store.ts'), import('../../config.ts')]);
        if (isPostgresUrl(options.from)) throw new UsageError('--from: give the SQLite file to copy from (copying between two PostgreSQL databases is pg_dump | psql)');
        if (!isPostgresUrl(options.to)) throw new UsageError(`--to: ${options.to} is not a postgres:// URL`);
        const { copySqliteToPostgres, CopyRefused } = await import('../../storage/copy/copy-sqlite-to-postgres.ts');
        const started = performance.now();
        let tables;
        try {
          tables = await copySqliteToPostgres(options.from, options.to, {
            onProgress: ({ table, copied, total }) => process.stderr.write(`vlab db copy: ${table} ${copied}/${total} rows\n`),
          });
        } catch (error) {
          if (error instanceof CopyRefused || error instanceof ConfigError) throw new UsageError(error.message);
          throw error;
        }
        const width = Math.max(...tables.map((t) => t.name.length));
        for (const t of tables) standardOutput().write(`${t.name.padEnd(width)}  ${String(t.rows).padStart(9)}  ${t.checksum}\n`);
        const rows = tables.reduce((sum, t) => sum + t.rows, 0);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        process.stderr.write(
          `vlab db copy: ${options.from} → ${maskedLocation(options.to)}: ${tables.length} tables, ${rows} rows in ${seconds} s; ` +
            'row counts and sha256 checksums equal on both sides; identity counters set past the copied rows\n',
        );
      }),
    );
}

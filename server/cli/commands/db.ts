import { standardOutput } from '../standard-output.ts';
import type { Command } from 'commander';
import { cliAction, UsageError } from '../cli-action.ts';
import { registerDbCopyCommand } from './db-copy.ts';
import { DB_OPTION_HELP, SQLITE_DB_OPTION_HELP } from '../db-option.ts';

const POSTGRES = 'vlab db backup copies a SQLite file; for PostgreSQL use pg_dump (docs/deploy.md, "Backups")';

/**
 * `vlab db backup --out FILE [--db PATH]`: a consistent copy of the SQLite file while `vlab serve` keeps running,
 * through SQLite's online backup API (better-sqlite3's `backup`), which copies page by page and restarts on its
 * own when a writer changes a page it already copied. Copying the file with `cp` instead can catch a half-written
 * WAL. The copy is written beside FILE first and renamed when complete, checked with `PRAGMA integrity_check`,
 * and readable by its owner only, as the database itself. A FILE-wal, -shm or -journal already there is refused. PostgreSQL has pg_dump (docs/deploy.md).
 */
export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('the database: migrations, backups and the copy to PostgreSQL');
  db.command('migrate')
    .description('apply the pending schema migrations (vlab serve does it at start) and list the applied ones')
    .option('--db <path>', DB_OPTION_HELP)
    .action(
      cliAction('db migrate', async (options: { db?: string }) => {
        const [{ openDatabaseForCli }, { maskedLocation }] = await Promise.all([import('./cli-storage.ts'), import('../../storage/store.ts')]);
        const started = new Date().toISOString();
        // Opening migrates, on both engines (under an advisory lock on PostgreSQL) and refuses a newer schema.
        const { config, store } = await openDatabaseForCli({ dbPath: options.db });
        try {
          const rows = await appliedMigrations(store);
          const now = rows.filter((r) => r.applied_at >= started).length;
          // A table: the times in one column, two spaces after the longest name.
          const width = Math.max(0, ...rows.map((r) => r.name.length));
          for (const r of rows) standardOutput().write(`${r.name.padEnd(width)}  ${r.applied_at}${r.applied_at >= started ? '  (now)' : ''}\n`);
          process.stderr.write(`vlab db migrate: ${maskedLocation(config.dbPath)} at migration ${rows.at(-1)?.version ?? 0}; ${now ? `${now} applied now` : 'nothing to apply'}\n`);
        } finally {
          await store.close();
        }
      }),
    );
  db.command('backup')
    .description('copy the SQLite database to FILE while the server runs (online backup API), then check the copy')
    .requiredOption('--out <file>', 'where to write the copy (must not exist yet)')
    .option('--db <path>', SQLITE_DB_OPTION_HELP)
    .action(
      cliAction('db backup', async (options: { out: string; db?: string }) => {
        const [{ chmodSync, existsSync, rmSync, statSync }, { openDatabaseForCli }, { isPostgresUrl }, { default: Database }, { isUnwritable }] = await Promise.all([
          import('node:fs'),
          import('./cli-storage.ts'),
          import('../../storage/store.ts'),
          import('better-sqlite3'),
          import('../../storage/sqlite-unavailable.ts'),
        ]);
        const { removedIfStopped, removeIfFile, partialNameFor } = await import('../../storage/output-files.ts');
        if (existsSync(options.out)) throw new UsageError(`--out: ${options.out} already exists; choose a new file name`);
        refuseStaleSideFiles(options.out, existsSync);
        (await import('./output-file.ts')).checkOutputFolder(options.out);
        if (options.db && isPostgresUrl(options.db)) throw new UsageError(POSTGRES);
        const { config, store } = await openDatabaseForCli({ dbPath: options.db });
        const partial = partialNameFor(options.out); // its own: another backup to the same --out may run at once
        // The copy's SQLite files hold every panel ID: a Ctrl-C mid-copy used to leave them beside the target.
        const copyFiles = ['', '-journal', '-wal', '-shm'].map((side) => partial + side);
        await removedIfStopped(copyFiles, async () => {
          try {
            const sqlite = (store as { sqlite?: import('better-sqlite3').Database }).sqlite;
            if (isPostgresUrl(config.dbPath) || !sqlite) {
              throw new UsageError(POSTGRES);
            }
            await startPartialCopy(options.out, partial);
            const { totalPages } = await sqlite.backup(partial).catch((error: unknown) => {
              // The copy's disk, not the live database's: say which file could not be written.
              if (!isUnwritable(error)) throw error;
              const { code, message } = error as { code: string; message: string };
              throw new UsageError(`--out ${options.out}: the copy cannot be written (${message}, ${code}); is that disk full or read-only?`);
            });
            const copy = new Database(partial, { readonly: true, fileMustExist: true });
            const check = copy.pragma('integrity_check', { simple: true });
            const participants = copy.prepare('SELECT count(*) FROM participants').pluck().get() as number;
            copy.close();
            // The copy is a WAL database, so the read-only check made a `-wal` and a `-shm` file beside it that a
            // read-only connection cannot remove: left behind (0644) beside every backup. The check wrote nothing,
            // so the WAL is empty and both can go.
            for (const side of ['-wal', '-shm']) rmSync(partial + side, { force: true });
            if (check !== 'ok') throw new Error(`the copy failed SQLite's integrity check: ${String(check)}`);
            chmodSync(partial, 0o600);
            await putInPlace(partial, options.out);
            const mb = (statSync(options.out).size / 1e6).toFixed(1);
            process.stderr.write(`vlab db backup: ${options.out} (${totalPages} pages, ${mb} MB, ${participants} participants; integrity check ok)\n`);
          } finally {
            for (const file of copyFiles) removeIfFile(file);
            await store.close();
          }
        });
      }),
    );
  registerDbCopyCommand(db);
}

/**
 * The backup's partial copy, made owner-only before SQLite opens it: SQLite made it (and its journal, which takes
 * the file's mode) 0644, so every panel ID was readable by any user while the copy ran, and after a kill -9 until
 * the next backup. What killed backups of this --out left (their copies' files) is removed first.
 */
async function startPartialCopy(out: string, partial: string): Promise<void> {
  const [{ writeFileSync }, { removeDeadWritersPartials }] = await Promise.all([import('node:fs'), import('../../storage/output-files.ts')]);
  removeDeadWritersPartials(out);
  writeFileSync(partial, '', { mode: 0o600, flag: 'wx' });
}

/**
 * The checked copy takes the --out name only if nothing has it yet (placeWithoutReplacing: a link fails with EEXIST
 * where a rename would replace a copy another backup of the same --out put there meanwhile).
 */
async function putInPlace(partial: string, out: string): Promise<void> {
  const { placeWithoutReplacing } = await import('../../storage/output-files.ts');
  try {
    placeWithoutReplacing(partial, out);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`--out: ${out} already exists; choose a new file name`);
    throw error;
  }
}

/**
 * SQLite opens FILE together with FILE-wal and FILE-journal (and FILE-shm, the WAL's index) if they exist, and
 * replays them into it: a WAL has no mark of the database it belongs to. One left from an earlier database of that
 * name (moved or deleted without it) would be applied over the backup the first time it is opened — a trial saw the
 * whole copy replaced by another database's schema, integrity check ok. Refused rather than removed: the file may
 * hold the committed writes of a database that was moved away without it, and is not ours to delete.
 */
function refuseStaleSideFiles(out: string, exists: (path: string) => boolean): void {
  for (const side of ['-wal', '-shm', '-journal']) {
    if (!exists(out + side)) continue;
    throw new UsageError(
      `--out ${out}: ${out}${side} already exists, left from an earlier database of that name; SQLite would apply it to the ` +
        'copy when the copy is opened. Move it away (or delete it if nothing needs it), or choose another --out',
    );
  }
}

interface MigrationRow {
  version: number;
  name: string;
  applied_at: string;
}

/** The schema_migrations table, which both engines keep with the same columns. */
async function appliedMigrations(store: object): Promise<MigrationRow[]> {
  const sql = 'SELECT version, name, applied_at FROM schema_migrations ORDER BY version';
  const { sqlite, pool } = store as { sqlite?: import('better-sqlite3').Database; pool?: { query(q: string): Promise<{ rows: MigrationRow[] }> } };
  if (sqlite) return sqlite.prepare(sql).all() as MigrationRow[];
  if (pool) return (await pool.query(sql)).rows.map((r) => ({ ...r, version: Number(r.version) }));
  throw new Error('db migrate: a store of an unknown engine');
}

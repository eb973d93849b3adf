// A newcomer's wrong paths: a database file under a file, a folder or a non-SQLite file as the database, an
// --out into a folder that does not exist. Each is one line on stderr naming the path, exit code 2, never a
// stack trace (they used to be Node's uncaught ENOTDIR / EISDIR / SQLITE_NOTADB / ENOENT traces).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-cli-paths-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** `vlab ...args`, run in this process (vlab-in-process.ts); vlab-bin.test.ts checks the built command. */
function vlab(args: string[]) {
  return vlabInProcess(args);
}

function assertOneLine(run: Awaited<ReturnType<typeof vlab>>, expected: string): void {
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stderr, `${expected}\n`);
}

test('a database path that cannot be a database is one line naming it and VLAB_DB', async () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not a folder');
  assertOneLine(
    (await vlab(['wave', 'list', '--db', join(file, 'vlab.sqlite')])),
    `vlab wave list: ${join(file, 'vlab.sqlite')}: cannot open the database (a part of the path is a file, not a folder: ${file}); set VLAB_DB or --db to another path`,
  );
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  assertOneLine(
    (await vlab(['study', 'list', '--db', folder])),
    `vlab study list: ${folder}: cannot open the database (it is a folder; name a file in it, e.g. vlab.sqlite); set VLAB_DB or --db to another path`,
  );
  const text = join(dir, 'notes.sqlite');
  writeFileSync(text, 'these are my notes, not a database\n'.repeat(200));
  assertOneLine(
    (await vlab(['db', 'migrate', '--db', text])),
    `vlab db migrate: ${text}: cannot open the database (the file is not an SQLite database); set VLAB_DB or --db to another path`,
  );
});

// Attacker pass 16: tab completion offers `vlab.sqlite-wal` beside `vlab.sqlite`. Given as --db while the WAL was
// empty (a server just started, before its first write), it was taken for a new database: migrated, a wave created
// in it whose link the server did not know, the live database's WAL file filled with another database.
test('--db naming the -wal, -shm or -journal file of a database is one line naming the database, and writes nothing', async () => {
  const db = join(dir, 'live.sqlite');
  assert.equal((await vlab(['wave', 'list', '--db', db])).status, 0);
  writeFileSync(`${db}-wal`, '');
  for (const side of ['-wal', '-shm', '-journal']) {
    assertOneLine(
      (await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--db', `${db}${side}`])),
      `vlab wave create: ${db}${side}: cannot open the database (it is the ${side} file of the SQLite database ${db}; give that); set VLAB_DB or --db to another path`,
    );
  }
  assert.equal(readFileSync(`${db}-wal`).length, 0, 'the WAL file left empty');
  assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('live.sqlite')).sort(), ['live.sqlite', 'live.sqlite-wal']);
});

test('--out into a folder that does not exist, or under a file, is refused before any work', async () => {
  const db = join(dir, 'ok.sqlite');
  const created = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--db', db, '--json']);
  assert.equal(created.status, 0, created.stderr);
  const wave = (JSON.parse(created.stdout) as { id: string }).id;
  const missing = join(dir, 'results');
  assertOneLine(
    (await vlab(['export', '--wave', wave, '--db', db, '--out', join(missing, 'wave.csv')])),
    `vlab export: --out ${join(missing, 'wave.csv')}: there is no folder ${missing}; create it first (mkdir -p ${missing}) or give another path`,
  );
  assertOneLine(
    (await vlab(['replication', '--wave', wave, '--db', db, '--out', join(missing, 'package.zip')])),
    `vlab replication: --out ${join(missing, 'package.zip')}: there is no folder ${missing}; create it first (mkdir -p ${missing}) or give another path`,
  );
  assertOneLine(
    (await vlab(['db', 'backup', '--db', db, '--out', join(missing, 'backup.sqlite')])),
    `vlab db backup: --out ${join(missing, 'backup.sqlite')}: there is no folder ${missing}; create it first (mkdir -p ${missing}) or give another path`,
  );
  const file = join(dir, 'plain-file');
  writeFileSync(file, '');
  assertOneLine(
    (await vlab(['export', '--wave', wave, '--db', db, '--format', 'codebook', '--out', join(file, 'codebook.json')])),
    `vlab export: --out ${join(file, 'codebook.json')}: ${file} is a file, not a folder; give another path`,
  );
  // A replication folder is created with its parents; under a file that cannot be, and the error names the path.
  const run = await vlab(['replication', '--wave', wave, '--db', db, '--out', join(file, 'package')]);
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /^vlab replication: \S+: a part of the path is a file, not a folder\n$/);
  assert.equal(existsSync(missing), false);
});

// The second attacker trial (2026-12-03): `vlab serve` restarted on a full disk (a 4 MB tmpfs) printed
// better-sqlite3's stack (`SqliteError: disk I/O error at Database.prepare …`) on every restart of its service
// manager. A database that cannot be written (disk full, read-only, failing) is one line naming the problem and
// what to check, exit code 1 (the environment's problem, not the command's). The SQLite errors here are real ones:
// a file limited to its size (SQLITE_FULL) and a query-only connection (SQLITE_READONLY).
test('a database that cannot be written (disk full or read-only) is one line saying so, exit code 1, no stack', async () => {
  const { cliAction } = await import('../../server/cli/cli-action.ts');
  const { openDatabase } = await import('../../server/storage/db.ts');
  const db = openDatabase(join(dir, 'full.sqlite'));
  db.exec('CREATE TABLE filler (x BLOB)');
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stderr.write;
  try {
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    await cliAction('serve', () => void db.prepare('INSERT INTO filler VALUES (randomblob(100000))').run())();
    db.pragma('max_page_count = 1073741823');
    db.pragma('query_only = ON');
    await cliAction('token create', () => void db.prepare('INSERT INTO filler VALUES (1)').run())();
    db.pragma('query_only = OFF');
    // Another connection holding the write lock past this one's busy_timeout (0 here): SQLITE_BUSY.
    const other = openDatabase(join(dir, 'full.sqlite'));
    other.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    await cliAction('wave close', () => void other.prepare('INSERT INTO filler VALUES (1)').run())();
    db.exec('ROLLBACK');
    other.close();
  } finally {
    process.stderr.write = write;
    db.close();
  }
  assert.equal(process.exitCode, 1);
  process.exitCode = 0;
  assert.deepEqual(written, [
    'vlab serve: the database cannot be written: database or disk is full (SQLITE_FULL); is its disk full or read-only?\n',
    'vlab token create: the database cannot be written: attempt to write a readonly database (SQLITE_READONLY); is its disk full or read-only?\n',
    'vlab wave close: the database cannot be written: database is locked (SQLITE_BUSY); another process held its write lock too long; try again\n',
  ]);
});

// Attacker pass 16: through the store (which answers the server's clients 503 busy) the same failure reached the CLI
// in the server's words, `the server cannot store this right now; try again shortly`, exit code 2: no server was
// involved, and trying again shortly did not help. A folder where the database's -shm file belongs makes it read-only.
test('a verb whose store cannot write names the database\'s problem, not the server\'s, exit code 1', async () => {
  const db = join(dir, 'shm-folder.sqlite');
  assert.equal((await vlab(['wave', 'list', '--db', db])).status, 0);
  mkdirSync(`${db}-shm`);
  const run = await vlab(['wave', 'list', '--db', db]);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /^vlab wave list: the database cannot be written: attempt to write a readonly database \(SQLITE_READONLY\w*\); is its disk full or read-only\?\n$/);
});

// Left by attacker pass 16: a damaged database file (pages overwritten) reached the CLI in the same server's words,
// exit code 2 — and trying again shortly never helps a damaged file.
test('a verb whose database file is damaged says so, not the server\'s words, exit code 1', async () => {
  const db = join(dir, 'damaged.sqlite');
  assert.equal((await vlab(['wave', 'create', '--db', db, '--study', 'alliance-corrective-measures', '--target', '10'])).status, 0);
  const bytes = readFileSync(db);
  bytes.fill(0xff, 4096 * 3, 4096 * 5); // two pages of the tables, past the header SQLite reads first
  writeFileSync(db, bytes);
  for (const verb of [['wave', 'list'], ['wave', 'create', '--study', 'alliance-corrective-measures', '--target', '10']]) {
    const run = await vlab([...verb, '--db', db]);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, new RegExp(`^vlab ${verb.slice(0, 2).join(' ')}: the database file is damaged: .*\\(SQLITE_CORRUPT\\w*\\); restore a backup`));
    assert.doesNotMatch(run.stderr, /server|try again/);
    assert.equal(run.stderr.split('\n').length, 2, run.stderr);
  }
});

// The second attacker trial (2026-12-03): `vlab export --out` onto a full disk ended in Node's uncaught-exception
// trace (`[Error: ENOSPC: no space left on device, write]`): a failed write carries no path, so the one-line
// message for ENOSPC never matched. /dev/full stands in for the full disk (every write to it fails with ENOSPC),
// reached as the --out itself through a link: a device is streamed into (a `.partial` already a link is refused).
test('--out onto a full disk is one line naming the file, exit code 2, and no file is left', async () => {
  const { cliAction } = await import('../../server/cli/cli-action.ts');
  const { writeOutput } = await import('../../server/cli/commands/output-file.ts');
  const out = join(dir, 'export.csv');
  symlinkSync('/dev/full', out);
  const written: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => written.push(chunk) > 0) as typeof process.stderr.write;
  try {
    await cliAction('export', () => writeOutput('export', out, 'participant,wave_id\n'.repeat(10_000)))();
  } finally {
    process.stderr.write = write;
  }
  assert.equal(process.exitCode, 2);
  process.exitCode = 0;
  assert.deepEqual(written, [`vlab export: ${out}: no space left on the device\n`]);
  assert.ok(lstatSync(out).isSymbolicLink(), 'the link is still a link');
  assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('export.csv.partial')), []);
});

// The third newcomer trial (2026-12-03): `--out results/` (a folder, as for replication) wrote `results/.partial` and
// then said "results/.partial: a part of the path is a file, not a folder", naming a file the user never gave; and
// `vlab export … | head` ended in Node's EPIPE stack once head had read enough.
test('--out naming an existing folder is refused before any work, with a file name to give instead', async () => {
  const db = join(dir, 'folder-out.sqlite');
  const created = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--db', db, '--json']);
  const wave = (JSON.parse(created.stdout) as { id: string }).id;
  const folder = join(dir, 'exports');
  mkdirSync(folder);
  for (const out of [folder, `${folder}/`]) {
    assertOneLine(
      (await vlab(['export', '--wave', wave, '--db', db, '--out', out])),
      `vlab export: --out ${out}: a folder, not a file; name a file in it (--out ${join(folder, 'FILE')})`,
    );
  }
  // `vlab db backup` refused it already, as it refuses any existing path ("already exists; choose a new file name").
  assert.deepEqual(readdirSync(folder), [], 'nothing written into it');
});

// Attacker pass 16: `--out` naming the database (a slip between --db and --out) renamed the CSV over it: every response
// gone, and the CLI said "wrote db.sqlite"; `vlab simulate --ack-log` naming it truncated it to 0 bytes.
test('--out or --ack-log naming a SQLite database, its WAL, -shm or journal is refused and the database is left whole', async () => {
  const db = join(dir, 'precious.sqlite');
  const created = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--db', db, '--json']);
  assert.equal(created.status, 0, created.stderr);
  const wave = (JSON.parse(created.stdout) as { id: string }).id;
  const before = readFileSync(db);
  const other = join(dir, 'other-precious.sqlite');
  writeFileSync(other, before);
  const wal = join(dir, 'loose.wal');
  writeFileSync(wal, Buffer.from('377f0682002de21800000000', 'hex'));
  const refusals: [string[], string][] = [
    [['export', '--wave', wave, '--db', db, '--out', db], `vlab export: --out ${db} is a SQLite database; vlab never writes over one (it may hold the responses): name another file`],
    [['export', '--wave', wave, '--db', db, '--out', other], `vlab export: --out ${other} is a SQLite database; vlab never writes over one (it may hold the responses): name another file`],
    [['export', '--wave', wave, '--db', db, '--format', 'codebook', '--out', `${db}-wal`], `vlab export: --out ${db}-wal is the -wal file of the SQLite database ${db}; vlab never writes over one (it may hold the responses): name another file`],
    [['export', '--wave', wave, '--db', db, '--out', `${db}-journal`], `vlab export: --out ${db}-journal is the -journal file of the SQLite database ${db}; vlab never writes over one (it may hold the responses): name another file`],
    [['export', '--wave', wave, '--db', db, '--out', wal], `vlab export: --out ${wal} is a SQLite write-ahead log; vlab never writes over one (it may hold the responses): name another file`],
    [['replication', '--wave', wave, '--db', db, '--out', `${db}-shm`], `vlab replication: --out ${db}-shm is the -shm file of the SQLite database ${db}; vlab never writes over one (it may hold the responses): name another file`],
    [['simulate', '--wave', wave, '--n', '1', '--base-url', 'http://127.0.0.1:9', '--db', db, '--ack-log', db], `vlab simulate: --ack-log ${db} is a SQLite database; vlab never writes over one (it may hold the responses): name another file`],
  ];
  for (const [args, line] of refusals) assertOneLine(await vlab(args), line);
  assert.deepEqual(readFileSync(db), before, 'the database is as it was');
  assert.deepEqual(readFileSync(other), before);
  // A file of another kind is written over as before.
  const csv = join(dir, 'old-export.csv');
  writeFileSync(csv, 'an old export\n');
  assert.equal((await vlab(['export', '--wave', wave, '--db', db, '--out', csv])).status, 0);
});

test('output piped into a reader that stops early (vlab export | head) ends quietly, exit code 0', async () => {
  const db = join(dir, 'pipe.sqlite');
  const created = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--db', db, '--json']);
  const wave = (JSON.parse(created.stdout) as { id: string }).id;
  const child = spawn(process.execPath, ['bin/vlab.js', 'export', '--wave', wave, '--db', db, '--format', 'codebook'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy(); // the reader is gone before the first byte: every write meets EPIPE
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

/** A read-only tmpfs in `dir`, or why there is none (mounting needs root and CAP_SYS_ADMIN). */
function readOnlyMount(): { path: string; unmount: () => void } | string {
  const path = join(dir, 'read-only');
  mkdirSync(path);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', path], { encoding: 'utf8' });
  if (mounted.status !== 0) return `cannot mount a read-only tmpfs here: ${(mounted.stderr || String(mounted.error)).trim()}`;
  return { path, unmount: () => spawnSync('umount', [path]) };
}

test('a database folder that cannot be made on a read-only file system says so (Node\'s recursive mkdir said "no such file or folder")', async (t) => {
  const mount = readOnlyMount();
  if (typeof mount === 'string') return t.skip(mount);
  try {
    const folder = join(mount.path, 'data');
    assertOneLine(
      (await vlab(['wave', 'list', '--db', join(folder, 'vlab.sqlite')])),
      `vlab wave list: ${join(folder, 'vlab.sqlite')}: cannot open the database (the file system is read-only: ${folder}); set VLAB_DB or --db to another path`,
    );
  } finally {
    mount.unmount();
  }
});

test('a database folder under /proc is refused at once (Node\'s recursive mkdir looped there for ever at full CPU)', async () => {
  const db = `/proc/vlab-no-such-${process.pid}/vlab.sqlite`;
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'list', '--db', db], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.signal, null, 'ended by itself, not by the 30 s timeout');
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stderr, `vlab wave list: /proc/vlab-no-such-${process.pid}: no such file or folder\n`);
});

// Attacker pass 30: a FIFO given as the database (or a link to one) blocked `vlab serve`, every verb and `vlab db
// copy --from` for ever in open(2), waiting for a writer that never came; a device (/dev/null, /dev/zero) was
// opened, SQLite wrote its `-journal` beside it (in /dev, when run as root) and the verb said "disk full or
// read-only?". A database is a regular file: anything else is one line at once, and nothing is made beside it.
test('--db naming a FIFO, a link to one or a device is one line at once, naming what it is, and nothing is made beside it', async () => {
  const fifo = join(dir, 'fifo.sqlite');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  const link = join(dir, 'link-to-fifo.sqlite');
  symlinkSync(fifo, link);
  for (const [args, verb] of [
    [['wave', 'list', '--db', fifo], 'wave list'],
    [['wave', 'list', '--db', link], 'wave list'],
    [['serve', '--port', '0', '--db', fifo], 'serve'],
  ] as const) {
    const db = args[args.length - 1];
    const run = spawnSync(process.execPath, ['bin/vlab.js', ...args], { encoding: 'utf8', timeout: 15_000 });
    assert.equal(run.signal, null, `${args.join(' ')}: ended by itself, not by the 15 s timeout`);
    assert.equal(run.status, 2, run.stderr);
    assert.equal(run.stderr, `vlab ${verb}: ${db}: cannot open the database (it is a FIFO, not a file); set VLAB_DB or --db to another path\n`);
  }
  const device = join(dir, 'link-to-null.sqlite');
  symlinkSync('/dev/null', device);
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'list', '--db', device], { encoding: 'utf8', timeout: 15_000 });
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stderr, `vlab wave list: ${device}: cannot open the database (it is a device, not a file); set VLAB_DB or --db to another path\n`);
  assert.deepEqual(readdirSync(dir).filter((name) => /fifo|null/.test(name)).sort(), ['fifo.sqlite', 'link-to-fifo.sqlite', 'link-to-null.sqlite']);
});

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../../server/storage/db.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import { createRespondentService } from '../../server/services/respondent-service.ts';
import { completeWithService } from './test-app.ts';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

// `vlab db backup`: SQLite's online backup of a database another connection keeps writing to, checked and
// renamed into place; mistakes exit 2 with one line.
const dir = mkdtempSync(join(tmpdir(), 'vlab-db-backup-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const dbPath = join(dir, 'live.sqlite');

/** `vlab ...args`, run in this process (vlab-in-process.ts); vlab-bin.test.ts checks the built command. */
function vlab(...args: string[]) {
  return vlabInProcess(args);
}

test('vlab db backup copies a live database: every completed participant, integrity ok, owner-only, no partial file left', async () => {
  const created = await vlab('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '100', '--seed', 'backup', '--db', dbPath, '--json');
  assert.equal(created.status, 0, created.stderr);
  const waveId = JSON.parse(created.stdout).id as string;
  // The writer stays open (WAL with pages not yet checkpointed), as a running `vlab serve` would keep it.
  const db = openDatabase(dbPath);
  const respondents = createRespondentService({ store: createSqliteStore(db) });
  try {
    for (let i = 0; i < 12; i++) {
      const { participant } = await respondents.start({ waveId, panelParams: { PROLIFIC_PID: `backup-${i}` } });
      await completeWithService(respondents, participant.code);
    }
    const out = join(dir, 'copy.sqlite');
    const backup = await vlab('db', 'backup', '--out', out, '--db', dbPath);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stderr, /^vlab db backup: .*copy\.sqlite \(\d+ pages, [\d.]+ MB, 12 participants; integrity check ok\)\n$/);
    const copy = new Database(out, { readonly: true });
    const complete = copy.prepare("SELECT count(*) FROM participants WHERE wave_id = ? AND status = 'complete'").pluck().get(waveId);
    copy.close();
    assert.equal(complete, 12);
    assert.equal(statSync(out).mode & 0o777, 0o600);
    // The copy is a WAL database: opening it read-only for the check made `.partial-wal` and `.partial-shm` (0644)
    // that a read-only connection cannot remove, and they were left beside every backup (second attacker trial).
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.partial')), []);

    // An existing file is never overwritten; PostgreSQL has pg_dump.
    const again = await vlab('db', 'backup', '--out', out, '--db', dbPath);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exists; choose a new file name/);
    assert.doesNotMatch(again.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    db.close();
  }
});

test('vlab db backup without --out, or of a PostgreSQL URL, is a one-line usage error', async () => {
  const missing = await vlab('db', 'backup', '--db', dbPath);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /--out/);
  const stray = join(dir, 'stray.sqlite');
  writeFileSync(stray, '');
  rmSync(stray);
  const pg = await vlab('db', 'backup', '--out', stray, '--db', 'postgres://nobody@127.0.0.1:1/none');
  assert.equal(pg.status, 2, pg.stderr);
  assert.equal(existsSync(stray), false);
  assert.doesNotMatch(pg.stderr, /\n\s+at /, 'no stack trace');
});

// The second attacker trial (2026-12-03): a copy that cannot be written (onto a full disk) was reported as
// `the database cannot be written: … is its disk full or read-only?` — as if the live database were in trouble.
// A file size limit (ulimit -f, 50 KB, with SIGXFSZ ignored so that a write past it fails with EFBIG) stands in for
// the full disk: the live database is only read, the copy (its own random partial name since pass 13) is written.
test('a copy that cannot be written names --out, not the live database; exit 2, no file left', async () => {
  const out = join(dir, 'unwritable.sqlite');
  const limited = spawnSync('sh', ['-c', 'trap "" XFSZ; ulimit -f 100; exec "$0" "$@"', process.execPath, 'bin/vlab.js', 'db', 'backup', '--out', out, '--db', dbPath], { encoding: 'utf8' });
  assert.ok(statSync(dbPath).size > 100 * 512, 'the live database is larger than the limit');
  assert.equal(limited.status, 2, limited.stderr);
  assert.equal(limited.stderr, `vlab db backup: --out ${out}: the copy cannot be written (disk I/O error, SQLITE_IOERR); is that disk full or read-only?\n`);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('unwritable.')), []);
});

// The fourth attacker trial (2026-12-03): a stale `FILE-wal` (a WAL whose database was moved away or deleted
// without it) beside --out was replayed by SQLite over the backup the first time the backup was opened. The
// backup refuses, names the file and leaves it alone: it may hold another database's committed writes.
test('a stale -wal, -shm or -journal beside --out is refused in plain words, left untouched, and no copy is written', async () => {
  const source = join(dir, 'other.sqlite');
  const other = new Database(source);
  other.pragma('journal_mode = WAL');
  other.pragma('wal_autocheckpoint = 0');
  other.exec('CREATE TABLE participants (id INTEGER PRIMARY KEY, note TEXT)');
  other.prepare('INSERT INTO participants (note) VALUES (?)').run('from another database');
  const staleWal = readFileSync(`${source}-wal`);
  other.close();
  assert.ok(staleWal.length > 32, 'a WAL with frames');
  for (const side of ['-wal', '-shm', '-journal']) {
    const out = join(dir, `stale${side}.sqlite`);
    writeFileSync(out + side, staleWal);
    const run = await vlab('db', 'backup', '--out', out, '--db', dbPath);
    assert.equal(run.status, 2, `${side}: ${run.stderr}`);
    assert.equal(
      run.stderr,
      `vlab db backup: --out ${out}: ${out}${side} already exists, left from an earlier database of that name; ` +
        `SQLite would apply it to the copy when the copy is opened. Move it away (or delete it if nothing needs it), or choose another --out\n`,
    );
    assert.equal(existsSync(out), false, `${side}: no copy written`);
    assert.deepEqual(readFileSync(out + side), staleWal, `${side}: the stale file is left as it was`);
  }
});

/** True once a backup's own partial file of `name` (`name.partial-<pid>-<random>` + `side`) is in `folder`. */
function partialOf(folder: string, name: string, side: string): boolean {
  const pattern = new RegExp(`^${name.replace(/\./g, '\\.')}\\.partial-\\d+-[0-9a-f]{12}${side}$`);
  return readdirSync(folder).some((f) => pattern.test(f));
}

/** A database of a wave and 400 MB of pages: the online backup copies 100 pages a turn of the event loop, long enough to be interrupted. */
async function bigDatabase(folder: string): Promise<string> {
  const big = join(folder, 'big.sqlite');
  assert.equal((await vlab('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '10', '--db', big)).status, 0);
  const db = new Database(big);
  db.exec('CREATE TABLE padding (b BLOB)');
  const insert = db.prepare('INSERT INTO padding VALUES (zeroblob(1000000))');
  db.transaction(() => { for (let i = 0; i < 400; i++) insert.run(); })();
  db.close();
  return big;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} during vlab db backup removes the partial copy (it held every panel ID, left beside the target)`, async () => {
    const folder = mkdtempSync(join(dir, `stopped-${signal}-`));
    const big = await bigDatabase(folder);
    const out = join(folder, 'copy.sqlite');
    const child = spawn(process.execPath, ['bin/vlab.js', 'db', 'backup', '--out', out, '--db', big], { stdio: 'ignore' });
    for (let waited = 0; !partialOf(folder, 'copy.sqlite', ''); waited += 5) {
      assert.ok(waited < 20_000, 'the backup never started its partial copy');
      await sleep(5);
    }
    child.kill(signal);
    const [code, exitSignal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    assert.deepEqual({ code, exitSignal }, { code: null, exitSignal: signal }, 'the backup was still copying when stopped');
    assert.deepEqual(readdirSync(folder).filter((f) => f.startsWith('copy.')), []);
  });
}

// SIGKILL (the OOM killer, a power cut) cannot be caught: the partial copy and its journal stay until the next backup
// removes them. Until 2026-12-04 both were made 0644 by SQLite (the umask's default), so every panel ID could be read
// by any user of the machine while a backup ran, and after a kill until the next one; the live database is 0600.
test('the partial copy and its journal are owner-only while written, and after a kill -9 the next backup takes their place', async () => {
  const folder = mkdtempSync(join(dir, 'killed-'));
  const big = await bigDatabase(folder);
  const out = join(folder, 'copy.sqlite');
  const child = spawn(process.execPath, ['bin/vlab.js', 'db', 'backup', '--out', out, '--db', big], { stdio: 'ignore' });
  for (let waited = 0; !partialOf(folder, 'copy.sqlite', '-journal'); waited += 5) {
    assert.ok(waited < 20_000, 'the backup never started its partial copy');
    await sleep(5);
  }
  child.kill('SIGKILL');
  await once(child, 'exit');
  const left = readdirSync(folder).filter((f) => f.startsWith('copy.')).sort();
  assert.equal(left.length, 2, left.join(', '));
  assert.match(left[0]!, /^copy\.sqlite\.partial-\d+-[0-9a-f]{12}$/);
  assert.equal(left[1], `${left[0]}-journal`);
  for (const file of left) assert.equal((statSync(join(folder, file)).mode & 0o777).toString(8), '600', file);
  const again = await vlab('db', 'backup', '--out', out, '--db', big);
  assert.equal(again.status, 0, again.stderr);
  assert.deepEqual(readdirSync(folder).filter((f) => f.startsWith('copy.')), ['copy.sqlite']);
});

// Attacker pass 13 (2026-12-04): two backups to one new --out at once (two shells, a cron job and a person) shared
// `<out>.partial`: the second removed the first's copy and journal mid-backup and started its own under that name,
// so the first checked and renamed the second's unfinished copy into place. Each now copies into its own partial
// file, and the copy is put in place without replacing anything: the first to finish wins, the other is refused.
test('two backups to one --out at once: one writes a whole copy, the other is refused in words; nothing else left', async () => {
  const folder = mkdtempSync(join(dir, 'twice-'));
  const big = await bigDatabase(folder);
  const out = join(folder, 'copy.sqlite');
  const backup = () => {
    const child = spawn(process.execPath, ['bin/vlab.js', 'db', 'backup', '--out', out, '--db', big], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return once(child, 'exit').then(([code]) => ({ code: code as number | null, stderr }));
  };
  const runs = await Promise.all([backup(), backup()]);
  const codes = runs.map((r) => r.code).sort();
  assert.deepEqual(codes, [0, 2], runs.map((r) => r.stderr).join('\n'));
  assert.equal(runs.find((r) => r.code === 2)!.stderr, `vlab db backup: --out: ${out} already exists; choose a new file name\n`);
  assert.deepEqual(readdirSync(folder).filter((f) => f.startsWith('copy.')), ['copy.sqlite']);
  const copy = new Database(out, { readonly: true });
  assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
  assert.equal(copy.prepare('SELECT count(*) FROM padding').pluck().get(), 400);
  copy.close();
});

// Attacker pass 32: a database file with two names (a hard link: `ln vlab.sqlite snapshot.sqlite`, `cp -al data
// data-monday`). SQLite keeps the WAL and -shm beside the name a connection opened (sqlite.org/howtocorrupt.html,
// "multiple links to the same file"), so two names are two write-ahead logs over one file. Live, before the fix:
// `vlab serve` on a.sqlite with 20 starts, `ln a.sqlite b.sqlite`, five `vlab token create --db b.sqlite` (each
// "token … store it now"), `vlab token list --db a.sqlite` listed none; 30 more starts, the server stopped, then
// `vlab token list --db b.sqlite` checkpointed b's stale log into the shared file: a.sqlite "database disk image
// is malformed", its 50 participants unreadable. vlab now refuses to open a database file that has another name.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../server/config.ts';
import { CopyRefused, copySqliteToPostgres } from '../../server/storage/copy/copy-sqlite-to-postgres.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { startCheckpointer } from '../../server/storage/checkpointer.ts';
import { silentLogger } from '../../server/logger.ts';
import { setTimeout as sleep } from 'node:timers/promises';

/** A served database (its connection open, a write in its WAL) at `dir/a.sqlite`, and a hard link to it, `dir/b.sqlite`. */
function linkedTwice() {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-hardlink-'));
  const a = join(dir, 'a.sqlite');
  const b = join(dir, 'b.sqlite');
  const served = openDatabase(a);
  served.prepare("INSERT INTO researcher_tokens (public_id, name, salt, hash, created_at) VALUES ('p', 'served', 's', 'h', 'now')").run();
  linkSync(a, b);
  return { dir, a, b, served, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

test('a database file with a second name is not opened by either name, and nothing is made beside it', () => {
  const t = linkedTwice();
  try {
    for (const [name, other] of [[t.b, t.a], [t.a, t.b]] as const) {
      assert.throws(
        () => openDatabase(name).close(),
        (error: Error) =>
          error instanceof ConfigError &&
          error.message.startsWith(`${name}: cannot open the database: the file has 1 other name (${other}), made as a hard link (ln, cp -al)`),
        `${name} was opened while ${other} names the same file`,
      );
    }
    assert.equal(existsSync(`${t.b}-wal`), false, 'a second write-ahead log was made beside the other name');
    t.served.close();
    unlinkSync(t.b);
    const again = openDatabase(t.a);
    assert.equal(again.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(again.prepare('SELECT count(*) FROM researcher_tokens').pluck().get(), 1);
    again.close();
  } finally {
    if (t.served.open) t.served.close();
    t.remove();
  }
});

test('vlab token create by the other name exits 2 with one line; the served file stays whole', () => {
  const t = linkedTwice();
  try {
    const run = spawnSync(process.execPath, ['bin/vlab.js', 'token', 'create', '--name', 'beside', '--db', t.b], { encoding: 'utf8' });
    assert.equal(run.status, 2, `exit ${run.status}: ${run.stdout}${run.stderr}`);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, new RegExp(`^vlab token create: ${t.b}: cannot open the database: the file has 1 other name \\(${t.a}\\)[^\\n]*\\n$`));
    t.served.close();
    unlinkSync(t.b);
    const check = openDatabase(t.a);
    assert.deepEqual(check.prepare('SELECT name FROM researcher_tokens').pluck().all(), ['served']);
    assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    check.close();
  } finally {
    if (t.served.open) t.served.close();
    t.remove();
  }
});

test('vlab db copy refuses a --from that has another name before it reaches PostgreSQL', async () => {
  const t = linkedTwice();
  try {
    await assert.rejects(
      copySqliteToPostgres(t.b, 'postgres://vlab@127.0.0.1:1/unreachable'),
      (error: Error) => error instanceof CopyRefused && error.message.startsWith(`--from: ${t.b}: the file has 1 other name (${t.a})`),
    );
  } finally {
    t.served.close();
    t.remove();
  }
});

// Made while the server runs, a second name cannot be refused at an open that has passed: vlab serve says so in its
// log (its WAL checkpointer looks at the file's link count on every tick), once, and again when it is gone.
test('a second name made while the server runs is logged once as a warning naming it, and its removal once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vlab-hardlink-served-'));
  const db = openDatabase(join(dir, 'a.sqlite'));
  const lines: { level: string; message: string }[] = [];
  const logger = {
    ...silentLogger,
    warn: (_details: unknown, message: string) => void lines.push({ level: 'warn', message }),
    info: (_details: unknown, message: string) => void lines.push({ level: 'info', message }),
  } as typeof silentLogger;
  const checkpointer = startCheckpointer(db, logger, { intervalMs: 20 });
  const waitFor = async (n: number) => {
    for (let waited = 0; waited < 3000 && lines.length < n; waited += 20) await sleep(20);
  };
  try {
    await sleep(100);
    linkSync(join(dir, 'a.sqlite'), join(dir, 'snapshot.sqlite'));
    await waitFor(1);
    await sleep(200);
    assert.equal(lines.length, 1, `one line while the second name stays: ${JSON.stringify(lines)}`);
    assert.equal(lines[0]!.level, 'warn');
    assert.match(lines[0]!.message, new RegExp(`^the database file got another name while the server ran: the file has 1 other name \\(${join(dir, 'snapshot.sqlite')}\\)`));
    unlinkSync(join(dir, 'snapshot.sqlite'));
    await waitFor(2);
    assert.deepEqual(lines[1], { level: 'info', message: 'the database file has one name again' });
  } finally {
    await checkpointer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

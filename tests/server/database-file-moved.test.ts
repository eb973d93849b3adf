import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import request from 'supertest';
import { createTestApp } from './test-app.ts';

// The SQLite file removed or replaced under a running server (an operator's `rm -rf data`, a backup restored with
// `mv backup.sqlite vlab.sqlite` while the server ran, a clean-up script). Found by the third attacker trial
// (2026-12-03): the server kept its open handle on the old file and went on answering 201 for starts and 200 for
// completions, and /healthz said ok, while everything went into a file no path led to any more; the next start
// opened the path afresh and every one of those acknowledged responses was gone. SQLite's own check
// (SQLITE_READONLY_DBMOVED) applies only to rollback journals, not to WAL. What we promise instead: once the
// file at the path is not the one the server opened (or its WAL is not), writes are refused 503 `busy` with
// Retry-After and /healthz says so, so nothing more is acknowledged into a file that will not be read again; what
// was acknowledged before is copied beside the path; service resumes if the file is put back.
// SQLite's own files: the app runs on SQLite whatever VLAB_TEST_ENGINE says.
const sqliteApp = () => createTestApp({}, {}, 'sqlite');

test('the database file moved away under the running server: starts 503 busy, /healthz 503; put back, service resumes', async () => {
  const t = await sqliteApp();
  try {
    const start = () => request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({});
    assert.equal((await start()).status, 201);
    renameSync(t.location, `${t.location}.away`);
    const refused = await start();
    assert.equal(refused.status, 503, `a start into a file that was moved away answered ${refused.status}`);
    assert.equal(refused.body.error.code, 'busy');
    assert.equal(refused.headers['retry-after'], '5');
    const health = await request(t.app).get('/healthz');
    assert.equal(health.status, 503, `/healthz answered ${health.status} ${JSON.stringify(health.body)}`);
    assert.equal(health.body.database, 'moved');

    renameSync(`${t.location}.away`, t.location);
    assert.equal((await request(t.app).get('/healthz')).status, 200);
    assert.equal((await start()).status, 201);
    assert.equal(Number(t.db.prepare('SELECT count(*) FROM participants').pluck().get()), 2, 'the refused start left a participant behind');
  } finally {
    await t.close();
  }
});

/** The copy the server made of its open file, once it can be read: its participants' codes. */
async function rescuedCodes(location: string): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const name = readdirSync(dirname(location)).find((f) => f.startsWith(`${basename(location)}.rescued-`) && !/-(wal|shm)$/.test(f));
    if (name) {
      assert.equal(statSync(join(dirname(location), name)).mode & 0o777, 0o600);
      const copy = new Database(join(dirname(location), name), { readonly: true });
      try {
        assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
        return copy.prepare('SELECT code FROM participants ORDER BY id').pluck().all() as string[];
      } catch {
        // still being written
      } finally {
        copy.close();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no rescued copy appeared');
}

// The -shm file too: the third attacker trial deleted it under `vlab serve` and ran `vlab token create` ten times
// beside it. Each CLI process built a new shared-memory index, the server kept writing by its old one, and the ten
// tokens the CLI had reported created were gone after the server stopped (208 participants kept, 0 tokens).
test('the database file, its WAL or its shared memory deleted under the running server: nothing more is acknowledged, and what was is copied beside the path', async () => {
  for (const suffix of ['', '-wal', '-shm']) {
    const t = await sqliteApp();
    try {
      const start = () => request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({});
      const acknowledged = await Promise.all([start(), start(), start()]);
      assert.deepEqual(acknowledged.map((r) => r.status), [201, 201, 201]);
      assert.ok(existsSync(t.location + suffix));
      unlinkSync(t.location + suffix);
      const refused = await start();
      assert.equal(refused.status, 503, `a start after vlab.sqlite${suffix} was deleted answered ${refused.status}`);
      assert.equal((await request(t.app).get('/healthz')).status, 503);
      const codes = await rescuedCodes(t.location);
      assert.deepEqual(codes.sort(), acknowledged.map((r) => r.body.participant.code as string).sort(), `vlab.sqlite${suffix} deleted: the copy lacks an acknowledged start`);
    } finally {
      await t.close();
    }
  }
});

/** Runs SQL in another process, as a `vlab` verb beside the server would: its own connection, its own WAL index. */
function inAnotherProcess(location: string, sql: string, query = false): string {
  const script = `const D = require('better-sqlite3'); const db = new D(process.argv[1]); ${query ? 'process.stdout.write(JSON.stringify(db.prepare(process.argv[2]).all()))' : 'db.exec(process.argv[2])'}; db.close();`;
  return execFileSync(process.execPath, ['-e', script, location, sql], { encoding: 'utf8' });
}

test('the -shm deleted: what a vlab verb wrote beside the server afterwards survives the server\'s close', async () => {
  const t = await sqliteApp();
  try {
    assert.equal((await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({})).status, 201);
    unlinkSync(`${t.location}-shm`);
    inAnotherProcess(t.location, "CREATE TABLE verb_note (x TEXT); INSERT INTO verb_note VALUES ('written by a verb')");
    assert.equal((await request(t.app).post(`/api/waves/${t.wave.id}/participants`).send({})).status, 503);
    await t.store.close();
    const rows = JSON.parse(inAnotherProcess(t.location, 'SELECT (SELECT count(*) FROM verb_note) AS notes, (SELECT count(*) FROM participants) AS participants', true));
    assert.deepEqual(rows, [{ notes: 1, participants: 1 }]);
  } finally {
    await t.close();
  }
});

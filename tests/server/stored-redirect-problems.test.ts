// A redirect template is checked when it is set, never again. Since attacker pass 28 an invisible character (a
// zero-width space pasted with a completion code) is refused, but a wave made before keeps its template, and
// every respondent who finishes is sent to `cc=C1AB2CD3%E2%80%8B`, a code the panel does not know. Before (attacker
// pass 30) nothing said so: `wave status`, `wave list` and `vlab serve` showed the wave as sound.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { serve } from '../e2e/serve-process.ts';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-stored-redirects-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'old.sqlite');

/** `vlab ...args --db <the test's database>`, run in this process (vlab-in-process.ts), which must succeed. */
async function vlab(args: string[]) {
  const run = await vlabInProcess([...args, '--db', db]);
  assert.equal(run.status, 0, run.stderr);
  return run;
}

const COMPLETE = 'https://app.prolific.com/submissions/complete?cc=C1AB2CD3';
const created = async (args: string[]) => (JSON.parse((await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', ...args, '--json'])).stdout) as { id: string }).id;
const wave = await created(['--complete-url', COMPLETE]);
const sound = await created(['--complete-url', COMPLETE]);
// The template as a vlab before attacker pass 28 stored it: U+200B after the completion code.
const sqlite = new Database(db);
sqlite.prepare('UPDATE waves SET complete_url = ? WHERE id = ?').run(`${COMPLETE}\u200b`, wave);
sqlite.close();

const SAYS = 'a URL must not contain invisible characters: U+200B at character 58 (text copied from a document or a chat can carry one)';

test('wave status names the stored redirect that today\'s checks refuse, by setting, code point and place, and what to do', async () => {
  const text = (await vlab(['wave', 'status', wave])).stdout;
  assert.ok(
    text.includes(`\n  redirect problems (1): respondents are sent to these links as stored, which today's checks refuse; mend each with vlab wave update ${wave}\n    --complete-url: ${SAYS}`),
    text,
  );
  const json = JSON.parse((await vlab(['wave', 'status', wave, '--json'])).stdout) as { redirectProblems: { setting: string; problem: string }[] };
  assert.deepEqual(json.redirectProblems.map((p) => p.setting), ['completeUrl']);
  assert.ok(json.redirectProblems[0]!.problem.startsWith(SAYS));
});

test('wave list says which wave on stderr; a sound wave has no redirect problems', async () => {
  const listed = await vlab(['wave', 'list']);
  // After the note that the links are a guess (no serve has run on this database yet), one line, for this wave only.
  assert.deepEqual(
    listed.stderr.split('\n').filter((line) => line.startsWith('vlab wave list: wave ')),
    [`vlab wave list: wave ${wave}: --complete-url fails today's checks (respondents are sent to it as stored); see vlab wave status ${wave}`],
  );
  assert.doesNotMatch((await vlab(['wave', 'status', sound])).stdout, /redirect problems/);
  assert.deepEqual((JSON.parse((await vlab(['wave', 'status', sound, '--json'])).stdout) as { redirectProblems: unknown[] }).redirectProblems, []);
});

test('once mended with wave update the problem is gone', async () => {
  const mended = await created(['--complete-url', COMPLETE]);
  const raw = new Database(db);
  raw.prepare('UPDATE waves SET complete_url = ? WHERE id = ?').run(`${COMPLETE}\u00ad`, mended);
  raw.close();
  assert.match((await vlab(['wave', 'status', mended])).stdout, /--complete-url: a URL must not contain invisible characters: U\+00AD/);
  (await vlab(['wave', 'update', mended, '--complete-url', COMPLETE]));
  assert.doesNotMatch((await vlab(['wave', 'status', mended])).stdout, /redirect problems/);
});

test('vlab serve names the open wave and its redirect problem at start', async () => {
  const served = await serve(db, { VLAB_DEMO: 'false' });
  try {
    assert.ok(
      served.stdout.includes(`    its redirect links fail today's checks (respondents are sent to them as stored; mend with `) &&
        served.stdout.includes(`wave update ${wave}): completeUrl: ${SAYS}`),
      served.stdout,
    );
    assert.equal(served.stdout.split('its redirect links').length, 2, 'one wave named');
  } finally {
    await served.stop();
  }
});

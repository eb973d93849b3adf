// A wave keeps the snapshot of the definition it was opened with, and that snapshot is not checked again: a wave
// opened before a definition check was added (a `showOtherItem`, refused since the attack10 pass) keeps showing
// "Other" while the server refuses every save holding it. Before (attacker pass 11) nothing said so: `vlab serve`
// listed the wave as open and `wave status` showed it filling. Now both say in words what today's checks refuse in
// the definition the wave runs, and what to do.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { serve } from '../e2e/serve-process.ts';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-fielded-problems-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'old.sqlite');

/** `vlab ...args --db <the test's database>`, run in this process (vlab-in-process.ts), which must succeed: its stdout. */
async function vlab(args: string[]) {
  const run = await vlabInProcess([...args, '--db', db]);
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

const wave = (JSON.parse(await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--json'])) as { id: string }).id;
// The snapshot as an earlier vlab stored it: vote_line (outcomes page 0, element 1) with "Other", please specify.
const sqlite = new Database(db);
const row = sqlite.prepare('SELECT s.id, s.definition_json FROM studies s JOIN waves w ON w.study_id = s.id WHERE w.id = ?').get(wave) as { id: number; definition_json: string };
const old = JSON.parse(row.definition_json);
old.pages.outcomes[0].elements[1].showOtherItem = true;
sqlite.prepare('UPDATE studies SET definition_json = ? WHERE id = ?').run(JSON.stringify(old), row.id);
sqlite.close();

const SAYS = /pages\.outcomes\[0\]\.elements\[1\]\.showOtherItem: SurveyJS would store "other"/;

test('wave status says in words that the definition the wave runs fails a check added since, and what to do', async () => {
  const text = await vlab(['wave', 'status', wave]);
  assert.match(text, new RegExp(`\\n  definition problems \\(1\\): this wave runs the definition it was opened with, which today's checks refuse; the page may store answers the server refuses \\(422\\)\\. Close it \\(vlab wave close ${wave}\\) and open a new wave once the study loads\\n`));
  assert.match(text, new RegExp(`\\n    ${SAYS.source}`));
  const json = JSON.parse(await vlab(['wave', 'status', wave, '--json'])) as { definitionProblems: string[] };
  assert.equal(json.definitionProblems.length, 1);
  assert.match(json.definitionProblems[0]!, new RegExp(`^${SAYS.source}`));
});

test('a wave whose definition passes today\'s checks has no definition problems', async () => {
  const other = (JSON.parse(await vlab(['wave', 'create', '--study', 'protege-bargaining', '--target', '10', '--json'])) as { id: string }).id;
  assert.doesNotMatch(await vlab(['wave', 'status', other]), /definition problems/);
  assert.deepEqual((JSON.parse(await vlab(['wave', 'status', other, '--json'])) as { definitionProblems: string[] }).definitionProblems, []);
});

test('vlab serve names the open wave and the problem at start', async () => {
  const served = await serve(db, { VLAB_DEMO: 'false' });
  try {
    assert.match(served.stdout, new RegExp(`  open wave ${wave} \\(bus-line-funding\\): \\S+\\n    its definition fails today's checks \\(the page may store answers the server refuses; see .*wave status ${wave}\\): ${SAYS.source}`));
  } finally {
    await served.stop();
  }
});

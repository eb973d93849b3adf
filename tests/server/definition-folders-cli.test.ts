// Two processes on one database, each with its own definitions folder (VLAB_DEFINITIONS; two hosts, one behind):
// every start (vlab serve, and each verb) syncs its folder. Pass 40: each made its own content current again, so
// they took turns. Now the folder behind keeps the other's current version and says so; `vlab study sync` is the
// explicit way to make its content current. Each verb here is a process start as far as the database can tell.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-definition-folders-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const STUDY = 'alliance-corrective-measures';

function folder(name: string, edit?: (study: Record<string, unknown>) => void): string {
  const defs = join(dir, name);
  cpSync(`survey-definitions/${STUDY}`, join(defs, STUDY), { recursive: true });
  const file = join(defs, STUDY, 'study.json');
  const study = JSON.parse(readFileSync(file, 'utf8'));
  edit?.(study);
  writeFileSync(file, JSON.stringify(study, null, 2));
  return defs;
}

test('a process on a definitions folder behind another’s keeps the other’s current version and says so; vlab study sync takes it back', async () => {
  const db = join(dir, 'two-folders.sqlite');
  const first = folder('first');
  const edited = folder('edited', (s) => Object.assign(s, { version: 3, title: 'Opinions about US security partnerships, reworded' }));
  const current = async (defs: string) => {
    const run = await vlabInProcess(['study', 'list', '--db', db, '--json'], { VLAB_DEFINITIONS: defs });
    assert.equal(run.status, 0, run.stderr);
    return { version: (JSON.parse(run.stdout) as { id: string; version: number }[]).find((s) => s.id === STUDY)!.version, stderr: run.stderr };
  };
  assert.equal((await current(first)).version, 2);
  assert.equal((await current(edited)).version, 3, 'an edit is made current');
  const behind = await current(first);
  assert.equal(behind.version, 3, 'the folder behind does not make its version 2 current again');
  const [line] = behind.stderr.split('\n');
  assert.match(line!, new RegExp(`^vlab study list: study "${STUDY}": this definitions folder holds version 2 \\(content [0-9a-f]{12}\\), but version 3 \\(content [0-9a-f]{12}\\) is current, made current from `));
  assert.ok(line!.includes(`:${edited}: new waves use version 3`), line);
  assert.match(behind.stderr, /new waves use version 3; update this folder, or run `vlab study sync` here to make its content current\n/);
  assert.equal((await current(edited)).stderr, '', 'the folder that made it current hears nothing');
  // A wave opened from the folder behind fields the current version 3: the researcher there is told, not surprised.
  const wave = await vlabInProcess(['wave', 'create', '--study', STUDY, '--target', '10', '--db', db, '--json'], { VLAB_DEFINITIONS: first });
  assert.equal(wave.status, 0, wave.stderr);
  assert.match(wave.stderr, new RegExp(`^vlab wave create: study "${STUDY}": this definitions folder holds version 2 .* new waves use version 3; `, 'm'));

  const sync = await vlabInProcess(['study', 'sync', '--db', db], { VLAB_DEFINITIONS: first });
  assert.equal(sync.status, 0, sync.stderr);
  assert.match(sync.stdout, new RegExp(`^${STUDY}: version 2 \\(content [0-9a-f]{12}\\) is current\\n$`));
  assert.equal((await current(edited)).version, 2, 'after the explicit sync, the other folder is the one behind');
});

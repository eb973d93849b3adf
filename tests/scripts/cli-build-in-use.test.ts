// Attacker pass 33: `vlab` rebuilds dist/cli when the sources changed and removes build folders more than an hour
// old. A `vlab serve` started from a build keeps loading chunks from its folder long after it starts — the researcher
// worker's module when the first researcher signs in, downloads and estimates — so a rebuild by any later `vlab`
// call (after a `git pull`) removed the folder of a server that had run for an hour: live, every export and estimate
// was then a 500 (`Cannot find module '…/dist/cli/<id>/researcher-worker.js'`) until a restart. A process running a
// build now marks its folder in use (`.in-use-<pid>`), and a folder with a live process's mark is kept.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { test } from 'node:test';
import { markBuildInUse, removeOldBuilds } from '../../scripts/build-cli.mjs';

const twoHoursAgo = () => new Date(Date.now() - 2 * 60 * 60 * 1000);

function oldBuild(out: string, id: string): string {
  const dir = join(out, id);
  mkdirSync(dir);
  writeFileSync(join(dir, 'main.js'), '');
  return dir;
}

/** A process that has ended: its pid is free (the mark it would have left behind after a SIGKILL). */
async function endedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

test('an hour-old build folder that a running process marked in use is kept; one whose process has ended is removed', async () => {
  const out = mkdtempSync(join(tmpdir(), 'vlab-cli-builds-'));
  try {
    const serving = oldBuild(out, 'aaaaaaaaaaaaaaaa');
    const abandoned = oldBuild(out, 'bbbbbbbbbbbbbbbb');
    const unmarked = oldBuild(out, 'cccccccccccccccc');
    oldBuild(out, 'dddddddddddddddd');
    const child = spawn(process.execPath, ['--input-type=module', '-e', `
      const { markBuildInUse } = await import(${JSON.stringify(new URL('../../scripts/build-cli.mjs', import.meta.url).href)});
      markBuildInUse(${JSON.stringify(serving)});
      process.stdout.write('marked\\n');
      setTimeout(() => undefined, 60_000);`]);
    await once(child.stdout, 'data');
    writeFileSync(join(abandoned, `.in-use-${await endedPid()}`), '');

    // Attacker pass 34: a killed process's pid taken by another (here this test's own pid, which started at another
    // time than the mark says): before, its mark kept the folder for as long as the stranger ran.
    const reused = oldBuild(out, 'ffffffffffffffff');
    writeFileSync(join(reused, `.in-use-${process.pid}`), '1');
    for (const dir of [serving, abandoned, unmarked, reused]) utimesSync(dir, twoHoursAgo(), twoHoursAgo());

    removeOldBuilds(out, 'dddddddddddddddd');
    assert.deepEqual(readdirSync(out).sort(), ['aaaaaaaaaaaaaaaa', 'dddddddddddddddd']);
    assert.notEqual(readFileSync(join(serving, `.in-use-${child.pid}`), 'utf8'), '', 'the mark holds its process\'s start time');
    child.kill();
    await once(child, 'exit');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a process marks its build in use and takes the mark away as it exits', async () => {
  const out = mkdtempSync(join(tmpdir(), 'vlab-cli-builds-'));
  try {
    const dir = oldBuild(out, 'eeeeeeeeeeeeeeee');
    const child = spawn(process.execPath, ['--input-type=module', '-e', `
      const { markBuildInUse } = await import(${JSON.stringify(new URL('../../scripts/build-cli.mjs', import.meta.url).href)});
      markBuildInUse(${JSON.stringify(dir)});`]);
    await once(child, 'exit');
    assert.deepEqual(readdirSync(dir), ['main.js']);
    // A folder that cannot be written (a read-only checkout) is no error.
    assert.doesNotThrow(() => markBuildInUse(join(out, 'missing')));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

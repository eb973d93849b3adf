import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npxWorksIn, vlabCommand } from '../../server/vlab-command.ts';

test('vlabCommand: the command typed as vlab was started, one shell word for its path', () => {
  assert.equal(vlabCommand({ npm_lifecycle_event: 'start' }, '/srv/vlab/bin/vlab.js', '/srv/vlab'), 'npx vlab');
  assert.equal(vlabCommand({}, '/srv/vlab/bin/vlab.js', '/srv/vlab'), 'node bin/vlab.js');
  assert.equal(vlabCommand({}, '/srv/vlab/bin/vlab.js', '/home/ana'), 'node /srv/vlab/bin/vlab.js');
  assert.equal(vlabCommand({}, "/home/ana/my lab's/bin/vlab.js", '/tmp'), `node '/home/ana/my lab'\\''s/bin/vlab.js'`);
  assert.equal(vlabCommand({}, '/usr/local/bin/vlab', '/home/ana'), 'vlab', 'npm link or npm install -g');
  assert.equal(vlabCommand({}, undefined, '/home/ana'), 'vlab');
});

// The attacker trial of 2026-12-04: `npm start` and `npm run demo` in a read-only checkout printed `npx vlab …`
// hints, and npx fails there: it installs the project into npm's cache, running its prepare script (the build),
// which writes into the checkout ("Could not read package.json: ENOENT … _npx/…/package.json").
test('vlabCommand: under npm in a checkout npx cannot use, the script itself', () => {
  assert.equal(vlabCommand({ npm_lifecycle_event: 'start' }, '/srv/vlab/bin/vlab.js', '/srv/vlab', false), 'node bin/vlab.js');
  assert.equal(vlabCommand({ npm_lifecycle_event: 'demo' }, '/srv/vlab/bin/vlab.js', '/home/ana', false), 'node /srv/vlab/bin/vlab.js');
  assert.equal(vlabCommand({ npm_lifecycle_event: 'start' }, '/srv/vlab/bin/vlab.js', '/srv/vlab', true), 'npx vlab');
});

test('npxWorksIn: a checkout npx can build in is one this user may write', () => {
  const folder = mkdtempSync(join(tmpdir(), 'vlab-npx-'));
  try {
    assert.equal(npxWorksIn(folder), true);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  assert.equal(npxWorksIn('/proc/self'), false, 'a folder nobody may write, root included');
  assert.equal(npxWorksIn(join(tmpdir(), 'vlab-no-such-folder')), false);
});

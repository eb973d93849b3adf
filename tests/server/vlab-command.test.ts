import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vlabCommand } from '../../server/vlab-command.ts';

test('vlabCommand: the command typed as vlab was started, one shell word for its path', () => {
  assert.equal(vlabCommand({ npm_lifecycle_event: 'start' }, '/srv/vlab/bin/vlab.js', '/srv/vlab'), 'npx vlab');
  assert.equal(vlabCommand({}, '/srv/vlab/bin/vlab.js', '/srv/vlab'), 'node bin/vlab.js');
  assert.equal(vlabCommand({}, '/srv/vlab/bin/vlab.js', '/home/ana'), 'node /srv/vlab/bin/vlab.js');
  assert.equal(vlabCommand({}, "/home/ana/my lab's/bin/vlab.js", '/tmp'), `node '/home/ana/my lab'\\''s/bin/vlab.js'`);
  assert.equal(vlabCommand({}, '/usr/local/bin/vlab', '/home/ana'), 'vlab', 'npm link or npm install -g');
  assert.equal(vlabCommand({}, undefined, '/home/ana'), 'vlab');
});

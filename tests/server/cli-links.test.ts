import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { serve } from '../e2e/serve-process.ts';
import { createTestDatabase, postgresSkipReason } from './postgres-test-database.ts';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

// `vlab wave create` and `wave list` print links to paste into a panel. Made from PORT alone, they named port 3000
// while the server listened on the port `vlab serve --port` (or its own PORT) gave it: a dead link.

const dir = mkdtempSync(join(tmpdir(), 'vlab-cli-links-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** `vlab ...args` with `env` added, run in this process (vlab-in-process.ts); vlab-bin.test.ts checks the built command. */
function vlab(args: string[], env: Record<string, string> = {}) {
  return vlabInProcess(args, env);
}

async function linksFollowTheServer(db: string): Promise<void> {
  const served = await serve(db, { VLAB_DEMO: 'false' });
  let id: string;
  try {
    assert.notEqual(served.baseUrl, 'http://localhost:3000', 'serve --port 0 picks a free port');
    const created = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--db', db, '--json']);
    assert.equal(created.status, 0, created.stderr);
    id = JSON.parse(created.stdout).id as string;
    assert.equal(JSON.parse(created.stdout).link, `${served.baseUrl}/s/${id}`);
    assert.match((await vlab(['wave', 'list', '--db', db])).stdout, new RegExp(`${served.baseUrl}/s/${id}\\n`));
    assert.equal(JSON.parse((await vlab(['wave', 'list', '--db', db, '--json'])).stdout)[0].link, `${served.baseUrl}/s/${id}`, '--json has the link too');
  } finally {
    await served.stop();
  }
  // Stopped, the server's address is still the best guess (the next `vlab serve` usually takes the same port).
  assert.match((await vlab(['wave', 'list', '--db', db])).stdout, new RegExp(`${served.baseUrl}/s/${id}\\n`));
  // VLAB_PUBLIC_URL, when set, wins: it is what respondents reach through a proxy.
  const env = { VLAB_PUBLIC_URL: 'https://survey.example.org' };
  assert.match((await vlab(['wave', 'list', '--db', db], env)).stdout, new RegExp(`https://survey\\.example\\.org/s/${id}\\n`));
}

test('wave create and wave list link to the address the last vlab serve on the database listened on', async () => {
  await linksFollowTheServer(join(dir, 'served.sqlite'));
});

test('the same on PostgreSQL', { skip: await postgresSkipReason() }, async () => {
  const database = await createTestDatabase();
  try {
    await linksFollowTheServer(database.url);
  } finally {
    await database.drop();
  }
});

test("a server given VLAB_PUBLIC_URL (a systemd unit's environment) records it: the CLI's links use it without the variable", async () => {
  const db = join(dir, 'public.sqlite');
  const served = await serve(db, { VLAB_DEMO: 'false', VLAB_PUBLIC_URL: 'https://survey.example.org' });
  await served.stop();
  const created = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--db', db, '--json']);
  assert.equal(created.status, 0, created.stderr);
  assert.equal(JSON.parse(created.stdout).link, `https://survey.example.org/s/${JSON.parse(created.stdout).id}`);
});

test('on a database no vlab serve has listened on, links use http://localhost and PORT', async () => {
  const db = join(dir, 'never-served.sqlite');
  const created = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--db', db], { PORT: '4123' });
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /link http:\/\/localhost:4123\/s\/\S+\n$/);
  // A guess, said as one: a researcher pasting it into a panel would send respondents to their own machine.
  assert.match(created.stderr, /note: the link is a guess: no vlab serve has run on this database and VLAB_PUBLIC_URL is not set, so it uses http:\/\/localhost and PORT \(4123\)/);
  assert.match(created.stderr, /VLAB_PUBLIC_URL=https:\/\/survey\.example\.org/, 'says how to give the public address');
  const defaulted = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--db', db], { PORT: '' });
  assert.match(defaulted.stdout, /link http:\/\/localhost:3000\/s\/\S+\n$/);
  assert.match(defaulted.stderr, /uses http:\/\/localhost and the default port 3000/);
  const listed = await vlab(['wave', 'list', '--db', db], { PORT: '4123' });
  assert.match(listed.stderr, /vlab wave list: note: the links are a guess/);
});

test('with an address to go by, wave create and wave list add no note', async () => {
  const db = join(dir, 'public-env.sqlite');
  const created = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--db', db], { VLAB_PUBLIC_URL: 'https://survey.example.org' });
  assert.equal(created.status, 0, created.stderr);
  assert.doesNotMatch(created.stderr, /note:/);
  assert.doesNotMatch((await vlab(['wave', 'list', '--db', db], { VLAB_PUBLIC_URL: 'https://survey.example.org' })).stderr, /note:/);
});

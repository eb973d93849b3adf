import Database from 'better-sqlite3';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { ConfigError, loadConfig, projectRoot } from '../../server/config.ts';
import { serve } from '../e2e/serve-process.ts';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const dbPath = join(dir, 'cli.sqlite');

/**
 * `vlab ...args` with `env` added, run in this process (vlab-in-process.ts), but `serve` as the user starts it: its
 * hints are typed from the command that started it (process.argv[1]), and it may keep running.
 */
async function vlab(args: string[], env: Record<string, string> = {}) {
  if (args[0] !== 'serve') return vlabInProcess(args, env);
  const result = spawnSync(process.execPath, ['bin/vlab.js', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('vlab wave create --json prints the wave and its link, and stores it with its seed', async () => {
  const run = (await vlab([
    'wave', 'create', '--study', 'alliance-corrective-measures', '--target', '1200', '--seed', 'cli-seed',
    '--complete-url', 'https://app.prolific.com/submissions/complete?cc=ABC123', '--db', dbPath, '--json',
  ]));
  assert.equal(run.status, 0, run.stderr);
  const wave = JSON.parse(run.stdout);
  assert.match(wave.id, /^[A-Za-z0-9_-]{12}$/);
  assert.equal(wave.url, `/s/${wave.id}`);
  assert.equal(wave.study, 'alliance-corrective-measures');
  assert.equal(wave.target, 1200);
  assert.equal(wave.seed, 'cli-seed');
  const db = new Database(dbPath, { readonly: true });
  try {
    assert.deepEqual(db.prepare('SELECT status, target, seed, complete_url FROM waves WHERE id = ?').get(wave.id), {
      status: 'open', target: 1200, seed: 'cli-seed', complete_url: 'https://app.prolific.com/submissions/complete?cc=ABC123',
    });
  } finally {
    db.close();
  }
});

test('vlab study list shows the studies with their cells and waves, under a header', async () => {
  const run = await vlab(['study', 'list', '--db', dbPath, '--json']);
  assert.equal(run.status, 0, run.stderr);
  const studies = JSON.parse(run.stdout) as { id: string; cells: number; fullCells: number; waves: number }[];
  // The conjoint's restriction (evicting troops needs troops stationed) leaves 176 of the 192 profiles.
  assert.deepEqual(studies.map((s) => [s.id, s.cells, s.fullCells, s.waves]), [
    ['alliance-corrective-measures', 48, 48, 1], ['alliance-partner-conjoint', 176, 192, 0], ['bus-line-funding', 4, 4, 0], ['protege-bargaining', 24, 24, 0], ['protege-bargaining-repeated', 48, 48, 0],
  ]);
  const table = (await vlab(['study', 'list', '--db', dbPath])).stdout.split('\n');
  assert.match(table[0]!, /^study +version +cells +waves +title$/);
  assert.match(table[1]!, /^alliance-corrective-measures +v2 +48 +1 +Opinions about US security partnerships$/);
  assert.match(table[2]!, /^alliance-partner-conjoint +v1 +176 of 192 +0 +Opinions about US security partners$/);
});

test('with no study definitions, study list says where to add one', async () => {
  const empty = join(dir, 'no-definitions');
  mkdirSync(empty);
  const run = await vlab(['study', 'list', '--db', join(dir, 'empty.sqlite')], { VLAB_DEFINITIONS: empty });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, `no studies yet — add one as a folder of ${empty} (README: "The researcher's path")\n`);
});

test('study list sets apart the studies the database knows but the definitions folder does not hold (research16)', async () => {
  // A newcomer pointing VLAB_DEFINITIONS at a folder of their own saw the shipped studies listed with 0 waves, as if
  // they were in it.
  const db = join(dir, 'apart.sqlite');
  assert.equal((await vlab(['study', 'list', '--db', db])).status, 0);
  const mine = join(dir, 'my-definitions');
  cpSync('survey-definitions/bus-line-funding', join(mine, 'bus-line-funding'), { recursive: true });
  const env = { VLAB_DEFINITIONS: mine };
  const run = await vlab(['study', 'list', '--db', db], env);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.match(lines[1]!, /^bus-line-funding +v\d+ +4 +0 +/);
  assert.equal(lines[3], `4 studies in the database are not in ${mine} (VLAB_DEFINITIONS), shown from their stored snapshots:`);
  assert.match(lines[4]!, /^study +version +cells +waves +title$/);
  assert.match(lines[5]!, /^alliance-corrective-measures +v2 +48 +0 +/);
  const json = JSON.parse((await vlab(['study', 'list', '--db', db, '--json'], env)).stdout) as { id: string; notInDefinitions?: boolean }[];
  assert.deepEqual(json.filter((s) => s.notInDefinitions).map((s) => s.id), ['alliance-corrective-measures', 'alliance-partner-conjoint', 'protege-bargaining', 'protege-bargaining-repeated']);
  assert.equal(json.find((s) => s.id === 'bus-line-funding')!.notInDefinitions, undefined);
});

test('usage mistakes exit 2 with one line naming the problem', async () => {
  const unknown = await vlab(['wave', 'create', '--study', 'no-such-study', '--target', '5', '--db', dbPath]);
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr.trim(), 'vlab wave create: no study "no-such-study" (expected one of alliance-corrective-measures, alliance-partner-conjoint, bus-line-funding, protege-bargaining, protege-bargaining-repeated)');
  const typo = await vlab(['wave', 'create', '--study', 'bus-line-fundin', '--target', '5', '--db', dbPath]);
  assert.equal(typo.stderr, 'vlab wave create: no study "bus-line-fundin" (did you mean "bus-line-funding"?)\n');
  const placeholder = await vlab(['wave', 'create', '--study', 'protege-bargaining', '--target', '5', '--complete-url', 'https://x.example/?id={PID}', '--db', dbPath]);
  assert.equal(placeholder.status, 2);
  assert.match(placeholder.stderr, /unknown placeholder \{PID\}/);
  const target = await vlab(['wave', 'create', '--study', 'protege-bargaining', '--target', '0', '--db', dbPath]);
  assert.equal(target.status, 2);
});

test('a broken definition is listed with its message, and the server and CLI work for the other studies', async () => {
  const defs = join(dir, 'defs');
  cpSync('survey-definitions', defs, { recursive: true });
  const file = join(defs, 'protege-bargaining', 'study.json');
  const def = JSON.parse(readFileSync(file, 'utf8'));
  def.factors[1].levels[0].code = 'No Rival';
  writeFileSync(file, JSON.stringify(def, null, 2));
  const env = { VLAB_DEFINITIONS: defs };
  const db = join(dir, 'broken-defs.sqlite');
  // The line and column of the code in the file, as an editor's go-to-line wants them.
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('"code": "No Rival"');
  const line = text.slice(0, at).split('\n').length;
  const first = `${file}:${line}:${at - text.lastIndexOf('\n', at)}: factors[1].levels[0].code: expected a level code of lowercase letters, digits and _ + - (starting with a letter or digit), got "No Rival"`;
  // And, at once, what follows from it in the study's other files: the simulation recalls the level by its code.
  const simulation = join(defs, 'protege-bargaining', 'simulation.json');
  const simText = readFileSync(simulation, 'utf8');
  const recall = simText.indexOf('"manipulation_check_rival"', simText.indexOf('"recall"'));
  const second = `${simulation}:${simText.slice(0, recall).split('\n').length}:${recall - simText.lastIndexOf('\n', recall)}: recall.manipulation_check_rival: "manipulation_check_rival" has no choice "No Rival" (its choices must be the level codes of "outside_option")`;
  const message = `${first}\n${second}`;

  // A broken study is something to fix: exit 1 (as a check that found a problem; usage mistakes exit 2), so a
  // script or CI step that runs `vlab study list` after an edit stops there; the table still lists every study.
  const list = await vlab(['study', 'list', '--db', db], env);
  assert.equal(list.status, 1, list.stderr);
  assert.equal(list.stderr, 'vlab study list: 1 of 5 studies broken (listed above): no new waves of it until fixed\n');
  // One line a mistake, all of them: the first beside the study's id, the next indented under it.
  assert.ok(list.stdout.endsWith(`\n1 broken — no new waves of these until fixed:\n  protege-bargaining: ${first}\n    ${second}\n`), list.stdout);
  assert.match(list.stdout, /^bus-line-funding +v1 +4 +0 /m);
  // A folder of broken studies only (a newcomer's first copy): the list starts with them, not with an empty line.
  const lone = join(dir, 'lone-defs');
  cpSync(join(defs, 'protege-bargaining'), join(lone, 'protege-bargaining'), { recursive: true });
  const only = await vlab(['study', 'list', '--db', join(dir, 'lone.sqlite')], { VLAB_DEFINITIONS: lone });
  assert.ok(only.stdout.startsWith('1 broken — no new waves of these until fixed:\n'), JSON.stringify(only.stdout));
  assert.equal(only.status, 1);
  const jsonRun = await vlab(['study', 'list', '--db', db, '--json'], env);
  assert.equal(jsonRun.status, 1, 'the same exit code for scripts');
  const json = JSON.parse(jsonRun.stdout) as { id: string; broken?: string }[];
  assert.deepEqual(json.find((s) => s.id === 'protege-bargaining'), { id: 'protege-bargaining', broken: message });

  const refused = await vlab(['wave', 'create', '--study', 'protege-bargaining', '--target', '5', '--db', db], env);
  assert.equal(refused.status, 2);
  assert.equal(refused.stderr, `vlab wave create: study "protege-bargaining" is broken until its definition is fixed: ${message}\n`);
  assert.equal((await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--db', db], env)).status, 0);

  const server = await serve(join(dir, 'broken-serve.sqlite'), env);
  try {
    assert.match(server.stdout, new RegExp(`vlab serve: study "protege-bargaining" is broken \\(no new waves until fixed\\): ${escape(message)}\n`));
    assert.deepEqual(server.waves.map((w) => w.study), ['alliance-corrective-measures'], 'the demo wave still opens');
  } finally {
    await server.stop();
  }
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the definitions and pages are the project\'s whatever the current folder; a missing definitions folder is one line naming VLAB_DEFINITIONS', async () => {
  const elsewhere = spawnSync(process.execPath, [join(process.cwd(), 'bin/vlab.js'), 'study', 'list', '--db', join(dir, 'elsewhere.sqlite')], {
    encoding: 'utf8',
    cwd: dir,
    env: { ...process.env, VLAB_DEFINITIONS: '' },
  });
  assert.equal(elsewhere.status, 0, elsewhere.stderr);
  assert.match(elsewhere.stdout, /^alliance-corrective-measures +v2 /m);

  // The server too: its pages come from the project's public/, not the current folder's.
  const child = spawn(process.execPath, [join(process.cwd(), 'bin/vlab.js'), 'serve', '--port', '0', '--no-demo', '--db', join(dir, 'elsewhere.sqlite')], {
    cwd: dir,
    env: { ...process.env, VLAB_DEFINITIONS: '', VLAB_PUBLIC: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let out = '';
    const base = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk;
        const match = /listening on (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    assert.equal((await fetch(`${base}/dashboard`)).status, 200);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }

  const missing = join(dir, 'no-such-folder');
  const run = await vlab(['study', 'list', '--db', join(dir, 'missing.sqlite')], { VLAB_DEFINITIONS: missing });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `vlab study list: VLAB_DEFINITIONS: no definitions folder at ${missing}\n`);
  // A relative value is the current folder's: the message says which folder that was.
  const relative = spawnSync(process.execPath, [join(process.cwd(), 'bin/vlab.js'), 'study', 'list', '--db', join(dir, 'missing.sqlite')], {
    encoding: 'utf8', cwd: dir, env: { ...process.env, VLAB_DEFINITIONS: 'my-studies' },
  });
  assert.equal(relative.stderr, `vlab study list: VLAB_DEFINITIONS: no definitions folder at my-studies (${join(dir, 'my-studies')}: a relative value is taken from the current folder)\n`);
});

test('a bad configuration value is refused with the variable it came from', async () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: unknown) => e instanceof ConfigError && /^PORT \(--port\): .*"eighty"/.test(e.message));
  assert.throws(() => loadConfig({}, { port: 70000 }), /PORT \(--port\)/);
  // Zod's "Invalid input: expected number, received NaN" before: what is expected, in the user's words.
  assert.throws(() => loadConfig({ PORT: 'eighty' }), { message: 'PORT (--port): expected a whole number from 0 to 65535, got "eighty"' });
  assert.throws(() => loadConfig({ VLAB_QUOTA_LEASE_SECONDS: '2h' }), { message: 'VLAB_QUOTA_LEASE_SECONDS: expected a whole number from 1 to 2592000, got "2h"' });
  assert.throws(() => loadConfig({ VLAB_BODY_LIMIT: '64.5' }), { message: 'VLAB_BODY_LIMIT: expected a whole number from 1024 to 10485760, got "64.5"' });
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  // The default database is the project's, whatever the current folder (as the definitions): `vlab wave list`
  // run from another folder used to open, and create, an empty ./data/vlab.sqlite there.
  assert.deepEqual(
    { port: loadConfig({}).port, dbPath: loadConfig({}).dbPath },
    { port: 3000, dbPath: join(projectRoot(), 'data', 'vlab.sqlite') },
  );
  assert.equal(projectRoot(), resolve(dirname(fileURLToPath(import.meta.url)), '../..'));
  assert.equal(loadConfig({ PORT: '8080', VLAB_DB: '/tmp/x.sqlite' }, { port: '0' }).port, 0);
  const run = await vlab(['serve', '--port', 'eighty', '--db', join(dir, 'never.sqlite')]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^vlab serve: PORT \(--port\)/);
});

test('a port already in use is one line saying what to do', async () => {
  const taken = createServer().listen(0);
  await once(taken, 'listening');
  const { port } = taken.address() as AddressInfo;
  try {
    const run = await vlab(['serve', '--port', String(port), '--no-demo', '--db', join(dir, 'port.sqlite')], { npm_lifecycle_event: '' });
    const other = port === 3000 ? 3001 : 3000;
    assert.equal(run.status, 2, run.stderr);
    // Untested before; the message had no way out. 3000 or 3001 may be taken too on a shared machine: 0 always
    // finds one (walk-through 29).
    assert.equal(run.stderr, `vlab serve: PORT (--port): port ${port} is already in use (another vlab serve, or another program): stop it, or choose another: PORT=${other} npm start, or node bin/vlab.js serve --port ${other} (0: any free port, the one taken printed)\n`);
    // Through `npm start` the other way out is typed as the README says, `npx vlab` (vlab is not on the PATH).
    const viaNpm = await vlab(['serve', '--port', String(port), '--no-demo', '--db', join(dir, 'port.sqlite')], { npm_lifecycle_event: 'start' });
    assert.match(viaNpm.stderr, new RegExp(`PORT=${other} npm start, or npx vlab serve --port ${other} \\(0: any free port, the one taken printed\\)\\n$`));
  } finally {
    taken.close();
  }
});

test('the hints are typed as vlab was started: node bin/vlab.js (the systemd unit of docs/deploy.md), its full path from another folder, vlab through an installed link', async () => {
  const taken = createServer().listen(0);
  await once(taken, 'listening');
  const { port } = taken.address() as AddressInfo;
  const other = port === 3000 ? 3001 : 3000;
  const args = ['serve', '--port', String(port), '--no-demo', '--db', join(dir, 'port.sqlite')];
  const run = (script: string, cwd: string) =>
    spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', cwd, env: { ...process.env, npm_lifecycle_event: '' } }).stderr;
  const repo = projectRoot();
  const link = join(dir, 'installed-bin', 'vlab');
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(join(repo, 'bin/vlab.js'), link);
  try {
    // Before: bare `vlab serve --port …`, which is on no PATH in that setup.
    assert.match(run('bin/vlab.js', repo), new RegExp(`PORT=${other} npm start, or node bin/vlab\\.js serve --port ${other} \\(0: any free port, the one taken printed\\)\\n$`));
    assert.ok(run(join(repo, 'bin/vlab.js'), dir).endsWith(`, or node ${join(repo, 'bin/vlab.js')} serve --port ${other} (0: any free port, the one taken printed)\n`));
    assert.match(run(link, dir), new RegExp(`PORT=${other} npm start, or vlab serve --port ${other} \\(0: any free port, the one taken printed\\)\\n$`));
  } finally {
    taken.close();
  }
});

test('vlab serve on a fresh database opens a demo wave and says where the dashboard is and how to get a token; --no-demo and VLAB_DEMO=false do not', async () => {
  // npm_lifecycle_event is npm's (`npm test` sets it): here vlab runs as the systemd unit of docs/deploy.md
  // starts it, `node bin/vlab.js serve` in the project folder, and is on no PATH.
  const fresh = await serve(join(dir, 'fresh.sqlite'), { npm_lifecycle_event: '' });
  try {
    assert.equal(fresh.waves.length, 1);
    assert.match(fresh.stdout, /vlab serve: created a demo wave of ".+" \(a real deployment: node bin\/vlab\.js serve --no-demo, or VLAB_DEMO=false\)\n/);
    assert.ok(fresh.stdout.includes(`  open wave ${fresh.waves[0]!.id} (alliance-corrective-measures): ${fresh.baseUrl}/s/${fresh.waves[0]!.id}\n`), fresh.stdout);
    assert.ok(fresh.stdout.endsWith(`  dashboard: ${fresh.baseUrl}/dashboard — sign in with a token from: node bin/vlab.js token create --name "your name"\n`), fresh.stdout);
    assert.doesNotMatch(fresh.stdout.replaceAll('node bin/vlab.js ', ''), /[:(] vlab [a-z]/, 'no bare `vlab <verb>` left');
  } finally {
    await fresh.stop();
  }
  // Through `npm start` vlab is not on the PATH: the printed hint is the command that runs in the project folder.
  const viaNpm = await serve(join(dir, 'fresh-npm.sqlite'), { npm_lifecycle_event: 'start' });
  try {
    assert.ok(viaNpm.stdout.endsWith(`  dashboard: ${viaNpm.baseUrl}/dashboard — sign in with a token from: npx vlab token create --name "your name"\n`), viaNpm.stdout);
    // Every command the start-up lines print is typed the same way (it said `vlab serve --no-demo` beside `npx vlab token create`).
    assert.match(viaNpm.stdout, /\(a real deployment: npx vlab serve --no-demo, or VLAB_DEMO=false\)\n/);
    assert.doesNotMatch(viaNpm.stdout.replaceAll('npx vlab ', ''), /[:(] vlab [a-z]/, 'no bare `vlab <verb>` left');
  } finally {
    await viaNpm.stop();
  }
  const real = await serve(join(dir, 'real.sqlite'), { VLAB_DEMO: 'false' });
  try {
    assert.deepEqual(real.waves, []);
    assert.doesNotMatch(real.stdout, /demo/);
    // Without a wave it listed none and said nothing of how to open one (newcomer walk-through 14: a study of one's
    // own in VLAB_DEFINITIONS, where the flagship study for a demo wave is not).
    assert.match(real.stdout, /\n {2}no open wave: (npx vlab|node bin\/vlab\.js) wave create --study ID --target N opens one \(\1 study list names the studies\)\n {2}dashboard: /);
  } finally {
    await real.stop();
  }
  const noDemo = await vlab(['serve', '--no-demo', '--port', 'eighty', '--db', join(dir, 'never.sqlite')]);
  assert.match(noDemo.stderr, /PORT \(--port\)/, 'the flag is accepted (the port then stops it before listening)');
  assert.throws(() => loadConfig({ VLAB_DEMO: 'maybe' }), /^ConfigError: VLAB_DEMO \(--no-demo\): expected true or false, got "maybe"$/);
  assert.equal(loadConfig({ VLAB_DEMO: 'FALSE' }).demoWave, false);
});

test('links are absolute, from VLAB_PUBLIC_URL when set; a panel-style wave without a completion URL is warned about', async () => {
  const env = { VLAB_PUBLIC_URL: 'https://survey.example.org/' };
  const db = join(dir, 'links.sqlite');
  const panel = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--screenout-url', 'https://app.prolific.com/submissions/complete?cc=SCREEN', '--db', db], env);
  assert.equal(panel.status, 0, panel.stderr);
  const id = /^wave (\S+) of/.exec(panel.stdout)![1]!;
  assert.match(panel.stdout, new RegExp(`link https://survey\\.example\\.org/s/${id}\\n$`));
  assert.match(panel.stderr, /^vlab wave create: warning: the wave sends respondents back to a panel .* has no --complete-url, so those who finish are not sent back/);
  const complete = await vlab(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--screenout-url', 'https://x.example/s', '--complete-url', 'https://x.example/c', '--db', db, '--json']);
  // No panel warning; without VLAB_PUBLIC_URL on a database no server has run on, only the note that the link is a guess.
  assert.match(complete.stderr, /^vlab wave create: note: the link is a guess: [^\n]*\n$/);
  assert.equal(JSON.parse(complete.stdout).link, `http://localhost:3000/s/${JSON.parse(complete.stdout).id}`);
  assert.match((await vlab(['wave', 'list', '--db', db], env)).stdout, new RegExp(`https://survey\\.example\\.org/s/${id}\\n`));

  const served = await serve(db, env);
  try {
    assert.ok(served.stdout.includes(`  open wave ${id} (bus-line-funding): https://survey.example.org/s/${id}\n`), served.stdout);
    assert.match(served.stdout, /links use the public address https:\/\/survey\.example\.org \(VLAB_PUBLIC_URL\)\n/);
    assert.match(served.stdout, /dashboard: https:\/\/survey\.example\.org\/dashboard/);
  } finally {
    await served.stop();
  }
  assert.throws(() => loadConfig({ VLAB_PUBLIC_URL: 'survey.example.org' }), /^ConfigError: VLAB_PUBLIC_URL: expected an http\(s\) address/);
});

import { parse } from 'csv-parse/sync';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { isPostgresUrl, maskedLocation } from '../../server/storage/store.ts';
import request from 'supertest';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';
import { completeSurvey, createTestLocation, reachVignette } from './test-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-wave-cli-'));
// The database the verbs run on: a SQLite file, or a PostgreSQL database under VLAB_TEST_ENGINE=postgres.
const { location: dbPath, remove } = await createTestLocation();
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await remove();
});

/**
 * "no wave" names the database it was looked for in, as the start-up line shows it: after `npm run demo`, whose
 * wave lives in a database of its own, `vlab export --wave …` said only `no wave "…"` of the project's database.
 */
const noWave = (verb: string, id: string) =>
  `vlab ${verb}: no wave "${id}" in ${isPostgresUrl(dbPath) ? maskedLocation(dbPath) : dbPath} (vlab wave list shows its waves; --db or VLAB_DB opens another database)\n`;

/** `vlab ...args --db <the test's database>`, run in this process (vlab-in-process.ts); vlab-bin.test.ts checks the built command. */
function vlab(...args: string[]) {
  return vlabInProcess([...args, '--db', dbPath]);
}

test('an empty database: wave list says how to create a wave instead of printing nothing', async () => {
  const empty = await vlab('wave', 'list');
  assert.equal(empty.status, 0, empty.stderr);
  assert.equal(empty.stdout, 'no waves yet — create one with: vlab wave create --study ID --target N   (vlab study list shows the studies)\n');
  assert.equal((await vlab('wave', 'list', '--json')).stdout, '[]\n');
});

test('vlab wave list, status --json, pause, open and close; a closed wave stays closed', async () => {
  const created = JSON.parse((await vlab('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '40', '--json')).stdout);
  const status = await vlab('wave', 'status', created.id, '--json');
  assert.equal(status.status, 0, status.stderr);
  const report = JSON.parse(status.stdout);
  assert.deepEqual(
    [report.status, report.target, report.completes, report.screenouts, report.overquota, report.partials, report.cells.length],
    ['open', 40, 0, 0, 0, 0, 48],
  );
  assert.deepEqual(report.funnel, { started: 0, consented: 0, reachedVignette: 0, completed: 0 });
  assert.deepEqual(report.quotas.find((q: { level: string }) => q.level === 'female'), { variable: 'gender', level: 'female', share: 0.51, cap: 22, filled: 0, completes: 0, leased: 0, overCap: 0, overCapReason: null });
  assert.deepEqual(report.starts, { live: 0, expired: 0, leaseSeconds: 7200 });

  assert.equal((await vlab('wave', 'pause', created.id)).stdout, `wave ${created.id}: paused\n`);
  assert.match((await vlab('wave', 'status', created.id)).stdout, /paused, 0\/40 completes \(0%\)[\s\S]*funnel: started 0 → consented 0 → reached the vignette 0 → completed 0\n {2}pace: no completes yet\n/);
  assert.equal((await vlab('wave', 'open', created.id)).stdout, `wave ${created.id}: open\n`);
  const list = (await vlab('wave', 'list')).stdout.split('\n');
  assert.match(list[0]!, /^wave +study +status +completes +link$/);
  assert.match(list[1]!, new RegExp(`^${created.id} +alliance-corrective-measures +open +0/40 +http://localhost:3000/s/${created.id}$`));
  assert.equal((await vlab('wave', 'close', created.id)).stdout, `wave ${created.id}: closed\n`);
  const reopen = await vlab('wave', 'open', created.id);
  assert.equal(reopen.status, 2);
  assert.equal(reopen.stderr, 'vlab wave open: the wave is closed, and a closed wave stays closed; create a new wave instead\n');
  const unknown = await vlab('wave', 'status', 'NoSuchWave1');
  assert.equal(unknown.status, 2);
  assert.equal(unknown.stderr, noWave('wave status', 'NoSuchWave1'));
});

test('vlab wave update changes redirects and target as create checks them, logs each change as by cli, and wave status shows the log', async () => {
  const created = JSON.parse((await vlab('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '40', '--screenout-url', 'https://p.example/out', '--json')).stdout);
  const updated = await vlab('wave', 'update', created.id, '--target', '60', '--complete-url', 'https://p.example/done?pid={PROLIFIC_PID}', '--no-screenout-url', '--json');
  assert.equal(updated.status, 0, updated.stderr);
  const report = JSON.parse(updated.stdout);
  assert.deepEqual([report.target, report.completeUrl, report.screenoutUrl, report.overquotaUrl], [60, 'https://p.example/done?pid={PROLIFIC_PID}', null, null]);
  assert.deepEqual(
    report.changes.map((c: { field: string; oldValue: unknown; newValue: unknown; by: string }) => [c.field, c.oldValue, c.newValue, c.by]),
    [
      ['target', 40, 60, 'cli'],
      ['completeUrl', null, 'https://p.example/done?pid={PROLIFIC_PID}', 'cli'],
      ['screenoutUrl', 'https://p.example/out', null, 'cli'],
    ],
  );
  const status = (await vlab('wave', 'status', created.id)).stdout;
  assert.match(status, /0\/60 completes/);
  assert.match(status, /settings changed \(3\):\n {4}\S+ target: 40 → 60 \(by cli\)\n {4}\S+ completeUrl: \(none\) → https:\/\/p\.example\/done\?pid=\{PROLIFIC_PID\} \(by cli\)\n {4}\S+ screenoutUrl: https:\/\/p\.example\/out → \(none\) \(by cli\)\n$/);

  const hostPlaceholder = await vlab('wave', 'update', created.id, '--complete-url', 'https://{PROLIFIC_PID}.example/done');
  assert.equal(hostPlaceholder.status, 2);
  // The options' names, not the API's fields (completeUrl, "give one of target, completeUrl, …" before).
  assert.match(hostPlaceholder.stderr, /^vlab wave update: --complete-url: .*placeholder before the path/);
  assert.equal((await vlab('wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--complete-url', 'nope')).stderr, 'vlab wave create: --complete-url: "nope" is not an absolute URL\n');
  const nothing = await vlab('wave', 'update', created.id);
  assert.equal(nothing.status, 2);
  assert.equal(nothing.stderr, 'vlab wave update: nothing to change: give one of --target, --complete-url, --screenout-url, --overquota-url, --locale (--no-complete-url and the like remove a redirect)\n');
  assert.equal((await vlab('wave', 'update', created.id, '--target', '0')).status, 2);
  assert.equal((await vlab('wave', 'update', 'NoSuchWave1', '--target', '5')).stderr, noWave('wave update', 'NoSuchWave1'));
  // Options not given leave their settings as they are.
  const targetOnly = JSON.parse((await vlab('wave', 'update', created.id, '--target', '61', '--json')).stdout);
  assert.deepEqual([targetOnly.target, targetOnly.completeUrl, targetOnly.locale], [61, 'https://p.example/done?pid={PROLIFIC_PID}', 'en']);
  // A panel-style wave left without a completion URL is warned about, as at create.
  const cleared = await vlab('wave', 'update', created.id, '--no-complete-url', '--overquota-url', 'https://p.example/full');
  assert.equal(cleared.status, 0, cleared.stderr);
  assert.match(cleared.stderr, /^vlab wave update: warning: .*no --complete-url/);
  assert.equal(JSON.parse((await vlab('wave', 'status', created.id, '--json')).stdout).changes.length, 6);
});

// Respondents already in when the target closes a wave may finish: a pilot of 60 ended at 66, and wave status said
// "closed, 66/60 completes (100%)" — the share capped for the dashboard's bar (newcomer walk-through 25). It says
// "(110%, 6 past the target)".
test('wave status of a wave whose started respondents finished past its target says the real share and the excess', async () => {
  const created = JSON.parse((await vlab('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '40', '--json')).stdout);
  const store = await openStore(dbPath);
  try {
    const app = createApp({ store, config: loadConfig({}, { dbPath, logLevel: 'silent' }) });
    const codes: string[] = [];
    for (const pid of ['over-1', 'over-2', 'over-3']) codes.push((await request(app).post(`/api/waves/${created.id}/participants`).send({ panel: { PROLIFIC_PID: pid } })).body.participant.code);
    for (const code of codes) assert.equal((await reachVignette(app, code)).status, 200);
    for (const code of codes.slice(0, 2)) assert.equal((await completeSurvey(app, code)).body.status, 'complete');
    // The target lowered to the completes closes the wave, as the completion reaching it would; the third finishes.
    assert.equal((await vlab('wave', 'update', created.id, '--target', '2')).status, 0);
    assert.equal((await completeSurvey(app, codes[2]!)).body.status, 'complete');
  } finally {
    await store.close();
  }
  const status = (await vlab('wave', 'status', created.id)).stdout;
  assert.match(status, /^wave \S+ of alliance-corrective-measures v\d+: closed, 3\/2 completes \(150%, 1 past the target\)\n/);
  assert.equal(JSON.parse((await vlab('wave', 'status', created.id, '--json')).stdout).progress, 1, 'the API\'s share stays capped for a bar');
});

// A pause mid-wave is part of the fieldwork a methods section reports, and the settings log had no trace of it:
// `wave pause` and `wave open` changed the status unrecorded (newcomer walk-through 25). Each is logged as a status
// change, by cli or by the researcher API's token.
test('pause, open and close are logged as status changes, by cli and by the API token, and wave status lists them', async () => {
  const created = JSON.parse((await vlab('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '40', '--json')).stdout);
  assert.equal((await vlab('wave', 'pause', created.id)).status, 0);
  assert.equal((await vlab('wave', 'pause', created.id)).status, 0, 'paused again: no change, nothing logged');
  assert.equal((await vlab('wave', 'open', created.id)).status, 0);
  const token = (await vlab('token', 'create', '--name', 'field team')).stdout.trim();
  const store = await openStore(dbPath);
  try {
    const app = createApp({ store, config: loadConfig({}, { dbPath, logLevel: 'silent' }) });
    const closed = await request(app).post(`/api/researcher/waves/${created.id}/close`).set('Authorization', `Bearer ${token}`);
    assert.equal(closed.status, 200);
    assert.deepEqual(closed.body.changes.map((c: { field: string; oldValue: string; newValue: string; by: string }) => [c.field, c.oldValue, c.newValue, c.by]), [
      ['status', 'open', 'paused', 'cli'],
      ['status', 'paused', 'open', 'cli'],
      ['status', 'open', 'closed', 'token:field team'],
    ]);
  } finally {
    await store.close();
  }
  assert.match((await vlab('wave', 'status', created.id)).stdout, /settings changed \(3\):\n {4}\S+ status: open → paused \(by cli\)\n {4}\S+ status: paused → open \(by cli\)\n {4}\S+ status: open → closed \(by token:field team\)\n$/);
});

test('vlab export writes completes by default and says what it wrote; --status all as the API\'s default; bad formats and waves exit 2', async () => {
  const created = JSON.parse((await vlab('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '40', '--json')).stdout);
  const token = (await vlab('token', 'create', '--name', 'cli test')).stdout.trim();
  const store = await openStore(dbPath);
  try {
    const app = createApp({ store, config: loadConfig({}, { dbPath, logLevel: 'silent' }) });
    await request(app).post(`/api/waves/${created.id}/participants`).send({ panel: { PROLIFIC_PID: 'cli-1' } });
    const done = await request(app).post(`/api/waves/${created.id}/participants`).send({ panel: { PROLIFIC_PID: 'cli-2' } });
    assert.equal((await completeSurvey(app, done.body.participant.code)).body.status, 'complete');
    const api = async (query: string) =>
      (await request(app).get(`/api/researcher/waves/${created.id}/export?${query}`).set('Authorization', `Bearer ${token}`)).text;
    for (const [format, args, query] of [
      ['csv', [], 'format=csv&status=complete'],
      ['csv', ['--status', 'all'], 'format=csv'],
      ['json', ['--status', 'all'], 'format=json&status=all'],
      ['codebook', [], 'format=codebook'],
      // A CSV for Excel: the same bytes after UTF-8's byte-order mark.
      ['csv', ['--excel'], 'format=csv&status=complete&excel=1'],
    ] as const) {
      const out = join(dir, `export-${format}-${args.length}.${format}`);
      const run = await vlab('export', '--wave', created.id, '--format', format, ...args, '--out', out);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(readFileSync(out, 'utf8'), await api(query), `${format} ${args.join(' ')}`);
    }
    assert.deepEqual([...readFileSync(join(dir, 'export-csv-1.csv')).subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(readFileSync(join(dir, 'export-csv-1.csv'), 'utf8').slice(1), readFileSync(join(dir, 'export-csv-0.csv'), 'utf8'));
  } finally {
    await store.close();
  }
  const completes = await vlab('export', '--wave', created.id);
  assert.deepEqual((parse(completes.stdout, { columns: true }) as { panel_id: string }[]).map((r) => r.panel_id), ['cli-2']);
  assert.equal(completes.stderr, 'vlab export: 1 participant written (1 complete); left out 1 (1 started): --status all writes everyone\n');
  const everyone = await vlab('export', '--wave', created.id, '--status', 'all', '--out', join(dir, 'all.csv'));
  assert.equal(everyone.stderr, `vlab export: wrote ${join(dir, 'all.csv')}\nvlab export: 2 participants written (1 started, 1 complete)\n`);
  const started = await vlab('export', '--wave', created.id, '--status', 'started');
  assert.deepEqual((parse(started.stdout, { columns: true }) as { panel_id: string }[]).map((r) => r.panel_id), ['cli-1']);
  // Newcomer pass 17: a typo got commander's "option '--status <list>' argument … is invalid." and no near miss.
  assert.equal((await vlab('export', '--wave', created.id, '--status', 'compelte')).stderr, 'vlab export: unknown status "compelte" (did you mean "complete"? valid: all, started, complete, screened_out, overquota)\n');
  // long-csv stacks item batteries: of a study without one it is a header alone, which "1 participant written"
  // alone let a researcher take for data (research pass 12). The alliance study has batteries: no such line.
  assert.equal((await vlab('export', '--wave', created.id, '--format', 'long-csv')).stderr, 'vlab export: 1 participant written (1 complete); left out 1 (1 started): --status all writes everyone\n');
  const bus = JSON.parse((await vlab('wave', 'create', '--study', 'bus-line-funding', '--target', '10', '--json')).stdout);
  const long = await vlab('export', '--wave', bus.id, '--format', 'long-csv');
  assert.equal(long.stdout.trim().split('\n').length, 1);
  assert.equal(long.stderr, 'vlab export: 0 participants written (none)\nvlab export: study "bus-line-funding" has no item battery (questions sharing a "battery" name), which long-csv stacks: the file holds its header only; --format csv has one row per participant\n');

  const badFormat = await vlab('export', '--wave', created.id, '--format', 'csvv');
  assert.equal(badFormat.status, 2);
  assert.equal(badFormat.stderr, 'vlab export: unknown format "csvv" (did you mean "csv"? valid: csv, long-csv, json, codebook, profiles-csv)\n', 'as vlab estimates --format says it');
  const badWave = await vlab('export', '--wave', 'NoSuchWave1', '--out', join(dir, 'never.csv'));
  assert.equal(badWave.status, 2);
  assert.equal(badWave.stderr, noWave('export', 'NoSuchWave1'));
  assert.ok(!existsSync(join(dir, 'never.csv')) && !readdirSync(dir).some((name) => name.startsWith('never.csv.partial')));
});

test('vlab export on a terminal draws a progress bar of participants on stderr (a pipe gets none); --help shows --status\'s default once', async () => {
  const created = JSON.parse((await vlab('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '40', '--json')).stdout);
  const store = await openStore(dbPath);
  try {
    const app = createApp({ store, config: loadConfig({}, { dbPath, logLevel: 'silent' }) });
    for (const id of ['bar-1', 'bar-2', 'bar-3']) await request(app).post(`/api/waves/${created.id}/participants`).send({ panel: { PROLIFIC_PID: id } });
  } finally {
    await store.close();
  }
  // util-linux's script(1) runs the verb on a pseudo-terminal, as a researcher's shell would.
  const out = join(dir, 'bar.csv');
  const quote = (a: string) => `'${a.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, 'bin/vlab.js', 'export', '--wave', created.id, '--status', 'all', '--out', out, '--db', dbPath].map(quote).join(' ');
  const terminal = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
  assert.equal(terminal.status, 0, terminal.stdout);
  // Before: nothing between the start and "wrote", however many rows a wave had.
  assert.match(terminal.stdout, /export \[[█░]+\] 3\/3 100%/);
  assert.match(terminal.stdout, /vlab export: 3 participants written \(3 started\)/);
  assert.doesNotMatch((await vlab('export', '--wave', created.id, '--status', 'all', '--out', out)).stderr, /\[/);
  assert.doesNotMatch((await vlab('export', '--help')).stdout, /default: \["complete"\]/);
});

test('vlab token create prints the token once; list shows no secret; revoke ends it', async () => {
  const created = await vlab('token', 'create', '--name', 'alice laptop', '--json');
  assert.equal(created.status, 0, created.stderr);
  const { token, id } = JSON.parse(created.stdout) as { token: string; id: string };
  assert.match(token, new RegExp(`^vlab_${id}_[A-Za-z0-9_-]{43}$`));
  const list = await vlab('token', 'list');
  assert.match(list.stdout, new RegExp(`^${id}\\talice laptop\\tcreated .*\\tlast used never\\tactive$`, 'm'));
  assert.ok(!list.stdout.includes(token.slice(22)));
  assert.equal((await vlab('token', 'revoke', id)).stdout, `token ${id} ("alice laptop") revoked\n`);
  assert.match((await vlab('token', 'list')).stdout, new RegExp(`^${id}\\talice laptop\\t.*\\trevoked \\S+$`, 'm'));
  const noName = await vlab('token', 'create', '--name', '  ');
  assert.equal(noName.status, 2);
  assert.match(noName.stderr, /^vlab token create: name: /);
});

test('vlab wave status says why a quota level is over its cap: admitted before the target was lowered (attacker pass 18)', async () => {
  const created = JSON.parse((await vlab('wave', 'create', '--study', 'alliance-corrective-measures', '--target', '20', '--json')).stdout);
  const store = await openStore(dbPath);
  try {
    const app = createApp({ store, config: loadConfig({}, { dbPath, logLevel: 'silent' }) });
    for (let i = 0; i < 3; i++) {
      const started = await request(app).post(`/api/waves/${created.id}/participants`).send({ panel: { PROLIFIC_PID: `over-${i}` } });
      assert.equal((await completeSurvey(app, started.body.participant.code)).body.status, 'complete');
    }
  } finally {
    await store.close();
  }
  assert.equal((await vlab('wave', 'update', created.id, '--target', '1')).status, 0);
  const text = (await vlab('wave', 'status', created.id)).stdout;
  assert.match(text, /quota gender=\w+: 3\/1 \(3 complete, 0 leased\); over cap by 2: admitted before the target was lowered from 20 to 1/);
  assert.doesNotMatch(text, /quota gender=\w+: 0\/1 .*over cap/);
});

// With VLAB_DEFINITIONS at a folder of one's own, the shipped studies the database knew stayed usable without a
// word: a wave of one was opened as if it were the folder's (walk-through 16). It still opens, with a warning.
test('vlab wave create warns when the study is not in the definitions folder, only in the database', async () => {
  const mine = join(dir, 'my-definitions');
  cpSync('survey-definitions/bus-line-funding', join(mine, 'bus-line-funding'), { recursive: true });
  // With a public address, so that the only line on stderr is the one under test (cli-links.test.ts: the note without one).
  const run = (env: NodeJS.ProcessEnv, study: string) =>
    spawnSync(process.execPath, ['bin/vlab.js', 'wave', 'create', '--study', study, '--target', '10', '--json', '--db', dbPath], {
      encoding: 'utf8',
      env: { ...process.env, VLAB_PUBLIC_URL: 'https://survey.example.org', ...env },
    });
  const shipped = run({}, 'protege-bargaining');
  assert.equal(shipped.status, 0, shipped.stderr);
  assert.equal(shipped.stderr, '', 'in the project folder: no warning');
  const elsewhere = run({ VLAB_DEFINITIONS: mine }, 'protege-bargaining');
  assert.equal(elsewhere.status, 0, elsewhere.stderr);
  assert.equal(elsewhere.stderr, `vlab wave create: warning: study "protege-bargaining" is not in ${mine} (VLAB_DEFINITIONS): the wave fields v2 as the database stored it from another folder\n`);
  assert.equal(run({ VLAB_DEFINITIONS: mine }, 'bus-line-funding').stderr, '');
  for (const id of [JSON.parse(shipped.stdout).id, JSON.parse(elsewhere.stdout).id]) assert.equal((await vlab('wave', 'close', id)).status, 0);
});

// A wording edited mid-wave goes into a new version, which the live wave never shows; its status said "v1" and no
// more, so a researcher who had just raised the version could believe the open wave now showed the new texts
// (newcomer walk-through 25). A running wave of an older version than the folder's says so and how to field the new.
test('wave status of a running wave whose study the folder has moved to a newer version says the wave keeps its own', async () => {
  const mine = join(dir, 'versioned-definitions');
  const folder = join(mine, 'bus-line-versions');
  cpSync('survey-definitions/bus-line-funding', folder, { recursive: true });
  const edit = (change: (study: Record<string, any>) => void) => {
    const study = JSON.parse(readFileSync(join(folder, 'study.json'), 'utf8'));
    change(study);
    writeFileSync(join(folder, 'study.json'), JSON.stringify(study));
  };
  edit((s) => (s.id = 'bus-line-versions'));
  const env = { ...process.env, VLAB_DEFINITIONS: mine, VLAB_PUBLIC_URL: 'https://survey.example.org' };
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/vlab.js', ...args, '--db', dbPath], { encoding: 'utf8', env });
  const created = JSON.parse(run('wave', 'create', '--study', 'bus-line-versions', '--target', '10', '--json').stdout);
  assert.doesNotMatch(run('wave', 'status', created.id).stdout, /definitions folder/, 'the folder holds the wave\'s version');
  edit((s) => {
    s.title.en = `${s.title.en} (new wording)`;
    s.version = 2;
  });
  assert.equal(run('study', 'list').status, 0);
  const status = run('wave', 'status', created.id).stdout;
  assert.match(status, /^wave \S+ of bus-line-versions v1: open, /);
  assert.match(status, /\n {2}the definitions folder holds v2 of bus-line-versions now: this wave goes on showing v1's texts; vlab wave create --study bus-line-versions fields v2\n/);
  assert.equal(run('wave', 'close', created.id).status, 0);
  assert.doesNotMatch(run('wave', 'status', created.id).stdout, /definitions folder/, 'a closed wave shows nothing more');
});

// Walk-through 31's own study had no quotas, and its partials line still said "(their quota slots are free)": the
// idle partials' slots are a quota wave's concern only.
test('wave status speaks of the idle partials\' quota slots only for a wave with quotas', async () => {
  const partialsLine = async (study: string) => {
    const created = JSON.parse((await vlab('wave', 'create', '--study', study, '--target', '10', '--json')).stdout);
    return (await vlab('wave', 'status', created.id)).stdout.split('\n').find((line) => line.includes('partials'));
  };
  assert.equal(await partialsLine('bus-line-funding'), '  screen-outs 0, over quota 0, partials 0: 0 active within 2 h, 0 idle longer');
  assert.equal(await partialsLine('alliance-corrective-measures'), '  screen-outs 0, over quota 0, partials 0: 0 active within 2 h, 0 idle longer (their quota slots are free)');
});

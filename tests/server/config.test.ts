// Every row of the README's configuration table as a newcomer or an operator mistypes it: a bad value stops the
// server with one line naming the variable, never a stack trace from deeper down, and never a silent surprise
// (a mysql:// URL taken as a file name, a misspelt variable ignored without a word).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, loadConfig, unknownSettings } from '../../server/config.ts';
import { openPostgresStore } from '../../server/storage/postgres/postgres-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function refused(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail(`accepted ${JSON.stringify(env)}`);
}

// Addresses the pattern let through reached proxy-addr inside createApp, which threw a TypeError: `vlab serve`
// printed its stack ("invalid IP address: .", "invalid range on address: 10.0.0.0/99").
test('VLAB_TRUST_PROXY: every address and subnet is checked at start; 0, false and off mean off', () => {
  for (const [value, bad] of [['.', '.'], ['10.0.0.0/99', '10.0.0.0/99'], ['::1, :', ':'], ['loopback,300.1.1.1', '300.1.1.1'], ['fe80::/129', 'fe80::/129']]) {
    assert.equal(
      refused({ VLAB_TRUST_PROXY: value! }),
      `VLAB_TRUST_PROXY: "${bad}" is not an address or subnet: expected a hop count ≥ 1, loopback, linklocal, uniquelocal, or comma-separated addresses/subnets (10.0.0.0/8), got ${JSON.stringify(value)}`,
    );
  }
  // "Invalid input" before, zod's word for a value that fits no shape of the union.
  for (const off of ['0', 'false', 'off', 'FALSE']) assert.equal(loadConfig({ VLAB_TRUST_PROXY: off }).trustProxy, false, off);
  assert.equal(loadConfig({ VLAB_TRUST_PROXY: '2' }).trustProxy, 2);
  assert.equal(loadConfig({ VLAB_TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1, 192.168.0.0/255.255.0.0' }).trustProxy, 'loopback, 10.0.0.0/8, ::1, 192.168.0.0/255.255.0.0');
  assert.match(refused({ VLAB_TRUST_PROXY: 'true' }), /^VLAB_TRUST_PROXY: "true" is not an address or subnet/);
});

test('VLAB_PUBLIC_URL: a port out of range, a host that is no host or a path is refused (links were printed with it)', () => {
  assert.equal(refused({ VLAB_PUBLIC_URL: 'https://survey.example.org:99999' }),
    'VLAB_PUBLIC_URL: expected an http(s) address such as https://survey.example.org, without ? or #, got "https://survey.example.org:99999"');
  assert.match(refused({ VLAB_PUBLIC_URL: 'https://exa mple.org' }), /^VLAB_PUBLIC_URL: expected an http\(s\) address/);
  assert.equal(loadConfig({ VLAB_PUBLIC_URL: 'https://survey.example.org:8443/' }).publicUrl, 'https://survey.example.org:8443');
  // The page asks for /assets/… and /api/… from the root of its host: behind a proxy that serves vlab under /base,
  // the printed links opened a page whose script and API calls went past the proxy. Accepted before.
  assert.equal(refused({ VLAB_PUBLIC_URL: 'https://example.org/survey/' }),
    'VLAB_PUBLIC_URL: a path (/survey/) is not supported: the pages ask for /assets/… and /api/… at the root of the host, so vlab needs an address of its own (https://survey.example.org), got "https://example.org/survey/"');
});

// `VLAB_DB=mysql://db/x` (or a host's DATABASE_URL of another engine) made a SQLite file `mysql:/db/x` under the
// current folder and served from it.
test('VLAB_DB and DATABASE_URL: a URL of another engine or one that does not parse is refused, naming the variable, no password', async () => {
  assert.equal(refused({ VLAB_DB: 'mysql://u:p@db/x' }),
    'VLAB_DB (--db): expected a SQLite file path or a postgres:// URL (this is a URL of another engine), got "mysql://u:***@db/x"');
  assert.equal(refused({ DATABASE_URL: 'mysql://db/x' }),
    'DATABASE_URL: expected a SQLite file path or a postgres:// URL (this is a URL of another engine), got "mysql://db/x"');
  assert.equal(refused({ VLAB_DB: 'mysql://u:p/ss@db/x' }),
    'VLAB_DB (--db): expected a SQLite file path or a postgres:// URL (this is a URL of another engine), got "mysql://u:***@db/x"');
  // A password with a # was "cannot open the database (Invalid URL)" after the start's first steps.
  assert.equal(refused({ VLAB_DB: 'postgres://vlab:p#ss@db:5432/vlab' }),
    'VLAB_DB (--db): a postgres:// URL that does not parse: percent-encode @ : / ? # % in the user name and password (# as %23), got "postgres://vlab:***@db:5432/vlab"');
  assert.match(refused({ VLAB_DB: 'postgres://vlab:secret@db:99999/vlab' }), /^VLAB_DB \(--db\): a postgres:\/\/ URL that does not parse: .*, got "postgres:\/\/vlab:\*\*\*@db:99999\/vlab"$/);
  // vlab db copy --to opens the store without the config's check.
  await assert.rejects(openPostgresStore('postgres://vlab:p#ss@db:5432/vlab'), (e: Error) => e instanceof ConfigError &&
    e.message === 'postgres://vlab:***@db:5432/vlab: cannot open the database (a postgres:// URL that does not parse: percent-encode @ : / ? # % in the user name and password (# as %23))');
  assert.equal(loadConfig({ VLAB_DB: 'postgres://vlab:p%23ss@db:5432/vlab' }).dbPath, 'postgres://vlab:p%23ss@db:5432/vlab');
  assert.equal(loadConfig({ VLAB_DB: 'postgresql://db/x' }).dbPath, 'postgresql://db/x');
  assert.equal(loadConfig({ VLAB_DB: 'data/my file.sqlite' }).dbPath, 'data/my file.sqlite');
  assert.equal(loadConfig({ VLAB_DB: 'C:/data/vlab.sqlite' }).dbPath, 'C:/data/vlab.sqlite');
});

test('LOG_LEVEL in capitals is understood; another word lists the levels', () => {
  assert.equal(loadConfig({ LOG_LEVEL: 'WARN' }).logLevel, 'warn');
  assert.equal(refused({ LOG_LEVEL: 'verbose' }), 'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "verbose"');
});

// A misspelt setting was ignored without a word: `VLAB_RATE_LIMIT_STARTS=100000 npm start` before a simulation
// ran with the default 300 and the simulation met 429s.
test('a VLAB_ variable that is no setting is named with the closest setting', () => {
  assert.deepEqual(unknownSettings({ VLAB_RATE_LIMIT_STARTS: '100000', VLAB_DB: 'x', PORT: '1', VLAB_TEST_POSTGRES: 'postgres://x', HOME: '/root' }), [
    'VLAB_RATE_LIMIT_STARTS is not a setting of vlab and is ignored (did you mean VLAB_RATE_LIMIT_START?)',
  ]);
  assert.deepEqual(unknownSettings({ VLAB_COLOUR: 'blue' }), ['VLAB_COLOUR is not a setting of vlab and is ignored (the settings: README.md, "Configuration")']);
  // The test runner's own (.ci/run sets VLAB_TEST_CHROMIUM; VLAB_TEST_SERIAL=1 npm test): every CLI test's stderr
  // began with a warning about them.
  assert.deepEqual(unknownSettings({ VLAB_TEST_CHROMIUM: '/usr/bin/chromium', VLAB_TEST_SERIAL: '1', VLAB_TEST_ENGINE: 'postgres' }), []);
  // vlab simulate's researcher token (walk-through 23), exported in the shell that then starts the server.
  assert.deepEqual(unknownSettings({ VLAB_TOKEN: 'vlab_…' }), []);
});

function serve(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['bin/vlab.js', 'serve', '--port', '0', '--db', join(dir, 'vlab.sqlite')], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A VLAB_PUBLIC without built pages threw from inside createApp: a stack trace ending in "manifest.json is
// missing". The server now says which variable and what to do, in one line, before it opens anything.
test('vlab serve with VLAB_PUBLIC naming a folder without the built pages: one line, exit code 2', () => {
  const run = serve({ VLAB_PUBLIC: join(dir, 'nowhere') });
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stderr, `vlab serve: VLAB_PUBLIC: ${join(dir, 'nowhere')} holds no built pages (dist/manifest.json is missing): point it at the project's public/ folder, or run npm run build\n`);
  const proxy = serve({ VLAB_TRUST_PROXY: '10.0.0.0/99' });
  assert.equal(proxy.status, 2, proxy.stderr);
  assert.match(proxy.stderr, /^vlab serve: VLAB_TRUST_PROXY: "10\.0\.0\.0\/99" is not an address or subnet/);
  assert.equal(proxy.stderr.split('\n').length, 2, proxy.stderr);
});

// Shutdown's drain (server/graceful-shutdown.ts): 10 s unless set; tests of the cut set 1 s instead of waiting it out.
test('VLAB_SHUTDOWN_DRAIN_SECONDS: 10 by default, a whole number of seconds from 1', () => {
  assert.equal(loadConfig({}).shutdownDrainSeconds, 10);
  assert.equal(loadConfig({ VLAB_SHUTDOWN_DRAIN_SECONDS: '1' }).shutdownDrainSeconds, 1);
  assert.equal(refused({ VLAB_SHUTDOWN_DRAIN_SECONDS: '0' }), 'VLAB_SHUTDOWN_DRAIN_SECONDS: expected a whole number from 1 to 3600, got "0"');
});

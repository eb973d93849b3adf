#!/usr/bin/env node
// `npm run demo`: the whole platform in one minute. Starts the server on a fresh database, opens a wave of the
// flagship study, lets 1,502 synthetic respondents take it over HTTP (answers from the study's simulation
// model), prints the pre-registered estimates and the dashboard link, and keeps serving until Ctrl-C.
// Options: --n N (respondents, default 1502), --study ID, --exit (stop after printing what was made, no links;
// for scripts and tests).
import './require-node.mjs';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

// The commands printed below are typed by hand: paths quoted as vlab serve quotes them, and the export a
// conjoint's verbs read (vlab amce/mm/freqs take profile rows, which the plain CSV is not).
register();
const { npxWorksIn, shellWord, vlabCommand } = await import('../server/vlab-command.ts');
const { loadDefinitionFolder } = await import('../server/storage/definition-files.ts');

const { didYouMean } = await import('../analysis/helpers/did-you-mean.ts');

const USAGE = 'usage: npm run demo -- [--study ID] [--n N] [--exit]';
const HELP = `${USAGE}

Starts the server on a fresh database, opens a wave of the study, lets simulated respondents take it over HTTP,
prints the pre-registered estimates and the dashboard link, and serves until Ctrl-C (the database is deleted then).

  --study ID   a study of survey-definitions/ (default alliance-corrective-measures)
  --n N        simulated respondents (default 1502)
  --exit       stop after printing the estimates and what was made (no links: the server
               and its database are gone), for scripts
  --help       this text
`;
const MAX_RESPONDENTS = 10_000_000;

/** The options, checked before anything starts: a mistake is one line and exit code 2, never a stack trace. */
function demoOptions() {
  refuseNpmsOwn();
  let options;
  try {
    options = parseArgs({
      options: {
        n: { type: 'string', default: '1502' },
        study: { type: 'string', default: 'alliance-corrective-measures' },
        exit: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      return refuse(`unexpected argument '${error.message.match(/'(.*)'/s)[1]}': npm passes the demo's options on only after -- (${USAGE}; --help says more)`);
    }
    const words = error.message.replace(/\. To specify a positional argument.*$/s, '');
    return refuse(`${words[0].toLowerCase()}${words.slice(1)} (${USAGE}; --help says more)`);
  }
  if (options.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const n = Number(options.n);
  if (!/^\d+$/.test(options.n) || n < 1 || n > MAX_RESPONDENTS) {
    return refuse(`--n must be a whole number of respondents from 1 to ${MAX_RESPONDENTS}, got ${JSON.stringify(options.n)}`);
  }
  const ids = loadDefinitionFolder(definitionsFolder()).studies.map((s) => s.id);
  if (!ids.includes(options.study)) return refuse(`--study: no valid study ${JSON.stringify(options.study)} in survey-definitions/ (${didYouMean(options.study, ids)})`);
  return options;
}

/**
 * `npm run demo --exit` without the `--`: npm keeps --exit and --study as settings of its own (npm_config_exit=true)
 * and passes only their values on, so the demo would run the default 1,502 respondents and serve until Ctrl-C.
 */
function refuseNpmsOwn() {
  const taken = ['study', 'exit'].find((name) => process.env[`npm_config_${name}`] !== undefined);
  if (taken) refuse(`npm took --${taken} as its own option: put -- before the demo's options, e.g. npm run demo -- --n 50 --exit`);
}

function refuse(message) {
  process.stderr.write(`vlab demo: ${message}\n`);
  process.exit(2);
}

const options = demoOptions();
const dir = mkdtempSync(join(tmpdir(), 'vlab-demo-'));
const db = join(dir, 'vlab.sqlite');
// 1,502 starts from one address in a minute: far above the per-address limit meant for real traffic.
const env = { ...process.env, LOG_LEVEL: 'warn', VLAB_RATE_LIMIT_START: '1000000' };

const vlab = (args, { inherit = false } = {}) =>
  new Promise((resolve, reject) => {
    if (inherit) {
      const child = spawn(process.execPath, ['bin/vlab.js', ...args], { env, stdio: 'inherit' });
      child.once('exit', (code) => (code === 0 ? resolve('') : reject(new Error(`vlab ${args[0]} exited with ${code}`))));
      return;
    }
    execFile(process.execPath, ['bin/vlab.js', ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`vlab ${args.join(' ')}: ${stderr || error.message}`)) : resolve(stdout),
    );
  });

const server = spawn(process.execPath, ['bin/vlab.js', 'serve', '--port', '0', '--db', db], { env, stdio: ['ignore', 'pipe', 'inherit'] });
// The demo's database is thrown away with the server.
server.once('exit', () => rmSync(dir, { recursive: true, force: true }));
const stop = () => server.exitCode === null && server.kill('SIGTERM');
process.once('SIGINT', stop);

try {
  const baseUrl = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${out}`)));
  });
  const wave = JSON.parse(await vlab(['wave', 'create', '--study', options.study, '--target', '1500', '--seed', 'demo', '--db', db, '--json']));
  process.stdout.write(
    options.exit
      ? `vlab demo: wave ${wave.id} of ${options.study} on a server of its own, stopped and deleted at the end (--exit)\n`
      : `vlab demo: server ${baseUrl} (database ${db}); wave ${wave.id} of ${options.study}\n`,
  );

  await vlab(['simulate', `--wave=${wave.id}`, '--n', options.n, '--base-url', baseUrl, '--seed', 'demo', '--concurrency', '8', '--in-order'], { inherit: true });
  process.stdout.write('\n');
  await vlab(['estimates', `--wave=${wave.id}`, '--db', db], { inherit: true });
  process.stdout.write(options.exit ? await madeLines(wave.id) : servingLines(baseUrl, wave.id, await researcherToken()));
  if (options.exit) stop();
} catch (error) {
  process.stderr.write(`vlab demo: ${error.message}\n`);
  stop();
  process.exitCode = 1;
}

/**
 * While the demo serves: the links to its server (dashboard with the token, the survey), the commands to type,
 * and how it stops.
 */
function servingLines(baseUrl, waveId, token) {
  return [
    '',
    `dashboard:  ${baseUrl}/dashboard#wave=${waveId}   (researcher token: ${token})`,
    `respondent: ${baseUrl}/s/${waveId}   (take the survey yourself)`,
    // Typed as the README tells a newcomer and as vlab serve prints under npm: vlab is not on the PATH.
    `power:      ${typedVlab()} power --study ${options.study} --n 1500 --sims 200`,
    // The wave is in the demo's own database, not the project's: without --exit, `vlab export` finds no such wave.
    `data:       ${typedVlab()} export --wave ${waveId} --db ${shellWord(db)} ${exportFormat(options.study)}   (while the demo serves; any analysis verb then reads it)`,
    'serving until Ctrl-C (the demo database is deleted then)',
    '',
  ].join('\n');
}

/** A researcher token for the dashboard link: only made while the demo serves. */
async function researcherToken() {
  return JSON.parse(await vlab(['token', 'create', '--name', 'demo', '--db', db, '--json'])).token;
}

/**
 * With --exit the server stops and its database is deleted at once: a link or a token to it would lead nowhere
 * (researcher pass 11), so the demo says what it made, the figures, and the command that needs no server.
 */
async function madeLines(waveId) {
  const status = JSON.parse(await vlab(['wave', 'status', waveId, '--db', db, '--json']));
  return [
    '',
    `made:       wave ${waveId} of ${options.study}: ${options.n} simulated respondents, ${status.completes} complete, the estimates above; the server is stopped and its database deleted (run without --exit for the dashboard)`,
    `power:      ${typedVlab()} power --study ${options.study} --n 1500 --sims 200`,
    '',
  ].join('\n');
}

/**
 * `npx vlab`, as the README tells a newcomer, where npx works; in a checkout it cannot build in (read-only), npx
 * fails, and the script itself is what runs (server/vlab-command.ts).
 */
function typedVlab() {
  const project = fileURLToPath(new URL('..', import.meta.url));
  return npxWorksIn(project) ? 'npx vlab' : vlabCommand({}, fileURLToPath(new URL('../bin/vlab.js', import.meta.url)), process.cwd());
}

/** The export a study's analysis verbs read: a conjoint's profile rows, else the one-row-a-participant CSV. */
function exportFormat(studyId) {
  const study = loadDefinitionFolder(definitionsFolder()).studies.find((s) => s.id === studyId);
  return study?.design?.kind === 'conjoint' ? '--format profiles-csv --out profiles.csv' : '--out wave.csv';
}

/** The definitions the server will read: VLAB_DEFINITIONS, else the project's. */
function definitionsFolder() {
  // import.meta.dirname is Node 20.11's; package.json allows 20.6.
  return process.env.VLAB_DEFINITIONS || fileURLToPath(new URL('../survey-definitions', import.meta.url));
}

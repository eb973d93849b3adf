// `npm run demo -- …` as a newcomer types it: --help, a misspelt option, a bad --n or --study. Each is answered in
// words before any server starts. Before, --help and any unknown option were node:util's ERR_PARSE_ARGS_UNKNOWN_OPTION
// stack trace, and a bad --n or --study was found only after the server had started and a wave was created.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

function demo(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, ['scripts/demo.mjs', ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const USAGE = 'usage: npm run demo -- [--study ID] [--n N] [--exit]';

test('npm run demo -- --help prints what it does and its options, exit 0', () => {
  const run = demo(['--help']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.ok(run.stdout.startsWith(`${USAGE}\n`), run.stdout);
  assert.match(run.stdout, /--study ID +a study of survey-definitions\/ \(default alliance-corrective-measures\)/);
});

test('an unknown option, a bad --n or an unknown --study: one line, exit 2, no server started', () => {
  for (const [args, line] of [
    [['--nn', '5'], "vlab demo: unknown option '--nn' (usage: npm run demo -- [--study ID] [--n N] [--exit]; --help says more)"],
    [['--n', 'abc'], 'vlab demo: --n must be a whole number of respondents from 1 to 10000000, got "abc"'],
    [['--n', '0'], 'vlab demo: --n must be a whole number of respondents from 1 to 10000000, got "0"'],
    [['--study', 'bus-line-fundng'], 'vlab demo: --study: no valid study "bus-line-fundng" in survey-definitions/ (did you mean "bus-line-funding"?)'],
  ] as const) {
    const run = demo([...args]);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr, `${line}\n`);
    assert.doesNotMatch(run.stdout, /vlab demo: server/);
  }
});

test('options typed without the -- (npm run demo --n 50 --exit) are named with the way to type them, before anything starts', () => {
  // Before: npm kept --exit and --study as its own settings (npm_config_*) and passed only "50" on, so the demo said
  // "unexpected argument '50'" under a usage line that showed "[--n N]" without the --; `npm run demo --exit` alone
  // ran 1,502 respondents and served until Ctrl-C. npm sets npm_config_exit=true for --exit (as the env below).
  for (const [args, env, line] of [
    [['50'], { npm_config_exit: 'true' }, 'vlab demo: npm took --exit as its own option: put -- before the demo\'s options, e.g. npm run demo -- --n 50 --exit'],
    [['bus-line-funding'], { npm_config_study: 'true' }, 'vlab demo: npm took --study as its own option: put -- before the demo\'s options, e.g. npm run demo -- --n 50 --exit'],
    [['50'], {}, `vlab demo: unexpected argument '50': npm passes the demo's options on only after -- (${USAGE}; --help says more)`],
  ] as const) {
    const run = demo([...args], env);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr, `${line}\n`);
  }
});

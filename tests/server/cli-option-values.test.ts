// A value the CLI refuses is one line in the words every verb uses, saying what was expected: `vlab wave create
// --target abc` got commander's "option '--target <n>' argument 'abc' is invalid. expected a positive integer"
// (walk-through 17), and `--complete-url prolific.com/x` was refused without the URL meant. Run in-process
// (vlab-in-process.ts): one program, no Node start-up per case.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { vlabInProcess } from '../analysis/vlab-in-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-option-values-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'vlab.sqlite');
const file = (name: string, content: string) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const data = file('data.csv', 'id,y,t\n1,1,0\n2,2,1\n3,2,0\n4,3,1\n');
const margins = file('margins.json', '{"t": {"0": 0.5, "1": 0.5}}');
const profiles = file('profiles.csv', 'id,chosen,regime,group\n1,1,a,g\n1,0,b,g\n2,0,a,h\n2,1,b,h\n');
const conjoint = ['--data', profiles, '--formula', 'chosen ~ regime', '--id', 'id'];

// Every numeric option of every verb, given a word: [arguments, the line expected].
const CASES: [string[], string][] = [
  [['wave', 'create', '--study', 'alliance-corrective-measures', '--target', 'abc', '--db', db], 'vlab wave create: --target must be an integer from 1 to 10000000 (got "abc")'],
  [['wave', 'create', '--study', 'alliance-corrective-measures', '--target', '0', '--db', db], 'vlab wave create: --target must be an integer from 1 to 10000000 (got "0")'],
  [['wave', 'update', 'SomeWave01', '--target', '1.5', '--db', db], 'vlab wave update: --target must be an integer from 1 to 10000000 (got "1.5")'],
  [['simulate', '--wave', 'SomeWave01', '--n', 'abc', '--base-url', 'http://127.0.0.1:9'], 'vlab simulate: --n must be an integer from 1 to 10000000 (got "abc")'],
  [['simulate', '--wave', 'SomeWave01', '--n', '5', '--concurrency', 'abc', '--base-url', 'http://127.0.0.1:9'], 'vlab simulate: --concurrency must be an integer from 1 to 1000 (got "abc")'],
  [['power', '--sd', '1', '--effect', 'abc', '--n', '50'], 'vlab power: --effect must be a non-zero number (got "abc")'],
  [['power', '--sd', 'abc', '--effect', '0.5', '--n', '50'], 'vlab power: --sd must be a positive number (got "abc")'],
  [['power', '--sd', '1', '--effect', '0.5', '--n', 'abc'], 'vlab power: --n must be a number of respondents per arm above 1 (got "abc")'],
  [['power', '--sd', '1', '--effect', '0.5', '--n', '50', '--n2', 'abc'], 'vlab power: --n2 must be a number of the second arm\'s respondents above 1, or solve (got "abc")'],
  [['power', '--sd', '1', '--effect', '0.5', '--power', 'abc'], 'vlab power: --power must be a number between 0 and 1 (got "abc")'],
  [['power', '--sd', '1', '--effect', '0.5', '--n', '50', '--alpha', 'abc'], 'vlab power: --alpha must be a number between 0 and 1 (got "abc")'],
  [['power', '--sd', '1', '--effect', '0.5', '--n', '50', '--arms', 'abc'], 'vlab power: --arms must be an integer of at least 2 (got "abc")'],
  [['power', '--p1', 'abc', '--p2', '0.5', '--n', '50'], 'vlab power: --p1 must be a proportion between 0 and 1 (got "abc")'],
  [['power', '--p1', '0.4', '--p2', 'abc', '--n', '50'], 'vlab power: --p2 must be a proportion between 0 and 1 (got "abc")'],
  [['power', '--study', 'alliance-corrective-measures', '--n', 'abc'], 'vlab power: --n must be an integer from 10 to 1000000 (got "abc")'],
  [['power', '--study', 'alliance-corrective-measures', '--n', '100', '--sims', 'abc'], 'vlab power: --sims must be an integer from 1 to 100000 (got "abc")'],
  [['rake', '--data', data, '--margins', margins, '--id', 'id', '--tolerance', 'abc'], 'vlab rake: --tolerance must be a positive number (got "abc")'],
  [['rake', '--data', data, '--margins', margins, '--id', 'id', '--max-iterations', 'abc'], 'vlab rake: --max-iterations must be a positive integer (got "abc")'],
  [['p-adjust', '--method', 'holm', '--n', 'abc'], 'vlab p-adjust: --n must be a whole number of tests, at least 1 (got "abc")'],
  [['fit', '--data', data, '--formula', 'y ~ t', '--alpha', 'abc'], 'vlab fit: --alpha must be a number between 0 and 1 (got "abc")'],
  [['dim', '--data', data, '--outcome', 'y', '--treatment', 't', '--alpha', 'abc'], 'vlab dim: --alpha must be a number between 0 and 1 (got "abc")'],
  [['amce', ...conjoint, '--alpha', 'abc'], 'vlab amce: --alpha must be a number between 0 and 1 (got "abc")'],
  [['mm', ...conjoint, '--h0', 'abc'], 'vlab mm: --h0 must be a number (got "abc")'],
  [['mm', ...conjoint, '--alpha', 'abc'], 'vlab mm: --alpha must be a number between 0 and 1 (got "abc")'],
  [['mm-diff', ...conjoint, '--by', 'group', '--alpha', 'abc'], 'vlab mm-diff: --alpha must be a number between 0 and 1 (got "abc")'],
  [['amce-diff', ...conjoint, '--by', 'group', '--alpha', 'abc'], 'vlab amce-diff: --alpha must be a number between 0 and 1 (got "abc")'],
  // The port is a setting of the server's configuration (PORT or --port), named both ways as config.ts names it.
  [['serve', '--port', 'abc', '--db', db], 'vlab serve: PORT (--port): expected a whole number from 0 to 65535, got "abc"'],
];

test('a word for a number is one line saying what was expected, for every numeric option of every verb, exit code 2', async () => {
  for (const [args, line] of CASES) {
    const run = await vlabInProcess(args);
    assert.equal(run.stderr, `${line}\n`, args.join(' '));
    assert.equal(run.status, 2, args.join(' '));
  }
});

test('vlab wave create --complete-url without its scheme suggests the https:// URL meant', async () => {
  const run = await vlabInProcess(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--complete-url', 'prolific.com/x', '--db', db]);
  assert.equal(run.stderr, 'vlab wave create: --complete-url: "prolific.com/x" is not an absolute URL (did you mean "https://prolific.com/x"?)\n');
  assert.equal(run.status, 2);
  // Nothing that would not be a link of a host: no suggestion.
  const word = await vlabInProcess(['wave', 'create', '--study', 'bus-line-funding', '--target', '5', '--complete-url', 'nope', '--db', db]);
  assert.equal(word.stderr, 'vlab wave create: --complete-url: "nope" is not an absolute URL\n');
});

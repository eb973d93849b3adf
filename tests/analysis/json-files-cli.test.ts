// The JSON files the analysis verbs read (--levels, --codebook, --margins, --probabilities), broken as a person
// editing them by hand breaks them: the error names the file, line and column and says what is wrong in the same
// words on every Node version (as a broken definition file does), never V8's "Unexpected token" message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { referenceFolder } from './support.ts';
import { vlabInProcess } from './vlab-in-process.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(join(tmpdir(), 'vlab-json-files-'));
const alliance = join(referenceFolder, 'alliance_long.csv');

/** `vlab ...args`, run in this process (vlab-in-process.ts); vlab-bin.test.ts checks the built command. */
function vlab(args: string[]) {
  return vlabInProcess(args);
}

function file(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

/** Exit 2, nothing on standard output, and exactly `line` on standard error. */
function assertRefused(result: { status: number | null; stdout: string; stderr: string }, line: string): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, `${line}\n`);
}

const fit = (option: string, path: string) => (vlab(['fit', '--data', alliance, '--formula', 'support ~ measure', option, path]));

test('a levels file with a trailing comma: file, line and column of the comma, and what to do', async () => {
  const path = file('levels-comma.json', '{\n  "measure": ["do_nothing", "public_criticism",]\n}\n');
  assertRefused(await fit('--levels', path), `vlab fit: ${path}:2:47: levels file is not valid JSON (a comma after the last item: JSON allows none; delete it)`);
});

test('a levels file with a missing comma and one with a comment: where, in words', async () => {
  const missing = file('levels-missing.json', '{\n  "measure": ["do_nothing"]\n  "regime": ["a"]\n}\n');
  assertRefused(await fit('--levels', missing), `vlab fit: ${missing}:3:3: levels file is not valid JSON (a comma is missing before this: items are separated by commas)`);
  const comment = file('levels-comment.json', '{\n  // reference first\n  "measure": ["do_nothing"]\n}\n');
  assert.match((await fit('--levels', comment)).stderr, new RegExp(`^vlab fit: ${comment}:2:3: levels file is not valid JSON \\(a comment: JSON has none`));
});

test('an empty codebook says it is empty and what it should hold, not that it is a definition', async () => {
  const path = file('codebook-empty.json', '');
  assertRefused(await fit('--codebook', path), `vlab fit: ${path}:1:1: codebook is not valid JSON (the file is empty: a codebook is one JSON object, { … })`);
  const blank = file('levels-blank.json', '\n  \n');
  assertRefused(await fit('--levels', blank), `vlab fit: ${blank}:3:1: levels file is not valid JSON (the file is empty: a levels file is one JSON object, { … })`);
});

test('a margins file cut short and a probabilities file in single quotes: the same form for every verb', async () => {
  const margins = file('margins-cut.json', '{"gender": {"female": 0.51, "male": 0.49}');
  const rake = await vlab(['rake', '--data', alliance, '--margins', margins, '--id', 'respondent_id']);
  assertRefused(rake, `vlab rake: ${margins}:1:42: margins file is not valid JSON (the file ends before the closing })`);
  const probabilities = file('probabilities-quotes.json', "{'measure': {}}");
  const freqs = await vlab(['freqs', '--data', alliance, '--formula', 'support ~ measure', '--probabilities', probabilities]);
  assertRefused(freqs, `vlab freqs: ${probabilities}:1:2: probabilities file is not valid JSON (unexpected \`'measure'\`: names and texts take double quotes; values are "text", numbers, true, false or null)`);
});

test('a levels file naming a column twice is refused with both places, not read as the last (attacker pass 37)', async () => {
  const path = file('levels-twice.json', '{\n  "measure": ["public_criticism", "do_nothing"],\n  "measure": ["do_nothing"]\n}\n');
  assertRefused(await fit('--levels', path), `vlab fit: ${path}:3:3: levels file: measure: given twice in one object (first at line 2, column 3): JSON keeps only the last, and the first would be dropped without a word; keep one`);
});

test('a levels file saved with a byte-order mark (Notepad) is read, as a definition file is', async () => {
  const path = file('levels-bom.json', '\uFEFF{"measure": ["do_nothing", "public_criticism", "economic_sanctions", "reduce_military_aid", "suspend_military_support"]}');
  const result = await fit('--levels', path);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /measurepublic_criticism/);
});

test('a folder given as a file says so in words, not in Node\'s "EISDIR: illegal operation on a directory, read"', async () => {
  assertRefused(await fit('--levels', scratch), `vlab fit: cannot read levels file ${scratch}: a folder, not a file`);
  // Two links that lead to each other: "ELOOP: too many symbolic links encountered, open …" before (attacker pass 37).
  symlinkSync('loop-b', join(scratch, 'loop-a'));
  symlinkSync('loop-a', join(scratch, 'loop-b'));
  const loop = join(scratch, 'loop-a');
  assertRefused(await vlab(['fit', '--data', loop, '--formula', 'support ~ measure']), `vlab fit: cannot read data file ${loop}: a link that leads back to itself`);
  assertRefused(await fit('--levels', loop), `vlab fit: cannot read levels file ${loop}: a link that leads back to itself`);
  assertRefused(await vlab(['fit', '--data', scratch, '--formula', 'y ~ x']), `vlab fit: cannot read data file ${scratch}: a folder, not a file`);
});

test('a file that is not JSON at all shows at most the start of what it found, not a whole long line', async () => {
  const path = file('levels-prose.json', `${'x'.repeat(5000)} and more\n`);
  assertRefused(await fit('--levels', path), `vlab fit: ${path}:1:1: levels file is not valid JSON (unexpected \`${'x'.repeat(40)}…\`: names and texts take double quotes; values are "text", numbers, true, false or null)`);
});

test('a levels file naming a column the data does not have is refused, with the column it was probably meant to be (it was ignored: another reference level, without a word)', async () => {
  const typo = file('levels-typo.json', '{"measur": ["public_criticism", "do_nothing"]}');
  assertRefused(await fit('--levels', typo), `vlab fit: levels file ${typo}: "measur" is not a column of the data (did you mean "measure"?); its level order would be ignored`);
  const dim = await vlab(['dim', '--data', alliance, '--outcome', 'support', '--treatment', 'measure', '--condition1', 'do_nothing', '--condition2', 'public_criticism', '--levels', typo]);
  assertRefused(dim, `vlab dim: levels file ${typo}: "measur" is not a column of the data (did you mean "measure"?); its level order would be ignored`);
  const unrelated = file('levels-unrelated.json', '{"name": ["a"], "measure": ["do_nothing", "public_criticism", "economic_sanctions", "reduce_military_aid", "suspend_military_support"]}');
  assertRefused(await fit('--levels', unrelated), `vlab fit: levels file ${unrelated}: "name" is not a column of the data; its level order would be ignored`);
});

// Attacker pass 30: a data, levels or codebook file that is a link to /dev/zero (a colleague's shared folder) was
// read without end: 1.0–1.8 GB in 15 s and still growing. A device is refused at once; a pipe (`--data <(…)`, a
// shell's `… | vlab fit --data /dev/stdin`) is still read.
test('a device given as a data, levels or codebook file is refused at once; a pipe is still read', async () => {
  const zero = join(scratch, 'zero.csv');
  symlinkSync('/dev/zero', zero);
  for (const [args, what] of [
    [['fit', '--data', zero, '--formula', 'y ~ x'], 'data file'],
    [['fit', '--data', alliance, '--formula', 'support ~ measure', '--levels', zero], 'levels file'],
    [['fit', '--data', alliance, '--formula', 'support ~ measure', '--codebook', zero], 'codebook'],
  ] as const) {
    const run = spawnSync(process.execPath, [join(repo, 'bin/vlab.js'), ...args], { encoding: 'utf8', cwd: repo, timeout: 15_000 });
    assert.equal(run.signal, null, `${what}: ended by itself, not by the 15 s timeout`);
    assertRefused({ stdout: run.stdout, stderr: run.stderr, status: run.status }, `vlab fit: cannot read ${what} ${zero}: a device, not a file`);
  }
  // A shell's pipe, as `--data <(…)` gives: `sh` runs `printf … | node bin/vlab.js fit --data /dev/stdin`.
  const piped = spawnSync('sh', ['-c', `printf 'y,x\\n1,0\\n2,1\\n4,2\\n5,3\\n' | "$0" bin/vlab.js fit --data /dev/stdin --formula 'y ~ x' --format csv`, process.execPath], {
    encoding: 'utf8',
    cwd: repo,
    timeout: 15_000,
  });
  assert.equal(piped.status, 0, piped.stderr);
  assert.match(piped.stdout, /^term,estimate,/);
});

// Attacker pass 31: `--data /dev/stdin` typed at a terminal with no pipe (the pipe forgotten) was refused as "a device,
// not a file": true, but it did not say that the device is the terminal or how to send the file in. Through a pty
// (util-linux's `script`, as in terminal-output.test.ts), stdin is that terminal.
test('/dev/stdin given at a terminal without a pipe is named as the terminal, with how to pipe a file in', async () => {
  for (const [args, what, suffix] of [
    [`fit --data /dev/stdin --formula 'y ~ x'`, 'data file', 'csv'],
    [`fit --data ${alliance} --formula 'support ~ measure' --levels /dev/stdin`, 'levels file', 'json'],
  ] as const) {
    const run = spawnSync('script', ['-qec', `"${process.execPath}" bin/vlab.js ${args}`, '/dev/null'], { encoding: 'utf8', cwd: repo, timeout: 15_000 });
    assert.equal(run.signal, null, 'ended by itself, not by the timeout');
    assert.equal(run.status, 2);
    assert.equal(
      run.stdout.replace(/\r\n/g, '\n'),
      `vlab fit: cannot read ${what} /dev/stdin: it is this terminal, so nothing was piped in; name the file instead, or pipe one in (… /dev/stdin < file.${suffix})\n`,
    );
  }
});

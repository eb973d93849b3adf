// A definitions folder is read at every `vlab` verb that needs it and at `vlab serve`'s start. Before (attacker pass
// 11) a study.json that was a link to /dev/zero grew the process to 2.7 GB and never ended, a FIFO blocked the read
// for ever (no writer ever came), and a 300 MB file took over 20 s and 1.7 GB: `vlab study list` and `vlab serve`
// hung, with every other study. Now each is a broken study in words, at once, and the others load.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadDefinitionFolder } from '../../server/storage/definition-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-hostile-defs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a study.json that is a device, a FIFO or a file over 4 MB is a broken study in words, read at once; the others load', () => {
  const defs = join(dir, 'definitions');
  cpSync('survey-definitions/bus-line-funding', join(defs, 'bus-line-funding'), { recursive: true });
  for (const name of ['zero', 'fifo', 'huge']) mkdirSync(join(defs, name), { recursive: true });
  symlinkSync('/dev/zero', join(defs, 'zero', 'study.json'));
  spawnSync('mkfifo', [join(defs, 'fifo', 'study.json')]);
  writeFileSync(join(defs, 'huge', 'study.json'), `{"id": "huge", "x": "${'a'.repeat(5 * 1024 * 1024)}"}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'study', 'list', '--db', join(dir, 'list.sqlite')], {
    encoding: 'utf8',
    env: { ...process.env, VLAB_DEFINITIONS: defs },
    timeout: 30_000,
  });
  assert.equal(run.signal, null, `study list was killed after ${Date.now() - started} ms (it hung)`);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout, /bus-line-funding\s+v1/);
  const all = run.stdout + run.stderr;
  assert.match(all, /fifo\/study\.json: cannot be read \(not a plain file but a FIFO\): a definition must be a regular file/);
  assert.match(all, /zero\/study\.json: cannot be read \(not a plain file but a device\): a definition must be a regular file/);
  assert.match(all, /huge\/study\.json: cannot be read \(5\.0 MB, over the 4 MB a definition file may hold\)/);
});

// Eight more factors of 20 levels on bus-line-funding: 102,400,000,000 cells. Before, the load enumerated them
// (vignetteSpace) and `vlab study list` ran past 60 s at 1.7 GB; `vlab serve` never started.
test('a vignette design of more than 100,000 cells is a broken study in words, at once', () => {
  const defs = join(dir, 'wide');
  cpSync('survey-definitions/bus-line-funding', join(defs, 'bus-line-funding'), { recursive: true });
  const file = join(defs, 'bus-line-funding', 'study.json');
  const study = JSON.parse(readFileSync(file, 'utf8'));
  for (let k = 0; k < 8; k++) {
    study.factors.push({ ...study.factors[0], name: `extra_${k}`, label: `Extra ${k}`, levels: Array.from({ length: 20 }, (_, i) => ({ code: `l${i}`, label: `L${i}`, text: { en: `t${i}`, es: `t${i}` } })) });
  }
  writeFileSync(file, JSON.stringify(study, null, 2));
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'study', 'list', '--db', join(dir, 'wide.sqlite')], { encoding: 'utf8', env: { ...process.env, VLAB_DEFINITIONS: defs }, timeout: 30_000 });
  assert.equal(run.signal, null, 'study list was killed after 30 s (it hung)');
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout + run.stderr, /study\.json:\d+:\d+: factors: the factors make 102,400,000,000 cells \(at most 100,000\), far more than respondents to fill them/);
});

// JSON.parse keeps a "__proto__" key as a field, and zod's record leaves it out without a word: a margin, a level
// share, a text's translation or a plan's direction under that name was dropped and the study loaded (attacker
// pass 17), where every other unknown name is refused. Now it is refused where it stands, in any definition file.
test('a "__proto__" key anywhere in a definition file is refused with its place, not dropped', () => {
  const cases: [file: string, from: string, to: string, expected: RegExp][] = [
    ['population-margins.json', '"female": 0.51,', '"__proto__": 0.1, "female": 0.51,', /population-margins\.json:5:\d+: margins\.gender: unknown field "__proto__"/],
    ['population-margins.json', '"margins": {', '"margins": { "__proto__": { "x": 1 },', /population-margins\.json:3:\d+: margins: unknown field "__proto__"/],
    ['simulation.json', '{', '{ "__proto__": {},', /simulation\.json:1:\d+: \(root\): unknown field "__proto__"/],
  ];
  for (const [file, from, to, expected] of cases) {
    const defs = join(dir, `proto-${file}-${cases.findIndex((c) => c[2] === to)}`);
    assert.match(brokenAfterEdit(defs, 'alliance-corrective-measures', file, from, to), expected);
  }
});

/** The first broken study's message once `from` is replaced by `to` in a copy of a shipped study's `file`; it must not load. */
function brokenAfterEdit(defs: string, study: string, file: string, from: string, to: string): string {
  cpSync(`survey-definitions/${study}`, join(defs, study), { recursive: true });
  const path = join(defs, study, file);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(path, text.replace(from, to));
  const { studies, broken } = loadDefinitionFolder(defs);
  assert.deepEqual(studies, [], `${file} with ${to}: loaded`);
  return broken[0]?.message ?? '';
}

// Two links that lead to each other (a folder reorganised with ln -s, a sync tool's loop) in the definitions folder:
// stat(2) fails with ELOOP, which the folder's read did not expect, so `vlab study list` and `vlab serve` ended in a
// stack trace; a study folder whose study.json was such a link was skipped without a word (attacker pass 37).
test('links that lead in a circle in the definitions folder are broken studies in words; the others load', () => {
  const defs = join(dir, 'circle');
  cpSync('survey-definitions/bus-line-funding', join(defs, 'bus-line-funding'), { recursive: true });
  symlinkSync('loop-b', join(defs, 'loop-a'));
  symlinkSync('loop-a', join(defs, 'loop-b'));
  mkdirSync(join(defs, 'inner'));
  symlinkSync('study.json', join(defs, 'inner', 'study.json'));
  const { studies, broken } = loadDefinitionFolder(defs);
  assert.deepEqual(studies.map((s) => s.id), ['bus-line-funding']);
  assert.deepEqual(broken.map((b) => b.message.replace(defs, '<defs>')).sort(), [
    '<defs>/inner/study.json: cannot be read (a link that leads back to itself)',
    '<defs>/loop-a: cannot be read (a link that leads back to itself)',
    '<defs>/loop-b: cannot be read (a link that leads back to itself)',
  ]);
});

// JSON.parse keeps the last of two members with one name, without a word: a researcher who wrote "questions" or a
// page's "elements" twice, or pasted a second "gender" margin, lost the first and the study loaded (attacker pass 36's
// leftover). Now the second is refused where it stands, with where the first is.
test('a key given twice in one object of a definition file is refused with both places, not read as the last', () => {
  const cases: [study: string, file: string, from: string, to: string, expected: RegExp][] = [
    ['bus-line-funding', 'study.json', '"version": 1,', '"version": 1,\n  "version": 2,', /^.*bus-line-funding\/study\.json:4:3: version: given twice in one object \(first at line 3, column 3\): JSON keeps only the last, and the first would be dropped without a word; keep one$/],
    ['bus-line-funding', 'study.json', '"isRequired": true,', '"isRequired": true, "isRequired": false,', /study\.json:100:33: pages\.pretreatment\[0\]\.elements\[0\]\.isRequired: given twice in one object \(first at line 100, column 13\)/],
    ['alliance-corrective-measures', 'population-margins.json', '"gender": { "female": 0.51, "male": 0.49 },', '"gender": { "female": 0.51, "male": 0.49 }, "gender": { "female": 0.5 },', /population-margins\.json:5:49: margins\.gender: given twice in one object \(first at line 5, column 5\)/],
  ];
  for (const [i, [study, file, from, to, expected]] of cases.entries()) {
    assert.match(brokenAfterEdit(join(dir, `twice-${i}`), study, file, from, to), expected);
  }
});

// 200 KB of brackets: the check for unstorable text copied each value's whole path at every level, so its time grew
// with the square of the depth (20,000 deep: 25 s; 100,000: past 100 s), and `vlab study list` and `vlab serve`
// hung on such a study.json (attacker pass 17).
test('a study.json nested 100,000 deep is a broken study in words, at once', () => {
  const defs = join(dir, 'deep');
  mkdirSync(join(defs, 'deep'), { recursive: true });
  const depth = 100_000;
  writeFileSync(join(defs, 'deep', 'study.json'), `{"id": "deep", "x": ${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'study', 'list', '--db', join(dir, 'deep.sqlite')], {
    encoding: 'utf8',
    env: { ...process.env, VLAB_DEFINITIONS: defs },
    timeout: 30_000,
  });
  console.log(`study.json nested ${depth} deep: study list ${run.signal ? `killed by ${run.signal}` : `exit ${run.status}`} after ${Date.now() - started} ms`);
  assert.equal(run.signal, null, `study list was killed after ${Date.now() - started} ms (it hung)`);
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stdout + run.stderr, /deep\/study\.json:1:\d+: x\[0\]\[0\].*: .*NUL/s);
});

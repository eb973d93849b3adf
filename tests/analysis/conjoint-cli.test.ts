// `vlab amce`, `mm`, `mm-diff` and `freqs`: the same numbers as the estimators (and cregg's, for mm-diff on its
// immigration data), cregg's columns in csv/json/table, --out, and every user mistake as one line with exit 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { amce, rowsFromCsv } from '../../analysis/index.ts';
import { assertCloseToR, referenceRows, referenceText } from './support.ts';
import { vlabInProcess } from './vlab-in-process.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const small = join(here, 'fixtures', 'conjoint_small.csv');
const scratch = mkdtempSync(join(tmpdir(), 'vlab-conjoint-cli-'));
const levelsFile = join(scratch, 'levels.json');
const levels = { regime: ['democracy', 'autocracy', 'hybrid'], troops: ['none', 'stationed'], behaviour: ['cooperate', 'criticise', 'evict'], party: ['dem', 'rep'] };
writeFileSync(levelsFile, JSON.stringify(levels));

/** `vlab ...args`, run in this process (vlab-in-process.ts); vlab-bin.test.ts checks the built command. */
function vlab(args: string[]) {
  return vlabInProcess(args);
}

const CREGG_COLUMNS = 'outcome,statistic,feature,level,estimate,std_error,z,p,lower,upper,df';

test('vlab amce --format csv prints cregg\'s columns with the estimator\'s numbers; json carries the summary', async () => {
  const args = ['amce', '--data', small, '--formula', 'rating ~ regime + troops * behaviour', '--id', 'id', '--weights', 'w', '--levels', levelsFile, '--se-type', 'cregg'];
  const csv = await vlab([...args, '--format', 'csv']);
  assert.equal(csv.status, 0, csv.stderr);
  assert.equal(csv.stdout.split('\n')[0], CREGG_COLUMNS);
  const direct = amce({ formula: 'rating ~ regime + troops * behaviour', rows: rowsFromCsv(readFileSync(small, 'utf8')), id: 'id', weights: 'w', levels, seType: 'cregg' });
  const printed = rowsFromCsv(csv.stdout);
  assert.deepEqual(printed.map((r) => r.level), direct.estimates.map((r) => r.level));
  assert.equal(printed[0].std_error, 'NA');
  printed.forEach((row, k) => assert.equal(row.estimate, direct.estimates[k].estimate));
  const json = JSON.parse((await vlab([...args, '--format', 'json'])).stdout) as { nobs: number; dropped: number; respondents: number; se_type: string; estimates: unknown[] };
  assert.deepEqual([json.nobs, json.dropped, json.respondents, json.se_type, json.estimates.length], [direct.nobs, direct.nDropped, 150, 'cregg', 8]);
  const table = await vlab([...args]);
  assert.match(table.stdout, /^outcome\s+statistic\s+feature\s+level\s+estimate/);
  assert.match(table.stdout, /nobs \d+, dropped \d+, respondents 150, se_type cregg\n/);
  // Walk-through 28: the df column's NA (cregg's errors have no degrees of freedom) said what it means.
  assert.match(table.stdout, /\ndf NA: the intervals and p-values are normal \(z\), as cregg's\n$/);
});

test('vlab mm-diff on cregg\'s immigration data equals cregg::mm_diffs; --out writes the file', async () => {
  const data = join(scratch, 'immigration.csv');
  writeFileSync(data, referenceText('conjoint/immigration_conjoint.csv.gz'));
  const expected = referenceRows('conjoint/immigration_mm_diffs_ethno.expected.csv');
  const order: Record<string, string[]> = { ethno_high: ['low', 'high'] };
  for (const row of expected) (order[row.feature as string] ??= []).push(row.level as string);
  const orderFile = join(scratch, 'immigration-levels.json');
  writeFileSync(orderFile, JSON.stringify(order));
  const out = join(scratch, 'diffs.csv');
  const result = await vlab(['mm-diff', '--data', data, '--formula', 'ChosenImmigrant ~ Gender + LanguageSkills + PriorEntry', '--id', 'CaseID', '--by', 'ethno_high', '--levels', orderFile, '--format', 'csv', '--out', out]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, `vlab mm-diff: wrote ${out}\n`);
  const printed = rowsFromCsv(readFileSync(out, 'utf8'));
  assert.equal(printed.length, expected.length);
  printed.forEach((row, k) => {
    assert.equal(row.BY, expected[k].BY);
    for (const column of ['estimate', 'std_error', 'z', 'p', 'lower', 'upper']) {
      assertCloseToR(row[column] as number, Number(expected[k][column]), `${expected[k].level} ${column}`, column === 'p');
    }
  });
});

test('vlab mm --h0 and --by; vlab freqs with design probabilities', async () => {
  const mm = await vlab(['mm', '--data', small, '--formula', 'chosen ~ troops', '--id', 'id', '--by', 'party', '--h0', '0.5', '--format', 'csv']);
  assert.equal(mm.status, 0, mm.stderr);
  assert.equal(mm.stdout.split('\n')[0], `BY,${CREGG_COLUMNS}`);
  assert.equal(rowsFromCsv(mm.stdout).length, 4);
  const probabilities = join(scratch, 'probabilities.json');
  writeFileSync(probabilities, JSON.stringify({ regime: { democracy: 0.4, autocracy: 0.3, hybrid: 0.3 } }));
  const freqs = await vlab(['freqs', '--data', small, '--formula', '~ regime + troops', '--probabilities', probabilities, '--format', 'csv']);
  assert.equal(freqs.status, 0, freqs.stderr);
  const rows = rowsFromCsv(freqs.stdout);
  assert.deepEqual(rows.map((r) => [r.level, r.probability]), [['democracy', 0.4], ['autocracy', 0.3], ['hybrid', 0.3], ['none', 0.5], ['stationed', 0.5]]);
});

test('vlab freqs takes the design probabilities from the export\'s <feature>_probability columns when --probabilities is not given', async () => {
  // As profiles-csv writes them: a restriction makes "stationed" 6/11, not the uniform 1/2. Before, freqs
  // compared with 1/2 unless a JSON file was written by hand, and flagged a sound randomization.
  const lines = ['regime,troops,regime_probability,troops_probability'];
  for (let i = 0; i < 22; i++) {
    const troops = i < 12 ? 'stationed' : 'none';
    lines.push(`${i % 2 ? 'democracy' : 'autocracy'},${troops},0.5,${troops === 'stationed' ? 6 / 11 : 5 / 11}`);
  }
  const data = join(scratch, 'profiles-with-probabilities.csv');
  writeFileSync(data, `${lines.join('\n')}\n`);
  const run = await vlab(['freqs', '--data', data, '--formula', '~ regime + troops', '--format', 'csv']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(rowsFromCsv(run.stdout).map((r) => [r.level, r.probability]),
    [['autocracy', 0.5], ['democracy', 0.5], ['none', 5 / 11], ['stationed', 6 / 11]]);
  assert.equal(run.stderr, 'vlab freqs: design probabilities from the columns regime_probability, troops_probability (--probabilities FILE overrides them)\n');
  // A column that differs within a level is not a design probability: said, not guessed.
  writeFileSync(data, 'regime,regime_probability\ndemocracy,0.5\ndemocracy,0.4\nautocracy,0.5\n');
  const mixed = await vlab(['freqs', '--data', data, '--formula', '~ regime']);
  assert.equal(mixed.status, 2);
  assert.equal(mixed.stderr, 'vlab freqs: regime_probability differs between rows of level "democracy" (0.5, 0.4): give the design probabilities with --probabilities FILE\n');
  // A level the design has but the data never showed (a small wave, a rare level): its probability is missing.
  writeFileSync(data, 'behavior,behavior_probability\ncooperate,0.5\ncriticise,0.25\ncooperate,0.5\n');
  const unseen = await vlab(['freqs', '--data', data, '--formula', '~ behavior']);
  assert.equal(unseen.status, 2);
  assert.equal(unseen.stderr, 'vlab freqs: the levels of "behavior" in the data carry probability 0.75 in behavior_probability, not 1: a level of the design never shown? Give every level\'s probability with --probabilities FILE\n');
});

test('vlab amce --by task (carryover check) and vlab amce-diff', async () => {
  const byTask = await vlab(['amce', '--data', small, '--formula', 'chosen ~ regime + troops', '--id', 'id', '--by', 'task', '--se-type', 'cregg', '--format', 'csv']);
  assert.equal(byTask.status, 0, byTask.stderr);
  assert.deepEqual([...new Set(rowsFromCsv(byTask.stdout).map((r) => r.BY))], [1, 2, 3]);
  // Without --levels or --codebook the order is alphabetical, and stderr says so (walk-through 16).
  assert.equal(byTask.stderr, "vlab amce: levels in alphabetical order, the first of each the reference (as R's factor()); --codebook codebook.json (vlab export --format codebook) takes the study's order\n");
  const diff = await vlab(['amce-diff', '--data', small, '--formula', 'chosen ~ regime + troops', '--id', 'id', '--by', 'party', '--format', 'csv']);
  assert.equal(diff.status, 0, diff.stderr);
  assert.deepEqual(rowsFromCsv(diff.stdout).map((r) => `${r.BY} ${r.feature} ${r.level}`), ['rep - dem regime democracy', 'rep - dem regime hybrid', 'rep - dem troops stationed']);
  const constrained = await vlab(['amce-diff', '--data', small, '--formula', 'chosen ~ troops * behaviour', '--id', 'id', '--by', 'party']);
  assert.equal(constrained.status, 2);
  assert.match(constrained.stderr, /^vlab amce-diff: amce_diffs: constrained designs/);
});

test('the estimators\' warnings go to stderr, as vlab fit\'s: a declared level no profile shows (exit 0, the rows unchanged)', async () => {
  const extra = join(scratch, 'levels-extra.json');
  writeFileSync(extra, JSON.stringify({ ...levels, regime: [...levels.regime, 'monarchy'] }));
  const args = ['--data', small, '--formula', 'rating ~ regime + troops', '--id', 'id', '--format', 'csv'];
  for (const verb of ['amce', 'mm']) {
    const run = await vlab([verb, ...args, '--levels', extra]);
    assert.equal(run.status, 0, run.stderr);
    // The verb names the estimator once: not `vlab amce: warning: amce: …` (until 2026-12-04).
    assert.equal(run.stderr, `vlab ${verb}: warning: feature "regime": no complete row shows "monarchy", so it has no estimate (R's model frame drops unused levels)\n`);
    assert.equal(run.stdout, (await vlab([verb, ...args, '--levels', levelsFile])).stdout);
  }
  // amce_diffs names itself with an underscore: left out all the same.
  const diff = await vlab(['amce-diff', ...args, '--by', 'party', '--levels', extra]);
  assert.equal(diff.status, 0, diff.stderr);
  assert.equal(diff.stderr, `vlab amce-diff: warning: feature "regime": no complete row shows "monarchy", so it has no estimate (R's model frame drops unused levels)\n`);
});

test('--codebook of a conjoint wave declares the features\' levels: they live in its profiles.columns (profiles-csv\'s columns)', async () => {
  // Until 2026-12-04 only the wide file's `columns` were read: a conjoint wave's features (not columns of the wide
  // file) fell back to code-point order, so `vlab amce --codebook` took "autocracy" as regime's reference where the
  // plan, the dashboard and --levels take "democracy" (researcher pass 10).
  const level = (value: string) => ({ value, label: value.toUpperCase() });
  const codebook = join(scratch, 'conjoint-codebook.json');
  writeFileSync(codebook, JSON.stringify({
    columns: [{ name: 'party', type: 'categorical', levels: levels.party.map(level) }],
    profiles: { columns: Object.entries(levels).map(([name, values]) => ({ name, type: 'categorical', levels: values.map(level) })) },
  }));
  for (const verb of ['amce', 'mm']) {
    const args = [verb, '--data', small, '--formula', 'rating ~ regime + troops', '--id', 'id', '--format', 'csv'];
    const declared = await vlab([...args, '--codebook', codebook]);
    assert.equal(declared.status, 0, declared.stderr);
    assert.equal(declared.stdout, (await vlab([...args, '--levels', levelsFile])).stdout, verb);
    assert.equal(rowsFromCsv(declared.stdout)[0]!.level, 'democracy');
  }
});

// A profiles.csv whose levels are coded "01", "02" (a researcher's numbering): read by guess, as read.csv guesses,
// they were the numbers 1 and 2, so --levels or --codebook naming "01" and "02" was refused ("troops" has the value
// "2", which is not among its declared levels) and without them the rows read "1" and "2" (attacker pass 37). A
// column whose declared levels are not numbers as R prints them is read as text; fit and freqs read so too.
test('declared levels coded "01", "02" or "+1": the column is read as text, as the study codes it', async () => {
  const coded = join(scratch, 'coded.csv');
  writeFileSync(coded, readFileSync(small, 'utf8').replace(/,"none",/g, ',"01",').replace(/,"stationed",/g, ',"02",'));
  const codedLevels = join(scratch, 'coded-levels.json');
  writeFileSync(codedLevels, JSON.stringify({ ...levels, troops: ['01', '02'] }));
  const args = ['--data', coded, '--formula', 'rating ~ regime + troops', '--id', 'id', '--format', 'csv'];
  const declared = await vlab(['amce', ...args, '--levels', codedLevels]);
  assert.equal(declared.status, 0, declared.stderr);
  const original = await vlab(['amce', ...args.map((a) => (a === coded ? small : a)), '--levels', levelsFile]);
  assert.equal(declared.stdout, original.stdout.replace(/,none,/g, ',01,').replace(/,stationed,/g, ',02,'));
  const fitted = await vlab(['fit', '--data', coded, '--formula', 'rating ~ troops', '--levels', codedLevels, '--format', 'csv']);
  assert.equal(fitted.status, 0, fitted.stderr);
  assert.deepEqual(rowsFromCsv(fitted.stdout).map((r) => r.term), ['(Intercept)', 'troops02']);
});

test('user mistakes: exit 2, one line naming the verb and the problem, no stack trace', async () => {
  const base = ['--data', small, '--id', 'id'];
  const cases: [string[], RegExp][] = [
    // Newcomer pass 17: a misspelt feature got no "did you mean", where vlab fit and the plan checks give one.
    [['amce', ...base, '--formula', 'rating ~ regim'], /^vlab amce: formula "rating ~ regim": "regim" is not a data column \(did you mean "regime"\? /],
    [['amce', '--data', small, '--formula', 'rating ~ regime'], /^vlab amce: required option '--id <column>' not specified/],
    [['amce', ...base, '--formula', 'rating ~ regime', '--se-type', 'HC9'], /^vlab amce: unknown se type "HC9"/],
    [['amce', ...base, '--formula', 'rating ~ regime', '--alpha', '5'], /^vlab amce: --alpha must be a number between 0 and 1/],
    [['amce', ...base, '--formula', 'rating ~ regime', '--format', 'xml'], /^vlab amce: unknown format "xml"/],
    [['amce', '--data', join(scratch, 'nope.csv'), '--id', 'id', '--formula', 'rating ~ regime'], /^vlab amce: cannot read data file .*no such file/],
    [['amce', ...base, '--formula', 'party ~ regime'], /^vlab amce: outcome column "party" is not numeric/],
    [['mm', ...base, '--formula', 'rating ~ regime', '--h0', 'half'], /^vlab mm: --h0 must be a number/],
    [['mm', ...base, '--formula', 'rating ~ regim'], /^vlab mm: formula "rating ~ regim": "regim" is not a data column \(did you mean "regime"\? /],
    [['mm-diff', ...base, '--formula', 'rating ~ regime'], /^vlab mm-diff: required option '--by <column>' not specified/],
    [['mm-diff', ...base, '--formula', 'rating ~ regime', '--by', 'nation'], /^vlab mm-diff: mm_diffs: by references unknown column "nation"/],
    [['freqs', '--data', small, '--formula', '~ regime', '--probabilities', levelsFile], /^vlab freqs: probabilities of "regime" must be an object/],
    [['freqs', '--data', small, '--formula', '~ regime + nation'], /^vlab freqs: formula references unknown column "nation"/],
  ];
  for (const [args, message] of cases) {
    const result = await vlab(args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message, args.join(' '));
    // The verb names the function once: `vlab amce: amce: …` repeated it (the newcomer pass, 2026-12-04).
    assert.doesNotMatch(result.stderr, /^vlab ([\w-]+): \1: /, args.join(' '));
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
  assert.ok(!existsSync(join(scratch, 'nope.csv')));
});

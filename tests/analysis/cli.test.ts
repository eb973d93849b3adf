// The analysis verbs of `vlab`, driven as a user would: spawn bin/vlab.js, read stdout, stderr and the exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rowsFromCsv } from '../../analysis/index.ts';
import { referenceFolder } from './support.ts';
import { vlabInProcess } from './vlab-in-process.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ref = (file: string) => join(referenceFolder, file);
const scratch = mkdtempSync(join(tmpdir(), 'vlab-cli-'));

/**
 * `vlab ...args` in this process (vlab-in-process.ts: the same program without a Node start per call), or, for
 * p-adjust's `input` on stdin, spawned as the user runs it. tests/scripts/vlab-bin.test.ts checks the built command.
 */
async function vlab(args: string[], input?: string): Promise<{ stdout: string; stderr: string; status: number | null }> {
  if (input === undefined) return vlabInProcess(args);
  const result = spawnSync(process.execPath, [join(repo, 'bin/vlab.js'), ...args], { input, encoding: 'utf8', cwd: repo });
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

function assertUsageError(result: Awaited<ReturnType<typeof vlab>>, message: string | RegExp): void {
  assert.equal(result.status, 2, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr, got:\n${result.stderr}`);
  if (typeof message === 'string') assert.equal(lines[0], message);
  else assert.match(lines[0], message);
}

test('fit prints the tidy table as CSV with full precision, equal to R', async () => {
  const result = await vlab(['fit', '--data', ref('mtcars.csv'), '--formula', 'mpg ~ hp + wt', '--format', 'csv']);
  assert.equal(result.status, 0, result.stderr);
  const got = rowsFromCsv(result.stdout);
  const expected = rowsFromCsv(readFileSync(ref('mtcars_hc2.expected.csv'), 'utf8'));
  assert.deepEqual(got.map((r) => r.term), expected.map((r) => r.term));
  got.forEach((row, i) => {
    for (const column of ['estimate', 'std_error', 'p_value', 'conf_low', 'df']) {
      const want = expected[i][column] as number;
      assert.ok(Math.abs((row[column] as number) - want) <= 1e-9 * Math.abs(want), `${row.term} ${column}`);
    }
  });
  // Round-trip precision: more digits than the 6 of the table format.
  assert.match(result.stdout, /37\.22727011644\d+/);
});

test('fit with levels, clusters and the default table and JSON formats', async () => {
  const levels = join(scratch, 'levels.json');
  writeFileSync(levels, JSON.stringify({ measure: ['do_nothing', 'public_criticism', 'economic_sanctions', 'reduce_military_aid', 'suspend_military_support'] }));
  const args = ['fit', '--data', ref('alliance_long.csv'), '--formula', 'support ~ measure', '--levels', levels, '--clusters', 'respondent_id'];
  const table = await vlab(args);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /^term\s+estimate\s+std_error/);
  assert.match(table.stdout, /measurepublic_criticism\s+0\.930456\s+0\.039606/);
  assert.match(table.stdout, /nobs 6255, dropped 0, se_type CR2, clusters 1251/);
  const json = JSON.parse((await vlab([...args, '--format', 'json'])).stdout);
  assert.equal(json.nobs, 6255);
  assert.equal(json.estimates[1].term, 'measurepublic_criticism');
  assert.ok(Math.abs(json.estimates[1].std_error - 0.0396059700486361) < 1e-12);
});

test('dim, rake, p-adjust and power print their results', async () => {
  const dim = await vlab(['dim', '--data', ref('alliance.csv'), '--outcome', 'economic_sanctions', '--treatment', 'violated', '--format', 'csv']);
  assert.equal(dim.status, 0, dim.stderr);
  const [row] = rowsFromCsv(dim.stdout);
  assert.equal(row.term, 'violated');
  assert.ok(Math.abs((row.df as number) - 364.308355924009) < 1e-6);

  const rake = await vlab(['rake', '--data', ref('alliance.csv'), '--margins', ref('rake_margins.json'), '--id', 'respondent_id']);
  assert.equal(rake.status, 0, rake.stderr);
  const weights = rowsFromCsv(rake.stdout);
  assert.equal(weights.length, 1502);
  assert.deepEqual(Object.keys(weights[0]), ['respondent_id', 'weight']);
  assert.equal(weights[0].respondent_id, 'r00001');
  assert.ok(Math.abs((weights[0].weight as number) - 1.09648904525007) < 1e-9);

  const adjusted = await vlab(['p-adjust', '--method', 'BH'], '0.01\n0.04\n0.03\n');
  assert.equal(adjusted.status, 0, adjusted.stderr);
  assert.deepEqual(adjusted.stdout.trim().split('\n').map(Number), [0.03, 0.04, 0.04]);
  // NaN and NA lines are kept as R keeps them (p.adjust(c(0.01, NaN, NA, 0.04, 0.03), "BH"): 0.03 NaN NA 0.04 0.04).
  const missing = await vlab(['p-adjust', '--method', 'BH'], '0.01\nNaN\nNA\n0.04\n0.03\n');
  assert.equal(missing.status, 0, missing.stderr);
  assert.equal(missing.stdout, '0.03\nNaN\nNA\n0.04\n0.04\n');
  // --n, R's n: a family of 6 tests of which three p-values are given (p.adjust(c(0.01, NA, 0.04, 0.03), "BH", n = 6):
  // 0.06 NA 0.08 0.08; "holm", n = 6: 0.06 NA 0.16 0.15).
  const family = await vlab(['p-adjust', '--method', 'BH', '--n', '6'], '0.01\nNA\n0.04\n0.03\n');
  assert.equal(family.status, 0, family.stderr);
  assert.deepEqual(family.stdout.trim().split('\n').map(Number), [0.06, NaN, 0.08, 0.08]);
  assert.equal((await vlab(['p-adjust', '--method', 'holm', '--n', '6'], '0.01\nNA\n0.04\n0.03\n')).stdout, '0.06\nNA\n0.16\n0.15\n');

  const power = await vlab(['power', '--effect', '0.5', '--sd', '1', '--power', '0.8', '--format', 'csv']);
  assert.equal(power.status, 0, power.stderr);
  const [result] = rowsFromCsv(power.stdout);
  assert.ok(Math.abs((result.n_per_arm as number) - 63.7657637142739) < 1e-4);
  assert.equal(result.n_total, 2 * (result.n_per_arm as number));
});

test('rake --margins takes a study\'s population-margins.json as it is, answers without a population share as the plan does', async () => {
  const study = join(repo, 'survey-definitions/alliance-corrective-measures/population-margins.json');
  const plain = await vlab(['rake', '--data', ref('alliance.csv'), '--margins', ref('rake_margins.json'), '--id', 'respondent_id']);
  const fromStudy = await vlab(['rake', '--data', ref('alliance.csv'), '--margins', study, '--id', 'respondent_id']);
  // Before: "rake: margins references unknown column "source"". The shares are those of rake_margins.json (R's).
  assert.equal(fromStudy.status, 0, fromStudy.stderr);
  assert.equal(fromStudy.stdout, plain.stdout);

  // Two respondents of 1502 answer "nonbinary" (no population share): they keep 2/1502 of the weight and the
  // census's female and male shares divide the rest (raking-margins.ts, replicate.R).
  const lines = readFileSync(ref('alliance.csv'), 'utf8').trimEnd().split('\n');
  const nonbinary = lines.map((line, i) => (i === 5 || i === 9 ? line.replace(',"male",', ',"nonbinary",').replace(',"female",', ',"nonbinary",') : line));
  assert.equal(nonbinary.filter((line) => line.includes('"nonbinary"')).length, 2);
  const data = join(scratch, 'alliance-nonbinary.csv');
  writeFileSync(data, nonbinary.join('\n') + '\n');
  const margins = JSON.parse(readFileSync(ref('rake_margins.json'), 'utf8')) as Record<string, Record<string, number>>;
  const p = 2 / 1502;
  margins.gender = { female: 0.51 * (1 - p), male: 0.49 * (1 - p), nonbinary: p };
  const explicit = join(scratch, 'margins-nonbinary.json');
  writeFileSync(explicit, JSON.stringify(margins));
  const expected = await vlab(['rake', '--data', data, '--margins', explicit, '--id', 'respondent_id']);
  const got = await vlab(['rake', '--data', data, '--margins', study, '--id', 'respondent_id']);
  assert.equal(got.status, 0, got.stderr);
  const weights = (out: string) => rowsFromCsv(out).map((row) => row.weight as number);
  const want = weights(expected.stdout);
  assert.equal(want.length, 1502);
  weights(got.stdout).forEach((w, i) => assert.ok(Math.abs(w - want[i]!) < 1e-12, `row ${i + 1}`));
});

test('dim --weights: weighted block-clustered equals estimatr; matched pairs with weights are a usage error', async () => {
  const fixtures = new URL('./fixtures/', import.meta.url);
  const read = (file: string) => rowsFromCsv(readFileSync(new URL(file, fixtures), 'utf8'));
  const calls = read('dim_weights.calls.csv');
  const caseRows = (name: string) => {
    const id = calls.find((call) => call.name === name)!.id;
    const lines = readFileSync(new URL('dim_weights.csv', fixtures), 'utf8').trimEnd().split('\n');
    const file = join(scratch, `dim-weights-${id}.csv`);
    writeFileSync(file, [lines[0], ...lines.slice(1).filter((line) => line.split(',')[0] === String(id))].join('\n') + '\n');
    return { id, file };
  };
  const { id, file } = caseRows('block-clustered');
  // R: tidy(difference_in_means(y ~ z, d, weights = w, blocks = b, clusters = g)) (tests/analysis/r/difference-in-means-weights.R)
  const dim = await vlab(['dim', '--data', file, '--outcome', 'y', '--treatment', 'z', '--blocks', 'b', '--clusters', 'g', '--weights', 'w', '--format', 'json']);
  assert.equal(dim.status, 0, dim.stderr);
  const printed = JSON.parse(dim.stdout);
  assert.equal(printed.design, 'Block-clustered (weighted)');
  const want = read('dim_weights.expected.csv').find((row) => row.id === id)!;
  for (const [ours, r] of [['estimate', 'estimate'], ['std_error', 'std.error'], ['p_value', 'p.value'], ['df', 'df']]) {
    const value = want[r] as number;
    assert.ok(Math.abs(printed.estimates[0][ours] - value) <= 1e-8 * Math.abs(value), `${ours}: ${printed.estimates[0][ours]} vs ${value}`);
  }
  const pairs = caseRows('refused: matched pairs');
  assertUsageError(
    (await vlab(['dim', '--data', pairs.file, '--outcome', 'y', '--treatment', 'z', '--blocks', 'b', '--weights', 'w'])),
    'vlab dim: differenceInMeans: weights column "w" cannot be used with matched pairs (a block of two units), as estimatr refuses it',
  );
});

test('dim --levels: the declared treatment levels pick control and treatment, other values are dropped, as R', async () => {
  const levels = join(scratch, 'behavior-levels.json');
  writeFileSync(levels, JSON.stringify({ behavior: ['threaten_exit', 'control'] }));
  const dim = await vlab(['dim', '--data', ref('alliance.csv'), '--outcome', 'contribution', '--treatment', 'behavior', '--blocks', 'regime', '--levels', levels, '--format', 'csv']);
  assert.equal(dim.status, 0, dim.stderr);
  const [row] = rowsFromCsv(dim.stdout);
  // R: d$behavior <- factor(d$behavior, levels = c("threaten_exit", "control"))
  //    tidy(difference_in_means(contribution ~ behavior, blocks = regime, data = d))
  assert.equal(row.term, 'behaviorcontrol');
  const want = { estimate: 0.311514117326825, std_error: 0.0879951329544044, p_value: 0.000437530588555413, df: 497 };
  for (const [column, value] of Object.entries(want)) {
    assert.ok(Math.abs((row[column] as number) - value) <= 1e-9 * value, `${column}: ${row[column]} vs ${value}`);
  }
});

test('fit --codebook reads level orders from an exported codebook; numeric choices stay numbers', async () => {
  const codebook = join(scratch, 'codebook.json');
  writeFileSync(codebook, JSON.stringify({
    columns: [
      { name: 'regime', role: 'design', type: 'categorical', levels: [{ value: 'democracy', label: 'D' }, { value: 'autocracy', label: 'A' }] },
      { name: 'support', role: 'answer', type: 'categorical', levels: [1, 2, 3, 4, 5].map((value) => ({ value, label: String(value) })) },
    ],
  }));
  const args = ['fit', '--data', ref('alliance_long.csv'), '--formula', 'support ~ regime', '--format', 'csv'];
  // Without levels the order is sorted (autocracy first); the codebook puts democracy first, as the study does.
  const [, declared] = rowsFromCsv((await vlab([...args, '--codebook', codebook])).stdout);
  const [, plain] = rowsFromCsv((await vlab(args)).stdout);
  assert.equal(declared.term, 'regimeautocracy');
  assert.equal(plain.term, 'regimedemocracy');
  assert.ok(Math.abs((declared.estimate as number) + (plain.estimate as number)) < 1e-12);
});

test('power: --sd and --n alone give the minimum detectable effect at 80% power, per arm; a negative effect as R', async () => {
  const mde = await vlab(['power', '--sd', '1', '--n', '500', '--format', 'csv']);
  assert.equal(mde.status, 0, mde.stderr);
  const [row] = rowsFromCsv(mde.stdout);
  // R: power.t.test(n = 500, power = .8, tol = 1e-12)$delta
  assert.ok(Math.abs((row.effect as number) - 0.177358539524281) < 1e-10);
  assert.equal(row.n_per_arm, 500);
  assert.equal(row.power, 0.8);
  // R: power.t.test(n = 30, delta = -.5)$power
  const [negative] = rowsFromCsv((await vlab(['power', '--sd', '1', '--n', '30', '--effect', '-0.5', '--format', 'csv'])).stdout);
  assert.ok(Math.abs((negative.power as number) - 0.477840985940939) < 1e-10);
  assert.match((await vlab(['power', '--sd', '1', '--n', '500'])).stdout, /^\s*effect\s+sd\s+n_per_arm\s+n_total\s+power/);
});

// Walk-through 28: the table prints the solved n as R does (393.407, 1564.67), which a newcomer read as the number to
// recruit. A line under the table (not in CSV or JSON) says the whole number to field.
test('vlab power says the n to field, rounded up, under a table that solved for n (t test, proportions, Cohen\'s h), and only then', async () => {
  // R: power.t.test(delta = .2, sd = 1, power = .8)$n = 393.4067; power.prop.test(p1 = .5, p2 = .55, power = .8)$n =
  // 1564.672; pwr::pwr.2p.test(h = .1, power = .8)$n = 1569.772 (Rscript tests/analysis/r/power-to-field.R)
  assert.match((await vlab(['power', '--effect', '0.2', '--sd', '1', '--power', '0.8'])).stdout, /393\.407 .*\nto field: 394 respondents per arm \(n rounded up\), 788 in all\n$/);
  assert.match((await vlab(['power', '--p1', '0.5', '--p2', '0.55', '--power', '0.8'])).stdout, /1564\.67 .*\nto field: 1,565 respondents per group \(n rounded up\), 3,130 in all\n$/);
  assert.match((await vlab(['power', '--h', '0.1', '--power', '0.8'])).stdout, /1569\.77 .*\nto field: 1,570 respondents per group \(n rounded up\), 3,140 in all\n$/);
  assert.doesNotMatch((await vlab(['power', '--effect', '0.2', '--sd', '1', '--n', '100'])).stdout, /to field/);
  assert.doesNotMatch((await vlab(['power', '--effect', '0.2', '--sd', '1', '--power', '0.8', '--format', 'csv'])).stdout, /to field/);
});

test('power --strict counts the far rejection region too, as R power.t.test(strict = TRUE)', async () => {
  const csv = async (args: string[]) => {
    const result = await vlab(['power', '--sd', '1', ...args, '--format', 'csv']);
    assert.equal(result.status, 0, result.stderr);
    return rowsFromCsv(result.stdout)[0];
  };
  const near = (got: unknown, want: number) => assert.ok(Math.abs((got as number) - want) < 1e-8 * Math.max(1, Math.abs(want)), `${got} vs ${want}`);
  // R: power.t.test(n = 5, delta = 0.3, strict = TRUE)$power; without strict 0.0618624347508379
  near((await csv(['--n', '5', '--effect', '0.3', '--strict'])).power, 0.0704596029366387);
  near((await csv(['--n', '5', '--effect', '0.3'])).power, 0.0618624347508379);
  // R: power.t.test(delta = 0.3, power = 0.2, strict = TRUE, tol = 1e-12)$n
  near((await csv(['--effect', '0.3', '--power', '0.2', '--strict'])).n_per_arm, 28.5892484166164);
  // R: power.t.test(n = 4, power = 0.1, strict = TRUE, tol = 1e-12)$delta (0.564242976753733 without strict)
  near((await csv(['--n', '4', '--power', '0.1', '--strict'])).effect, 0.543019126436343);
  assertUsageError(
    (await vlab(['power', '--study', 'protege-bargaining', '--n', '100', '--strict'])),
    'vlab power: --strict applies to the analytic power (--sd), not to --study',
  );
});

test('bad input: one line on stderr naming the problem, exit code 2, no stack trace', async () => {
  const mtcars = ['--data', ref('mtcars.csv')];
  assertUsageError(await vlab(['fit', ...mtcars, '--formula', 'mpg ~ hpp']), 'vlab fit: lmRobust: formula references unknown column "hpp" (did you mean "hp"?)');
  assertUsageError(await vlab(['fit', ...mtcars, '--formula', 'mpg ~ hp +']), /^vlab fit: lmRobust: malformed formula "mpg ~ hp \+"/);
  assertUsageError(await vlab(['fit', ...mtcars, '--formula', 'car ~ hp']), /^vlab fit: lmRobust: outcome column "car" is not numeric/);
  assertUsageError(
    (await vlab(['fit', ...mtcars, '--formula', 'mpg ~ hp', '--se-type', 'HC9'])),
    'vlab fit: lmRobust: unknown se type "HC9" (valid: classical, HC0, HC1, HC2, HC3, CR0, stata, CR2, cregg)',
  );
  assertUsageError(await vlab(['fit', '--data', join(scratch, 'nope.csv'), '--formula', 'y ~ x']), `vlab fit: cannot read data file ${join(scratch, 'nope.csv')}: no such file`);
  assertUsageError(await vlab(['fit', ...mtcars, '--formula', 'mpg ~ hp', '--format', 'xml']), 'vlab fit: unknown format "xml" (valid: table, csv, json)');
  assertUsageError(await vlab(['dim', ...mtcars, '--outcome', 'mpg', '--treatment', 'gear']), /^vlab dim: differenceInMeans: treatment column "gear" must have exactly two values/);
  assertUsageError(await vlab(['p-adjust', '--method', 'BH'], '0.1\nabc\n'), 'vlab p-adjust: line 2: "abc" is not a p-value between 0 and 1');
  assertUsageError(await vlab(['p-adjust', '--method', 'BH', '--n', '2.5'], '0.1\n'), 'vlab p-adjust: --n must be a whole number of tests, at least 1 (got "2.5")');
  // p.adjust(c(0.1, 0.2, 0.3), "BH", n = 2): R stops with "n >= lp is not TRUE".
  assertUsageError(
    (await vlab(['p-adjust', '--method', 'BH', '--n', '2'], '0.1\n0.2\n0.3\n')),
    'vlab p-adjust: pAdjust: n = 2 is below the 3 p-values given (not NA): the family has at least as many tests as p-values (R: "n >= lp is not TRUE")',
  );
  assertUsageError(await vlab(['p-adjust', '--method', 'sidak'], '0.1\n'), 'vlab p-adjust: unknown method "sidak" (valid: holm, hochberg, hommel, bonferroni, BH, BY, fdr, none)');
  assertUsageError(await vlab(['p-adjust', '--method', 'bh'], '0.1\n'), 'vlab p-adjust: unknown method "bh" (did you mean "BH"? valid: holm, hochberg, hommel, bonferroni, BH, BY, fdr, none)');
  assertUsageError(await vlab(['fit', ...mtcars, '--formula', 'mpg ~ hp', '--format', 'CSV']), 'vlab fit: unknown format "CSV" (did you mean "csv"? valid: table, csv, json)');
  assertUsageError(await vlab(['power', '--effect', '0.5', '--n', '50']), 'vlab power: --sd is required');
  assertUsageError(await vlab(['power', '--sd', '1']), 'vlab power: give --effect, or --n for the minimum detectable effect');
  assertUsageError(await vlab(['power', '--sd', '1', '--effect', '0.5']), 'vlab power: with --effect, give one of --n and --power');
  // One prefix, not "power: power:".
  assertUsageError(await vlab(['power', '--sd', '1', '--effect', '1e6', '--power', '0.8']), 'vlab power: powerAnalysis: the target power is reached with n per arm below 1.01');
  const margins = join(scratch, 'margins.json');
  writeFileSync(margins, JSON.stringify({ gender: { female: 0.5, male: 0.5 }, region: { northeast: 0.5, south: 0.2 } }));
  // A newcomer's file mistakes: the wrong case or part of a column's name gets the column meant; a file saved
  // with semicolons or tabs (a spreadsheet in a European locale) is named as such, not "unknown column".
  assertUsageError(await vlab(['fit', ...mtcars, '--formula', 'MPG ~ hp']), 'vlab fit: lmRobust: formula references unknown column "MPG" (did you mean "mpg"?)');
  assertUsageError(await vlab(['dim', '--data', ref('alliance.csv'), '--outcome', 'sanctions', '--treatment', 'violated']), 'vlab dim: differenceInMeans: outcome references unknown column "sanctions" (columns containing it: "economic_sanctions")');
  const semicolons = join(scratch, 'semicolons.csv');
  writeFileSync(semicolons, '\ufeffy;x;g\r\n1,5;2;a\r\n2,1;3;b\r\n');
  const separated = (by: string) => `the columns are separated by ${by}, not commas`;
  const advice = 'save it as comma-separated CSV (Excel: "CSV UTF-8 (Comma delimited)"; R: write.csv)';
  assertUsageError(await vlab(['fit', '--data', semicolons, '--formula', 'y ~ x']), `vlab fit: ${semicolons}: ${separated('semicolons')} (header "y;x;g"); ${advice}`);
  assertUsageError(await vlab(['dim', '--data', semicolons, '--outcome', 'y', '--treatment', 'g']), `vlab dim: ${semicolons}: ${separated('semicolons')} (header "y;x;g"); ${advice}`);
  const commas = join(scratch, 'decimal-commas.csv');
  writeFileSync(commas, 'y,x\n"1,5",2\n"2,25",3\n"3,0",5\n');
  assertUsageError(await vlab(['fit', '--data', commas, '--formula', 'y ~ x']), 'vlab fit: lmRobust: outcome column "y" is not numeric (row 1: "1,5"; a decimal comma? numbers need a decimal point: 1.5)');
  const tabs = join(scratch, 'tabs.tsv');
  writeFileSync(tabs, 'y\tx\n1\t2\n');
  assertUsageError(await vlab(['fit', '--data', tabs, '--formula', 'y ~ x']), `vlab fit: ${tabs}: ${separated('tabs')} (header "y\\tx"); ${advice}`);
  assertUsageError(
    (await vlab(['rake', '--data', ref('alliance.csv'), '--margins', margins, '--id', 'respondent_id'])),
    'vlab rake: margins are inconsistent: "gender" totals 1 but "region" totals 0.7',
  );
});

test('dim and rake read a CSV as fit does: one reader, so an empty header name is refused alike', async () => {
  // Before: dim and rake read through csv-parse, where Excel's trailing empty columns passed silently.
  const trailing = join(scratch, 'trailing-empty.csv');
  writeFileSync(trailing, 'y,z,id,,\r\n1,0,a,,\r\n2,1,b,,\r\n3,0,c,,\r\n5,1,d,,\r\n');
  const message = `${trailing} is not valid CSV: tableFromCsv: column 4 of the header has no name (an empty column left by a spreadsheet?): name it or delete it`;
  assertUsageError(await vlab(['fit', '--data', trailing, '--formula', 'y ~ z']), `vlab fit: ${message}`);
  assertUsageError(await vlab(['dim', '--data', trailing, '--outcome', 'y', '--treatment', 'z']), `vlab dim: ${message}`);
  const margins = join(scratch, 'z-margins.json');
  writeFileSync(margins, JSON.stringify({ z: { '0': 0.5, '1': 0.5 } }));
  assertUsageError(await vlab(['rake', '--data', trailing, '--margins', margins, '--id', 'id']), `vlab rake: ${message}`);
});

test('dim --condition1/--condition2 compare two levels of a many-level treatment, as estimatr\'s condition1/condition2', async () => {
  // Before: the message said "pass condition1 and condition2", which vlab dim had no option for.
  // R: difference_in_means(economic_sanctions ~ behavior, data = read.csv("alliance.csv"),
  //    condition1 = "control", condition2 = "evict_troops") → 0.462199203187251, SE 0.0983941882426771, df 498.99969961863, N 501
  const args = ['dim', '--data', ref('alliance.csv'), '--outcome', 'economic_sanctions', '--treatment', 'behavior'];
  const run = await vlab([...args, '--condition1', 'control', '--condition2', 'evict_troops', '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.nobs, 501);
  const [row] = result.estimates;
  assert.equal(row.term, 'behaviorevict_troops');
  assert.ok(Math.abs(row.estimate - 0.462199203187251) < 1e-12 && Math.abs(row.std_error - 0.0983941882426771) < 1e-12 && Math.abs(row.df - 498.99969961863) < 1e-8, JSON.stringify(row));
  assertUsageError(await vlab(args), /found 6 \(.*, …\); name the two to compare: --condition1 and --condition2 \(control first\)$/m);
  // One condition names the control, as estimatr's condition1 alone; among six levels the other is still unnamed.
  assertUsageError(await vlab([...args, '--condition1', 'control']), /found 6 \(.*\); name the two to compare: --condition1 and --condition2/);
});

test('fit, dim, rake, freqs and power take --out as the conjoint verbs do: the file whole, stdout empty, stderr says so', async () => {
  // Before: "vlab fit: unknown option '--out'" while amce, mm, estimates and export had it.
  const margins = join(scratch, 'out-margins.json');
  writeFileSync(margins, JSON.stringify({ gender: { female: 0.5, male: 0.5 } }));
  const cases: [string, string[]][] = [
    ['fit', ['--data', ref('mtcars.csv'), '--formula', 'mpg ~ hp + wt', '--format', 'csv']],
    ['dim', ['--data', ref('alliance.csv'), '--outcome', 'economic_sanctions', '--treatment', 'violated', '--format', 'csv']],
    ['rake', ['--data', ref('alliance.csv'), '--margins', margins, '--id', 'respondent_id']],
    ['freqs', ['--data', ref('alliance.csv'), '--formula', '~ regime + capability', '--format', 'csv']],
    ['power', ['--sd', '1', '--n', '500', '--format', 'csv']],
    ['power', ['--study', 'protege-bargaining', '--n', '100', '--sims', '2', '--seed', '1', '--format', 'csv']],
  ];
  for (const [verb, args] of cases) {
    const printed = await vlab([verb, ...args]);
    assert.equal(printed.status, 0, printed.stderr);
    const out = join(scratch, `${verb}-out.csv`);
    const written = await vlab([verb, ...args, '--out', out]);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(written.stdout, '');
    assert.equal(written.stderr, `vlab ${verb}: wrote ${out}\n`);
    assert.equal(readFileSync(out, 'utf8'), printed.stdout, verb);
  }
});

test('fit --subset and dim --subset keep the rows of an R condition, as estimatr\'s subset =, equal to R', async () => {
  // R: tidy(lm_robust(mpg ~ hp + scale(wt), data = mtcars, subset = cyl > 4 & am == 0)): scale(wt) over all 32 cars.
  const fit = await vlab(['fit', '--data', ref('mtcars.csv'), '--formula', 'mpg ~ hp + scale(wt)', '--subset', 'cyl > 4 & am == 0', '--format', 'csv']);
  assert.equal(fit.status, 0, fit.stderr);
  const fitted = rowsFromCsv(fit.stdout);
  const want: [string, number, number][] = [['(Intercept)', 22.425760690884900, 1.4706228974114124], ['hp', -0.028001433619422575, 0.0082500021604341445], ['scale(wt)', -2.035012669560345, 0.9270380490840946]];
  want.forEach(([term, estimate, se], i) => {
    assert.equal(fitted[i].term, term);
    assert.ok(Math.abs((fitted[i].estimate as number) - estimate) <= 1e-9 * Math.abs(estimate), `${term} estimate`);
    assert.ok(Math.abs((fitted[i].std_error as number) - se) <= 1e-9 * se, `${term} std_error`);
    assert.equal(fitted[i].df, 13);
  });
  // R: tidy(difference_in_means(mpg ~ am, data = mtcars, subset = cyl == 8 | gear == 4)): 7.55, SE 2.3036504846776462, df 12.835071305109961.
  const dim = rowsFromCsv((await vlab(['dim', '--data', ref('mtcars.csv'), '--outcome', 'mpg', '--treatment', 'am', '--subset', 'cyl == 8 | gear == 4', '--format', 'csv'])).stdout)[0];
  assert.ok(Math.abs((dim.std_error as number) - 2.3036504846776462) <= 1e-12 && Math.abs((dim.df as number) - 12.835071305109961) <= 1e-9, JSON.stringify(dim));
  assertUsageError(await vlab(['fit', '--data', ref('mtcars.csv'), '--formula', 'mpg ~ hp', '--subset', 'cyl']), /lmRobust: subset "cyl" is not TRUE or FALSE for each row/);
  // A misspelt column in --subset was said to be in the formula, which has none of it (walk-through 24).
  assertUsageError(await vlab(['fit', '--data', ref('mtcars.csv'), '--formula', 'mpg ~ hp', '--subset', 'cyll > 4']), /lmRobust: subset references unknown column "cyll" \(did you mean "cyl"\?\)/);
});

test("commander's own errors read like every other usage error: `vlab <verb>: …`, one line, exit code 2", async () => {
  const mtcars = ['--data', ref('mtcars.csv')];
  // A flag vlab leaves out on purpose says what to write instead, even before the required options are given.
  assertUsageError(await vlab(['fit', '--ci', '0.9']), "vlab fit: unknown option '--ci': the interval is always printed (conf_low, conf_high); --alpha sets its level");
  assertUsageError(await vlab(['fit', ...mtcars, '--formula', 'mpg ~ hp', '--cluster', 'cyl']), "vlab fit: unknown option '--cluster' (did you mean --clusters?)");
  assertUsageError(await vlab(['fit', '--data']), "vlab fit: option '--data <file.csv>' argument missing");
  assertUsageError(await vlab(['fit', ...mtcars]), "vlab fit: required option '--formula <formula>' not specified");
  assertUsageError(await vlab(['mm', ...mtcars, '--formula', 'mpg ~ cyl', '--id', 'car', '--fixed-effects', 'g']), "vlab mm: unknown option '--fixed-effects'");
  assertUsageError(await vlab(['wave', 'status', 'w1', '--bogus']), "vlab wave status: unknown option '--bogus'");
  // A wave left out says where its id is found (walk-through 28: `vlab estimates` alone said only that --wave was missing).
  assertUsageError(await vlab(['estimates']), "vlab estimates: required option '--wave <id>' not specified: vlab wave list shows the waves' ids");
  assertUsageError(await vlab(['wave', 'status']), "vlab wave status: missing required argument 'id': vlab wave list shows the waves' ids");
  // Task 43: estimates, export and replication take --wave, the wave verbs its id as an argument; `vlab wave status --wave ID`
  // said only "unknown option '--wave'".
  assertUsageError(await vlab(['wave', 'status', '--wave', 'w1']), "vlab wave status: unknown option '--wave': the wave's id is an argument here, not an option: vlab wave status ID");
  assertUsageError(await vlab(['wave', 'update', '--wave=w1', '--pause']), "vlab wave update: unknown option '--wave=w1': the wave's id is an argument here, not an option: vlab wave update ID");
  assertUsageError(await vlab(['fitt']), "vlab: unknown command 'fitt' (did you mean fit?)");
  // A newcomer checks a new definition with the verb other tools have (walk-through 21): commander had no suggestion.
  const check = "vlab study list checks every definition: the broken ones are listed with what to fix, and it exits 1 while any is";
  assertUsageError(await vlab(['study', 'validate']), `vlab study: unknown command 'validate': ${check}`);
  assertUsageError(await vlab(['study', 'check']), `vlab study: unknown command 'check': ${check}`);
  assertUsageError(await vlab(['validate']), `vlab: unknown command 'validate': ${check}`);
});

test('words left over after the options (an unquoted formula the shell split, * turned into file names) say to quote it', async () => {
  // Before: "too many arguments for 'fit'. Expected 0 arguments but got 4." — nothing about the formula or quotes.
  // `vlab fit --formula mpg ~ hp * cyl` unquoted reaches vlab as these words (here * matched two files).
  const split = ['--data', ref('mtcars.csv'), '--formula', 'mpg', '~', 'hp', 'a.csv', 'b.csv', 'cyl'];
  assertUsageError(
    (await vlab(['fit', ...split])),
    `vlab fit: unexpected words after the options: "~ hp a.csv b.csv cyl": quote a value with spaces or *, as --formula 'y ~ a * b' (unquoted, the shell splits it at the spaces and turns * into file names)`,
  );
  assertUsageError(await vlab(['wave', 'status', 'w1', 'w2']), 'vlab wave status: unexpected words after <id>: "w2": quote a value with spaces or *');
});

test('p-adjust at a terminal says it waits for p-values and how to end them, instead of hanging silently', async () => {
  // Typed as in docs/analysis.md but without "< pvalues.txt", it read the terminal with no word: it looked hung.
  const { stdinPrompt } = await import('../../server/cli/commands/p-adjust.ts');
  assert.equal(stdinPrompt(true, 'BH'), 'vlab p-adjust: type the p-values, one per line, then Ctrl-D (or give a file: vlab p-adjust --method BH < pvalues.txt)\n');
  assert.equal(stdinPrompt(false, 'BH'), '', 'a pipe or a file gets no prompt');
});

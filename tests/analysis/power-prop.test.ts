// R's power.prop.test (binary outcomes: vote, turnout, support yes/no), offered as powerPropTest and `vlab power --p1
// --p2` since the seventeenth R trial (not offered before: `vlab power` had the t test only). R 4.2.2, each value
// format(x, digits = 17), written by `Rscript tests/analysis/r/power-prop.R`:
//   power.prop.test(n = 100, p1 = 0.5, p2 = 0.65)$power                                                 0.57448550242822294
//   power.prop.test(p1 = 0.5, p2 = 0.6, power = 0.8, tol = 1e-12)$n                                     387.33851669903589
//   power.prop.test(p1 = 0.3, p2 = 0.2, power = 0.9, sig.level = 0.01, tol = 1e-12)$n                   555.49976385055618
//   power.prop.test(n = 50, p1 = 0.5, p2 = 0.75, alternative = "one.sided")$power                       0.83398352335542802
//   power.prop.test(p1 = 0.1, p2 = 0.15, power = 0.8, alternative = "one.sided", tol = 1e-12)$n         539.92643112977089
//   power.prop.test(n = 20, p1 = 0.4, p2 = 0.45, strict = TRUE)$power                                   0.061495425340800158
//   power.prop.test(n = 20, p1 = 0.4, p2 = 0.45)$power                                                  0.050272329548229758
//   power.prop.test(n = 200, p2 = 0.5, power = 0.8, tol = 1e-12)$p1                                     0.36167581057898351
//   power.prop.test(n = 200, p1 = 0.5, power = 0.8, tol = 1e-12)$p2                                     0.63832418942101654
//   power.prop.test(n = 500, p1 = 0.02, power = 0.9, alternative = "one", tol = 1e-12)$p2               0.055124771029143163
//   power.prop.test(n = 100, p1 = 0.5, p2 = 0.5)$power                                                  0.025000000000000029
//   power.prop.test(p1 = 0.5, p2 = 0.9, power = 0.8, tol = 1e-12)$n                                     19.380842441647854
//   power.prop.test(n = 1e6, p1 = 0.5, p2 = 0.501, strict = TRUE)$power                                 0.29298908249249506
//   power.prop.test(n = 10, p1 = 0.5, power = 0.999)   # p2 = 1.137 with a warning: "No p2 in [p1, 1] can be found …"
//   power.prop.test(n = 30, p2 = 0.05, power = 0.9)    # p1 = 0.383, above p2, without a warning
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { powerPropTest } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

test('power and n equal power.prop.test, two- and one-sided, strict', () => {
  assertCloseToR(powerPropTest({ n: 100, p1: 0.5, p2: 0.65 }).power, 0.57448550242822294, 'power');
  assertCloseToR(powerPropTest({ p1: 0.5, p2: 0.6, power: 0.8 }).n, 387.33851669903589, 'n');
  assertCloseToR(powerPropTest({ p1: 0.3, p2: 0.2, power: 0.9, alpha: 0.01 }).n, 555.49976385055618, 'n at alpha 0.01, p1 above p2');
  assertCloseToR(powerPropTest({ n: 50, p1: 0.5, p2: 0.75, alternative: 'one.sided' }).power, 0.83398352335542802, 'one-sided power');
  assertCloseToR(powerPropTest({ p1: 0.1, p2: 0.15, power: 0.8, alternative: 'one.sided' }).n, 539.92643112977089, 'one-sided n');
  assertCloseToR(powerPropTest({ n: 20, p1: 0.4, p2: 0.45, strict: true }).power, 0.061495425340800158, 'strict power');
  assertCloseToR(powerPropTest({ n: 20, p1: 0.4, p2: 0.45 }).power, 0.050272329548229758, 'power, not strict');
  assertCloseToR(powerPropTest({ n: 100, p1: 0.5, p2: 0.5 }).power, 0.025000000000000029, 'equal proportions: alpha/2');
  assertCloseToR(powerPropTest({ p1: 0.5, p2: 0.9, power: 0.8 }).n, 19.380842441647854, 'small n');
  assertCloseToR(powerPropTest({ n: 1e6, p1: 0.5, p2: 0.501, strict: true }).power, 0.29298908249249506, 'huge n');
});

test('p1 or p2 solved as power.prop.test; where R leaves the interval, an error', () => {
  assertCloseToR(powerPropTest({ n: 200, p2: 0.5, power: 0.8 }).p1, 0.36167581057898351, 'p1');
  assertCloseToR(powerPropTest({ n: 200, p1: 0.5, power: 0.8 }).p2, 0.63832418942101654, 'p2');
  assertCloseToR(powerPropTest({ n: 500, p1: 0.02, power: 0.9, alternative: 'one' as 'one.sided' }).p2, 0.055124771029143163, 'one-sided p2 (R\'s "one")');
  assert.throws(() => powerPropTest({ n: 10, p1: 0.5, power: 0.999 }), /powerPropTest: no p2 in \[0.5, 1\] reaches the target power/);
  assert.throws(() => powerPropTest({ n: 30, p2: 0.05, power: 0.9 }), /powerPropTest: no p1 in \[0, 0.05\] reaches the target power/);
  assert.throws(() => powerPropTest({ n: 100, p1: 0.5, p2: 0.6, power: 0.8 }), /give exactly three of n, p1, p2 and power/);
  assert.throws(() => powerPropTest({ n: 100, p1: 1.5, p2: 0.6 }), /p1 must be a proportion between 0 and 1/);
  assert.throws(() => powerPropTest({ p1: 0.5, p2: 0.5, power: 0.8 }), /p1 and p2 are equal/);
  assert.throws(() => powerPropTest({ n: 100, p1: 0.5, p2: 0.6, sd: 1 } as never), /unknown option "sd"/);
});

test('vlab power --p1 --p2: power.prop.test from the command line', () => {
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'power', '--p1', '0.5', '--p2', '0.6', '--power', '0.8', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [row] = JSON.parse(run.stdout);
  assertCloseToR(row.n_per_group, 387.33851669903589, 'n per group');
  assert.equal(row.n_total, row.n_per_group * 2);
  assert.equal(row.test, 'power.prop.test');
  const p2 = spawnSync(process.execPath, ['bin/vlab.js', 'power', '--p1', '0.5', '--n', '200', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(p2.status, 0, p2.stderr);
  assertCloseToR(JSON.parse(p2.stdout)[0].p2, 0.63832418942101654, 'p2 at power 0.8 (the default where --power is left out with --n)');
  const mixed = spawnSync(process.execPath, ['bin/vlab.js', 'power', '--p1', '0.5', '--p2', '0.6', '--sd', '1', '--n', '100'], { encoding: 'utf8' });
  assert.notEqual(mixed.status, 0);
  assert.match(mixed.stderr, /--p1 and --p2 \(power\.prop\.test\) take no --sd, --effect/);
});

// runPowerProp did not return its write, so a refused --out was an unhandled rejection: a stack trace, exit 1.
test('vlab power --p1 --p2 --out into a folder that does not exist: one line, exit 2, no stack trace', () => {
  const out = '/nonexistent-vlab-folder/power.csv';
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'power', '--p1', '0.5', '--p2', '0.6', '--n', '50', '--out', out], { encoding: 'utf8' });
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stderr, `vlab power: --out ${out}: there is no folder /nonexistent-vlab-folder; create it first (mkdir -p /nonexistent-vlab-folder) or give another path\n`);
});

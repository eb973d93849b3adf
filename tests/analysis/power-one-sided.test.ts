// power.t.test's alternative = "one.sided" and type = "one.sample" / "paired" (the sixteenth R trial): refused by vlab
// before (powerAnalysis was two-sample and two-sided only; `vlab power --type/--alternative` named that).
// R 4.2.2, each value format(x, digits = 17) (Rscript tests/analysis/r/power-one-sided.R):
//   power.t.test(n = 50, delta = 0.4, alternative = "one.sided")$power                          0.63356503837724998
//   power.t.test(n = 50, delta = -0.4, alternative = "one.sided")$power                         0.00014106879288766638
//   power.t.test(delta = 0.4, power = 0.8, alternative = "one.sided", tol = 1e-12)$n            77.967259347477039
//   power.t.test(n = 50, power = 0.8, alternative = "one.sided", tol = 1e-12)$delta             0.50076410547383332
//   power.t.test(n = 30, delta = 0.5, type = "one.sample")$power                                0.75396272499516681
//   power.t.test(delta = 0.5, power = 0.9, type = "paired", tol = 1e-12)$n                      43.995495223011169
//   power.t.test(n = 30, power = 0.8, sd = 2, type = "paired", alternative = "one", tol = 1e-12)$delta  0.92989093519193222
//   power.t.test(n = 30, delta = 0.3, type = "one.sample", alternative = "one.sided", strict = TRUE)$power  0.48398063646073208
//   power.t.test(n = 30, delta = 0.3, type = "o", alternative = "t")$power                     0.35527066076943581
//   power.t.test(delta = -0.4, power = 0.8, alternative = "one.sided")  # Error: no sign change found in 1000 iterations
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { powerAnalysis } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

test('one-sided power, n and effect equal power.t.test(alternative = "one.sided")', () => {
  assertCloseToR(powerAnalysis({ n: 50, effect: 0.4, sd: 1, alternative: 'one.sided' }).power, 0.63356503837724998, 'power');
  // One-sided, a negative effect is on the side the test never rejects: no abs() as two-sided.
  assertCloseToR(powerAnalysis({ n: 50, effect: -0.4, sd: 1, alternative: 'one.sided' }).power, 0.00014106879288766638, 'power of a negative effect');
  assertCloseToR(powerAnalysis({ effect: 0.4, power: 0.8, sd: 1, alternative: 'one.sided' }).n, 77.967259347477039, 'n');
  assertCloseToR(powerAnalysis({ n: 50, power: 0.8, sd: 1, alternative: 'one.sided' }).effect, 0.50076410547383332, 'effect');
  assert.throws(() => powerAnalysis({ effect: -0.4, power: 0.8, sd: 1, alternative: 'one.sided' }), /one-sided test .* rejects for positive effects only/);
});

test('one-sample and paired designs equal power.t.test(type = …), R\'s abbreviations included', () => {
  assertCloseToR(powerAnalysis({ n: 30, effect: 0.5, sd: 1, type: 'one.sample' }).power, 0.75396272499516681, 'one-sample power');
  const paired = powerAnalysis({ effect: 0.5, power: 0.9, sd: 1, type: 'paired' });
  assertCloseToR(paired.n, 43.995495223011169, 'paired n');
  assert.equal(paired.df, paired.n - 1);
  assertCloseToR(powerAnalysis({ n: 30, power: 0.8, sd: 2, type: 'paired', alternative: 'one' as 'one.sided' }).effect, 0.92989093519193222, 'paired one-sided effect');
  // strict counts the far region of a two-sided test only, as R.
  assertCloseToR(powerAnalysis({ n: 30, effect: 0.3, sd: 1, type: 'one.sample', alternative: 'one.sided', strict: true }).power, 0.48398063646073208, 'strict one-sided');
  assertCloseToR(powerAnalysis({ n: 30, effect: 0.3, sd: 1, type: 'o' as 'one.sample', alternative: 't' as 'two.sided' }).power, 0.35527066076943581, 'abbreviated');
  assert.throws(() => powerAnalysis({ n: 30, effect: 0.3, sd: 1, type: 'one.sample', arms: 4 }), /arms and contrast are for two-sample designs/);
  assert.throws(() => powerAnalysis({ n: 30, effect: 0.3, sd: 1, type: 'unpaired' as 'paired' }), /type must be one of two.sample, one.sample, paired/);
});

test('vlab power --type and --alternative', () => {
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'power', '--sd', '1', '--effect', '0.4', '--power', '0.8', '--alternative', 'one.sided', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const [row] = JSON.parse(run.stdout);
  assertCloseToR(row.n_per_arm, 77.967259347477039, 'n');
  assert.equal(row.alternative, 'one.sided');
  const paired = spawnSync(process.execPath, ['bin/vlab.js', 'power', '--sd', '1', '--effect', '0.5', '--power', '0.9', '--type', 'paired', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(paired.status, 0, paired.stderr);
  const [pairs] = JSON.parse(paired.stdout);
  assertCloseToR(pairs.n_per_arm, 43.995495223011169, 'pairs');
  assert.equal(pairs.n_total, pairs.n_per_arm, 'n pairs, one group');
});

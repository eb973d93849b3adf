// The analysis module's functions refuse option names they do not have. A JavaScript caller (no type checker) who
// wrote R's `se_type: 'HC1'` got HC2's SEs without a word, and `conf.level: 0.9` a 95 % interval: wrong numbers
// that look right. (R trial 15 noticed it: TypeScript callers are stopped by the types, plain JavaScript ones were not.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { amce, amceDiffs, differenceInMeans, freqs, lmRobust, minimumDetectableEffect, mm, mmDiffs, powerAnalysis, rake } from '../../analysis/index.ts';

const rows = Array.from({ length: 12 }, (_, i) => ({ y: (i * 7) % 5, t: i % 2, g: i % 3 === 0 ? 'a' : 'b', id: Math.floor(i / 2), w: 1 + (i % 4) }));
// Untyped, as a JavaScript caller passes them.
const call = (fn: (options: never) => unknown, options: Record<string, unknown>) => () => fn(options as never);

test('lmRobust names the option it has for an R spelling, and refuses names it does not know', () => {
  assert.throws(call(lmRobust, { formula: 'y ~ t', rows, se_type: 'HC1' }), { name: 'AnalysisError', message: 'lmRobust: unknown option "se_type" (did you mean "seType"?)' });
  assert.throws(call(lmRobust, { formula: 'y ~ t', rows, cluster: 'id' }), { message: 'lmRobust: unknown option "cluster" (did you mean "clusters"?)' });
  assert.throws(call(lmRobust, { formula: 'y ~ t', data: rows }), { message: /^lmRobust: unknown option "data" \(did you mean "rows"\?\)/ });
  assert.throws(call(lmRobust, { formula: 'y ~ t', rows, 'conf.level': 0.9 }), { message: /^lmRobust: unknown option "conf\.level" \(alpha is 1 − conf\.level: alpha: 0\.1 for 0\.9\)/ });
  // estimatr's fixed_effects is fixedEffects since the sixteenth R trial (fixed-effects.test.ts).
  assert.throws(call(lmRobust, { formula: 'y ~ t', rows, fixed_effects: '~ g' }), { message: 'lmRobust: unknown option "fixed_effects" (did you mean "fixedEffects"?)' });
});

test('an option left undefined is no mistake, and a known one still works', () => {
  assert.equal(lmRobust({ formula: 'y ~ t', rows, seType: 'HC1', ...({ note: undefined } as object) }).seType, 'HC1');
  assert.throws(call(lmRobust, undefined as never), { message: 'lmRobust: expected an object of options (formula, rows, …)' });
});

test('every public function refuses an unknown option', () => {
  const conjoint = { formula: 'y ~ g', rows, id: 'id' };
  const cases: [string, () => unknown][] = [
    ['differenceInMeans', call(differenceInMeans, { rows, outcome: 'y', treatment: 't', condition: 1 })],
    ['rake', call(rake, { rows, margins: { g: { a: 0.5, b: 0.5 } }, base_weights: 'w' })],
    ['powerAnalysis', call(powerAnalysis, { effect: 0.5, sd: 1, power: 0.8, 'sig.level': 0.01 })],
    ['minimumDetectableEffect', call(minimumDetectableEffect, { se: 0.1, df: 30, sig_level: 0.01 })],
    ['amce', call(amce, { ...conjoint, se_type: 'CR0' })],
    ['mm', call(mm, { ...conjoint, h0: 0.5, weight: 'w' })],
    ['mm_diffs', call(mmDiffs, { ...conjoint, by: 't', h0: 0.5 })],
    ['amce_diffs', call(amceDiffs, { ...conjoint, by: 't', alpha: 0.1, cluster: 'id' })],
    ['freqs', call(freqs, { formula: '~ g', rows, weighs: 'w' })],
  ];
  for (const [fn, run] of cases) assert.throws(run, (error: Error) => error.name === 'AnalysisError' && error.message.startsWith(`${fn}: unknown option "`), fn);
});

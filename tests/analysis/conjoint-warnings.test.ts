// Conjoint estimates carry warnings as lmRobust results do (the thirteenth R trial: amce and mm dropped those of their
// internal fits, so a plan's card and `vlab amce` showed none). Each case is due for a reason in the data, not
// rounding: outcomes that are an exact sum of level effects (R's summary.lm: "essentially perfect fit"), a declared
// level no profile shows (R's model frame drops it without a word), a level always shown with one level of another
// feature (aliased: R's coefficient is NA), and a group of `by` never shown a level (its mean is NA in R).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amce, amceDiffs, mm, mmDiffs, type Row } from '../../analysis/index.ts';
import { ConjointWarnings } from '../../analysis/conjoint/warnings.ts';

/** 12 respondents × 4 profiles; a in a1–a3, b in b1–b2 cycling, so every pair shows; party by respondent. */
function profiles(rating: (a: string, b: string, i: number) => number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < 48; i++) {
    const a = `a${1 + (i % 3)}`;
    const b = `b${1 + (Math.floor(i / 3) % 2)}`;
    rows.push({ id: `r${Math.floor(i / 4)}`, a, b, party: Math.floor(i / 4) % 2 ? 'rep' : 'dem', y: rating(a, b, i) });
  }
  return rows;
}
// A rating with noise that is not a sum of level effects: (i * 7) % 5 cycles against the 6 cells.
const noisy = (a: string, b: string, i: number): number => (a === 'a2' ? 2 : 1) + (b === 'b2' ? 1 : 0) + ((i * 7) % 5);

test('amce: an outcome that is an exact sum of level effects is an essentially perfect fit, said as lmRobust says it', () => {
  // R: d <- data.frame(a = rep(c("a1", "a2", "a3"), 16), b = rep(rep(c("b1", "b2"), each = 3), 8)); d$y <- 1 + (d$a == "a2") +
  //    2 * (d$b == "b2"); summary(lm(y ~ a + b, d)) warns "essentially perfect fit: summary may be unreliable"
  const rows = profiles((a, b) => 1 + (a === 'a2' ? 1 : 0) + (b === 'b2' ? 2 : 0));
  const result = amce({ formula: 'y ~ a + b', rows, id: 'id' });
  assert.equal(result.warnings.length, 1, result.warnings.join('\n'));
  assert.match(result.warnings[0], /^amce: essentially perfect fit/);
  assert.deepEqual(amce({ formula: 'y ~ a + b', rows: profiles(noisy), id: 'id' }).warnings, []);
});

test('amce and mm: a declared level no profile shows has no row, and a warning says so', () => {
  const levels = { a: ['a1', 'a2', 'a3', 'a4'], b: ['b1', 'b2'] };
  const rows = profiles(noisy);
  for (const result of [amce({ formula: 'y ~ a + b', rows, id: 'id', levels }), mm({ formula: 'y ~ a + b', rows, id: 'id', levels })]) {
    assert.ok(!result.estimates.some((row) => row.level === 'a4'));
    assert.deepEqual(result.warnings.map((w) => w.replace(/^\w+: /, '')), ['feature "a": no complete row shows "a4", so it has no estimate (R\'s model frame drops unused levels)']);
  }
});

test('amce: a level always shown with one level of another feature is aliased; its NA row is explained', () => {
  // a3 only ever with b2, and b2 only with a3: R's lm(y ~ a + b) leaves b2 NA (aliased with a3).
  const rows = profiles(noisy).map((row) => ({ ...row, b: row.a === 'a3' ? 'b2' : 'b1' }));
  const result = amce({ formula: 'y ~ a + b', rows, id: 'id' });
  assert.equal(result.estimates.find((row) => row.level === 'b2')?.estimate, null);
  assert.deepEqual(result.warnings, ['amce: b = "b2" has no estimate: its indicator is aliased (the profiles never show it apart from other levels), as R leaves its coefficient NA']);
});

test('mm and mm_diffs by party: a group never shown a level has an NA mean, and a warning names the group', () => {
  // R (cregg's mm by group): svyglm(y ~ 0 + a, design) within party "rep" has no a3 column: its mean is NA.
  const rows = profiles(noisy).filter((row) => !(row.party === 'rep' && row.a === 'a3'));
  const means = mm({ formula: 'y ~ a', rows, id: 'id', by: 'party' });
  assert.equal(means.estimates.find((row) => row.BY === 'rep' && row.level === 'a3')?.estimate, null);
  assert.deepEqual(means.warnings, ['mm: in group "rep", a = "a3" has no estimate: no profile with a positive weight shows it there, as R leaves its coefficient NA']);
  assert.deepEqual(mmDiffs({ formula: 'y ~ a', rows, id: 'id', by: 'party' }).warnings, means.warnings.map((w) => w.replace(/^mm:/, 'mm_diffs:')));
});

test('amce_diffs carries its fit\'s warnings (a perfect fit of the interacted model)', () => {
  const rows = profiles((a, b) => 1 + (a === 'a2' ? 1 : 0) + (b === 'b2' ? 2 : 0));
  assert.match(amceDiffs({ formula: 'y ~ a + b', rows, id: 'id', by: 'party' }).warnings.join('\n'), /^amce_diffs: essentially perfect fit/);
});

test('labels word the warnings as a plan\'s card words its rows; the estimates keep the codes', () => {
  const labels = { a: { label: 'Regime', levels: { a4: 'Monarchy' } }, b: { label: 'Treaty', levels: { b2: 'No treaty' } } };
  const unseen = amce({ formula: 'y ~ a + b', rows: profiles(noisy), id: 'id', levels: { a: ['a1', 'a2', 'a3', 'a4'], b: ['b1', 'b2'] }, labels });
  assert.deepEqual(unseen.warnings, ['amce: feature "Regime": no complete row shows "Monarchy", so it has no estimate (R\'s model frame drops unused levels)']);
  // a3 only ever with b2: b2's row is NA (aliased), named by its labels; a level without one keeps its code.
  const aliased = amce({ formula: 'y ~ a + b', rows: profiles(noisy).map((row) => ({ ...row, b: row.a === 'a3' ? 'b2' : 'b1' })), id: 'id', labels });
  assert.deepEqual(aliased.warnings, ['amce: Treaty = "No treaty" has no estimate: its indicator is aliased (the profiles never show it apart from other levels), as R leaves its coefficient NA']);
  assert.deepEqual(aliased.estimates.map((row) => row.level), ['a1', 'a2', 'a3', 'b1', 'b2']);
});

test('labels word a group of `by` as they word features: the group\'s label, its code without one', () => {
  // Before 2026-12-04 a group was named by its code ("rep") beside labelled features (the newcomer pass 14).
  const labels = { a: { label: 'Regime', levels: { a3: 'Monarchy' } }, party: { label: 'Party', levels: { rep: 'Republican' } } };
  const rows = profiles(noisy).filter((row) => !(row.party === 'rep' && row.a === 'a3'));
  assert.deepEqual(mm({ formula: 'y ~ a', rows, id: 'id', by: 'party', labels }).warnings, [
    'mm: in group "Republican", Regime = "Monarchy" has no estimate: no profile with a positive weight shows it there, as R leaves its coefficient NA',
  ]);
  // A fit's own warning within a group (an exact sum of level effects in each), without lmRobust's name.
  const exact = profiles((a, b) => 1 + (a === 'a2' ? 1 : 0) + (b === 'b2' ? 2 : 0));
  const fits = amce({ formula: 'y ~ a + b', rows: exact, id: 'id', by: 'party', labels }).warnings;
  assert.deepEqual(fits.map((w) => w.split(' essentially perfect fit')[0]), ['amce: in group "dem",', 'amce: in group "Republican",']);
});

test('addFit takes the fit\'s warning without the name of the function that gave it, whichever it is', () => {
  const warnings = new ConjointWarnings('amce');
  warnings.addFit(['lmRobust: essentially perfect fit', 'fitColumns: x is ignored'], 'g');
  assert.deepEqual(warnings.list(), ['amce: in group "g", essentially perfect fit', 'amce: in group "g", x is ignored']);
});

// What R users type that vlab does not compute, found by the fifteenth R trial (tests/reference/differential/
// trial15-designs.ts): each is refused in words that name what to write instead — never "malformed formula:
// unexpected ':'", an unknown column "NULL" or a list of every supported function. What vlab computes of the same
// trial (factor(labels =), the base:: and stats:: prefixes) is compared with R in the differential suite; here the
// prefixes are also held to the fit without them. R 4.2.2, estimatr 1.0.0 for the calls in the comments.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { lmRobust, pAdjust, type Row } from '../../analysis/index.ts';

// Deterministic rows (no random draw): y, x in (0, 1], a text factor, a 0/1 treatment, clusters and weights.
const rows: Row[] = Array.from({ length: 48 }, (_, i) => ({
  y: ((i * 37) % 23) / 7 - 1.5 + (i % 2) * 0.4,
  x: (1 + ((i * 13) % 17)) / 17,
  a: ['p', 'q', 'r'][i % 3],
  t: i % 2,
  cl: `c${1 + (i % 8)}`,
  w: 0.5 + (i % 5) / 4,
}));

const refused = (formula: string, words: RegExp, options: Record<string, string> = {}): void => {
  assert.throws(() => lmRobust({ formula, rows, ...options }), (error: Error) => error.name === 'AnalysisError' && words.test(error.message), formula);
};

test('stats:: and base:: before a function vlab computes are that function, named as R names them', () => {
  // R: tidy(lm_robust(y ~ stats::poly(x, 2) + base::log(x + 1) + base::factor(a), d))$term is "(Intercept)",
  // "stats::poly(x, 2)1", "stats::poly(x, 2)2", "base::log(x + 1)", "base::factor(a)q", "base::factor(a)r".
  const prefixed = lmRobust({ formula: 'y ~ stats::poly(x, 2) + base::log(x + 1) + base::factor(a)', rows });
  const plain = lmRobust({ formula: 'y ~ poly(x, 2) + log(x + 1) + factor(a)', rows });
  assert.deepEqual(prefixed.estimates.map((row) => row.term), ['(Intercept)', 'stats::poly(x, 2)1', 'stats::poly(x, 2)2', 'base::log(x + 1)', 'base::factor(a)q', 'base::factor(a)r']);
  assert.deepEqual(prefixed.estimates.map((row) => row.estimate), plain.estimates.map((row) => row.estimate));
  assert.deepEqual(prefixed.estimates.map((row) => row.std_error), plain.estimates.map((row) => row.std_error));
});

test('a function from another package, or from the wrong one, is refused naming what to write', () => {
  // R fits splines::ns(x, 3); vlab has no splines.
  refused('y ~ splines::ns(x, 3)', /splines::ns\(\): functions of package "splines" are not supported in a formula: for a curve write poly\(x, 2\)/);
  refused('y ~ dplyr::if_else(x > 0.5, 1, 0)', /write ifelse\(test, yes, no\)/);
  // R: Error: 'log' is not an exported object from 'namespace:stats'
  refused('y ~ stats::log(x)', /R finds log\(\) in base, not stats .*write base::log\(\) or log\(\)/);
  refused('y ~ foo::bar(x)', /functions of package "foo" are not supported/);
  refused('y ~ stats::offset(x)', /write offset\(x\), without the package/);
});

test('common functions vlab lacks are refused with the alternative, not the list of every function', () => {
  for (const [formula, words] of [
    ['y ~ ns(x, 3)', /^lmRobust: ns\(\) is not supported: for a curve write poly\(x, 2\) or poly\(x, 3\); for bins, cut\(x, quantile/],
    ['y ~ bs(x, df = 4)', /bs\(\) is not supported: for a curve write poly/],
    ['y ~ case_when(x > 0.5 ~ 1, TRUE ~ 0)', /case_when\(\) is not supported: write nested ifelse/],
    ['y ~ C(factor(a), contr.sum)', /C\(\) is not supported: contrasts other than R's defaults .* relevel\(factor\(x\), ref = "b"\)/],
    ['y ~ ntile(x, 4)', /ntile\(\) is not supported: write cut\(x, quantile\(x, probs = seq\(0, 1, 0.25\)\), include.lowest = TRUE\)/],
  ] as const) {
    refused(formula, words);
    assert.throws(() => lmRobust({ formula, rows }), (error: Error) => !/supported: I, log/.test(error.message), `${formula}: no list of functions`);
  }
});

test('R code around a formula ([ ], NULL, $ of no column) is refused in words, not as an unknown column', () => {
  // scale(x)[, 1], a matrix's column, is fitted since R trial 40 (matrix-column-as-vector.test.ts); other subscripts not.
  refused('y ~ scale(x)[1]', /scale\(x\)\[…\]: only a whole column, \[, k\], is one value per row/);
  // d$x is the column x since R trial 41 (data-frame-dollar.test.ts); $ not followed by a column's name is refused.
  refused('y ~ d$log(x)', /d\$ is followed by a column's name, as in d\$x/);
  // R: factor(a, exclude = NULL) keeps NA as a level; vlab drops a missing value's row (na.omit).
  refused('y ~ factor(a, exclude = NULL)', /NULL \(R's empty value\) is not supported as a value here: leave the argument out/);
  refused('y ~ datasets::x', /datasets::x is an object of package "datasets", not a column/);
});

test('clusters and weights written as estimatr expressions are refused: vlab takes a column', () => {
  // R: lm_robust(y ~ x, d, clusters = interaction(a, t)) and weights = 1 / w fit; vlab names a column.
  refused('y ~ x', /clusters "interaction\(a, t\)" is not a column of the data: clusters takes a column's name, not an expression/, { clusters: 'interaction(a, t)' });
  refused('y ~ x', /weights "1 \/ w" is not a column of the data: weights takes a column's name/, { weights: '1 / w' });
  // A plain misspelling still gets the nearest column.
  refused('y ~ x', /weights references unknown column "ww" \(did you mean "w"\?\)/, { weights: 'ww' });
});

test("p.adjust's abbreviations (R's match.arg) are the method they stand for (p-adjust-abbreviations.test.ts)", () => {
  // R: p.adjust(c(0.01, 0.02), "bonf") is c(0.02, 0.04); refused naming the method until the sixteenth R trial.
  assert.deepEqual(pAdjust([0.01, 0.02], 'bonf'), [0.02, 0.04]);
  assert.deepEqual(pAdjust([0.01, 0.02], 'hoch'), pAdjust([0.01, 0.02], 'hochberg'));
  assert.deepEqual(pAdjust([0.01, 0.02], 'fdr'), pAdjust([0.01, 0.02], 'BH'));
});

test("vlab power and vlab fit name their options for R's argument names", () => {
  const vlab = (...args: string[]) => spawnSync(process.execPath, ['bin/vlab.js', ...args], { encoding: 'utf8' });
  for (const [args, words] of [
    [['power', '--sd', '1', '--delta', '0.3', '--n', '50'], "unknown option '--delta': write --effect (power.t.test's delta)"],
    [['power', '--sd', '1', '--sig.level', '0.01', '--n', '50'], "unknown option '--sig.level': write --alpha (power.t.test's sig.level)"],
    [['power', '--sd', '1', '--n', '50', '--alternative', 'one-sided'], 'alternative must be one of two.sided, one.sided (got "one-sided")'],
    [['fit', '--data', 'd.csv', '--formula', 'y ~ x', '--ci', '0.9'], "unknown option '--ci': the interval is always printed"],
  ] as const) {
    const run = vlab(...args);
    assert.equal(run.status, 2, args.join(' '));
    assert.ok(run.stderr.includes(words), `${args.join(' ')}: ${run.stderr}`);
  }
});

test('a misspelt column with parentheses is still a typo, named as the nearest column', () => {
  const spelled = rows.map((row) => ({ ...row, 'score (0-100)': row.x }));
  assert.throws(() => lmRobust({ formula: 'y ~ x', rows: spelled, weights: 'score (0-10)' }), /weights references unknown column "score \(0-10\)" \(did you mean "score \(0-100\)"\?\)/);
});

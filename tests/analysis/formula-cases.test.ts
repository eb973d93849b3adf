// lmRobust against estimatr on formulas analysts type: model-matrix coding (contrasts or indicators, with and
// without an intercept), the formula syntax estimatr accepts, missing values, declared levels, logical columns,
// and a factor left with one level. Expected values and R's error messages: tests/analysis/formula-cases/fits.json,
// written by `LC_ALL=C Rscript tests/analysis/formula-cases/generate.R`, which holds every R call
// (tidy(lm_robust(formula, data = read.csv(file, stringsAsFactors = TRUE, na.strings = c("", "NA")), ...))).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lmRobust, tableFromCsv, type TidyRow } from '../../analysis/index.ts';
import { parseFormula } from '../../analysis/helpers/formula.ts';
import { sortLevels } from '../../analysis/helpers/level-order.ts';
import { modelFrame } from '../../analysis/helpers/model-frame.ts';
import { buildDesignMatrix } from '../../analysis/helpers/model-matrix.ts';
import { denseColumns } from '../../analysis/helpers/sparse-design.ts';
import { assertMatchesR, type RRow } from './support.ts';

const folder = join(dirname(fileURLToPath(import.meta.url)), 'formula-cases');

interface FitCase {
  name: string;
  data: string;
  formula: string;
  clusters?: string;
  weights?: string;
  levels?: Record<string, string[]>;
  nobs?: number;
  expected?: (Omit<TidyRow, 'outcome'> & { term: string })[];
  error?: string;
  /** R's model.matrix and lm_robust's fitted values, for the model-matrix coding cases. */
  model_matrix?: { names: string[]; columns: number[][] };
  fitted?: number[];
}

const cases = JSON.parse(readFileSync(join(folder, 'fits.json'), 'utf8')) as FitCase[];
const read = (file: string) => tableFromCsv(readFileSync(join(folder, file)));
const fit = (c: FitCase) => lmRobust({ formula: c.formula, rows: read(c.data), clusters: c.clusters, weights: c.weights, levels: c.levels });
const close = (got: number, want: number) => Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));

for (const c of cases.filter((x) => x.model_matrix)) {
  test(`model matrix equals R's model.matrix: ${c.formula}`, () => {
    const formula = parseFormula('test', c.formula);
    const design = buildDesignMatrix(formula, modelFrame('test', read(c.data), formula, c.levels, {}));
    const expected = c.model_matrix as NonNullable<FitCase['model_matrix']>;
    assert.deepEqual(design.names, expected.names);
    const x = denseColumns(design);
    expected.columns.forEach((column, j) => column.forEach((v, i) => assert.equal(x[j * design.n + i], v, `${expected.names[j]} row ${i + 1}`)));
  });
}

for (const c of cases.filter((x) => x.expected)) {
  test(`equals estimatr: ${c.name} (${c.formula})`, () => {
    const result = fit(c);
    if (c.fitted) {
      // Fitted values do not depend on which column of a rank-deficient design is aliased.
      const formula = parseFormula('test', c.formula);
      const x = denseColumns(buildDesignMatrix(formula, modelFrame('test', read(c.data), formula, c.levels, {})));
      const n = c.fitted.length;
      c.fitted.forEach((want, i) => {
        const got = result.estimates.reduce((sum, row, j) => sum + (row.estimate ?? 0) * x[j * n + i], 0);
        assert.ok(close(got, want), `${c.name}: fitted value ${i + 1} got ${got}, expected ${want}`);
      });
    }
    const aliased = (rows: { term: string; estimate: number | null }[]) => rows.filter((r) => r.estimate === null).map((r) => r.term);
    if (aliased(result.estimates).join() !== aliased(c.expected ?? []).join()) {
      // Which column of a collinear set estimatr drops is Eigen's pivoting rule (helpers/qr.ts):
      // until it is matched, such a case checks its terms, rank and fitted values only.
      assert.deepEqual(result.estimates.map((r) => r.term), (c.expected ?? []).map((r) => r.term));
      assert.equal(result.rank, (c.expected ?? []).filter((r) => r.estimate !== null).length);
      return;
    }
    const expected = (c.expected ?? []).map((row): RRow => [
      row.term,
      row.estimate,
      row.std_error,
      row.statistic,
      row.p_value,
      row.conf_low,
      row.conf_high,
      row.df,
    ]);
    assertMatchesR(result.estimates, expected, c.name);
    assert.equal(result.nobs, c.nobs, `${c.name}: nobs`);
  });
}

test('a factor left with one level after dropping missing rows is an error naming it, as R refuses it', () => {
  const c = cases.find((x) => x.name === 'one level after NA') as FitCase;
  assert.equal(c.error, 'contrasts can be applied only to factors with 2 or more levels');
  assert.throws(() => fit(c), {
    message:
      'lmRobust: factor "g" has only one level ("early") in the rows without missing values; ' +
      'contrasts can be applied only to factors with 2 or more levels (as in R)',
  });
});

test('a factor with one level in the data is the same error, also when coded by indicators', () => {
  const rows = [1, 2, 3, 4].map((y) => ({ y, x: y * y, g: 'only' }));
  for (const formula of ['y ~ x + g', 'y ~ 0 + g + x', 'y ~ x:g']) {
    assert.throws(() => lmRobust({ formula, rows }), /lmRobust: factor "g" has only one level \("only"\)/, formula);
  }
});

test('the outcome and the term names follow R: log(y), poly(x, 2)1, factor(k)10, relevel(f, ref = "b")a', () => {
  const rows = tableFromCsv(readFileSync(join(folder, 'main.csv')));
  const result = lmRobust({ formula: 'log(x) ~ poly(z, 2) + factor(k) + relevel(f, ref = "b")', rows, levels: { f: ['a', 'b', 'c'] } });
  assert.deepEqual(
    result.estimates.map((r) => r.term),
    ['(Intercept)', 'poly(z, 2)1', 'poly(z, 2)2', 'factor(k)2', 'factor(k)10', 'relevel(f, ref = "b")a', 'relevel(f, ref = "b")c'],
  );
  assert.equal(result.estimates[0].outcome, 'log(x)');
});

test('warnings: level order that R may sort otherwise, values outside declared levels, NaNs, offsets', () => {
  const read = (file: string) => tableFromCsv(readFileSync(join(folder, file)));
  const labels = lmRobust({ formula: 'y ~ income + fruit + x', rows: read('labels.csv') });
  assert.equal(labels.warnings.length, 2);
  assert.match(labels.warnings[0], /^lmRobust: levels of "income" are sorted in code-point order \(R's C locale\): reference "10-50k"; .*\(reference "< 10k"\)/);
  assert.match(labels.warnings[1], /levels of "fruit" .* reference "Banana"; .*\(reference "apple"\).*--levels or --codebook/);
  // Declared levels take the question away; a value outside them becomes NA and its row is dropped.
  const declared = lmRobust({ formula: 'y ~ b + x', rows: read('main.csv'), levels: { b: ['s', 'r'] } });
  assert.equal(declared.warnings.length, 1);
  assert.match(declared.warnings[0], /^lmRobust: \d+ values of "b" outside its declared levels \("t"\) became missing/);
  assert.equal(declared.nDropped, 90 - declared.nobs);
  const nan = lmRobust({ formula: 'y ~ log(z) + a + offset(x)', rows: read('gaps.csv') });
  assert.deepEqual(
    nan.warnings.map((w) => w.replace(/\d+ rows/, 'N rows')),
    [
      'lmRobust: log(z) gives NaN for N rows (R: "NaNs produced"); they are missing and their rows are dropped',
      'lmRobust: offset(x) is ignored, as estimatr::lm_robust ignores offsets (only its missing values drop rows)',
    ],
  );
  assert.deepEqual(lmRobust({ formula: 'y ~ a * b', rows: read('main.csv') }).warnings, []);
});

test('levels sort in code-point order (R in the C locale), with a warning wherever R in en_US.UTF-8 sorts otherwise', () => {
  // R's sort() of each set in the C locale and in en_US.UTF-8 (with ICU, and with strcoll): collation.json.
  const sets = JSON.parse(readFileSync(join(folder, 'collation.json'), 'utf8')) as { labels: string[]; c: string[]; en_US_icu: string[]; en_US_strcoll: string[] }[];
  for (const set of sets) {
    const sorted = sortLevels(set.labels);
    assert.deepEqual(sorted.levels, set.c);
    const differs = [set.en_US_icu, set.en_US_strcoll].some((order) => order.join('\u0000') !== set.c.join('\u0000'));
    assert.equal(sorted.mayDiffer, differs, set.labels.join(', '));
    if (differs) assert.ok([set.en_US_icu[0], set.en_US_strcoll[0]].includes(sorted.localeFirst), set.labels.join(', '));
  }
});

test('factor() of a term that makes NaN (log of a negative) is refused in words: R keeps NaN as a level "NaN"', () => {
  // R trial 19: d <- read.csv(text = CSV); lm_robust(y ~ factor(log(x - 0.3)), data = d) fits 10 rows with a level
  // factor(log(x - 0.3))NaN (estimate 2.1: the two rows where x < 0.3 as one more group), where y ~ log(x - 0.3) drops
  // them (8 rows): factor() keeps NaN as a level, which is not what the term means; vlab had dropped them silently.
  const csv = 'y,x\n1.2,0.5\n2.3,1.1\n3.1,0.2\n2.2,0.9\n4.1,1.7\n3.3,0.1\n2.9,1.2\n1.1,0.4\n3.5,0.8\n2.0,0.6\n';
  const rows = tableFromCsv(csv);
  assert.throws(
    () => lmRobust({ formula: 'y ~ factor(log(x - 0.3))', rows }),
    /^AnalysisError: lmRobust: factor\(log\(x - 0\.3\)\): log\(x - 0\.3\) gives NaN for 2 rows: R's factor\(\) keeps NaN as a level "NaN"/,
  );
  // The numeric term itself drops those rows, as R's na.omit does (8 rows in R too).
  assert.equal(lmRobust({ formula: 'y ~ log(x - 0.3)', rows }).nobs, 8);
});

test('factor() of a numeric column with "NaN" cells is refused in words: R keeps NaN as a level, vlab reads it as NA', () => {
  // R trial 19: d <- read.csv(text = CSV) reads k as numeric with NaN; lm_robust(y ~ factor(k) + x, data = d) fits
  // 10 rows with a level factor(k)NaN (estimate 1.6017), while y ~ k + x drops those rows (8): is.na(NaN) is TRUE, but
  // factor(NaN) is the level "NaN". vlab had fitted 8 rows silently; a written NA is missing in both.
  const csv = 'y,k,x\n1.2,1,0.5\n2.3,2,1.1\n3.1,NaN,0.2\n2.2,1,0.9\n4.1,2,1.7\n3.3,NaN,0.4\n2.9,3,1.2\n1.1,3,0.1\n3.5,1,0.8\n2.0,2,0.3\n';
  assert.throws(
    () => lmRobust({ formula: 'y ~ factor(k) + x', rows: tableFromCsv(csv) }),
    /^AnalysisError: lmRobust: factor\(k\): column "k" has 2 cells "NaN": R's factor\(\) keeps NaN as a level "NaN"/,
  );
  // as.character(NaN) is "NaN", a level too (R: lm_robust(y ~ as.character(k) + x, data = d)$nobs is 10).
  assert.throws(
    () => lmRobust({ formula: 'y ~ as.character(k) + x', rows: tableFromCsv(csv) }),
    /^AnalysisError: lmRobust: as\.character\(k\): column "k" has 2 cells "NaN": R's as\.character\(\) makes them the text "NaN", a level/,
  );
  assert.equal(lmRobust({ formula: 'y ~ k + x', rows: tableFromCsv(csv) }).nobs, 8);
  assert.equal(lmRobust({ formula: 'y ~ factor(k) + x', rows: tableFromCsv(csv.replaceAll('NaN', 'NA')) }).nobs, 8);
});

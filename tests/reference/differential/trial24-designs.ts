// The twenty-fourth R trial's classes (task rtrial24, 2026-12-05): inputs no earlier trial stored, each drawn from a
// stated seed (Draw(seed), seeds 24_100_000 + k), fitted by estimatr / survey and stored in expected.json.gz (refit:
// write-inputs.ts, then differential.R; only new cases are refitted). What each class stresses:
// - whole-column-24: sum() and length() inside I() (vlab refused both until this trial: 'unknown function "length"'),
//   computed over every row of the data as model.frame does before na.omit: length counts the missing values and the
//   rows later dropped for a missing outcome, `sum(xq)/length(xq)` is not mean(xq, na.rm = TRUE), sum of TRUE/FALSE,
//   sum(x) of a column with NA (R: NA on every row, lm_robust gives every estimate NA; vlab refuses in words); and the
//   rows where log() makes NaN kept by is.na() and ifelse(is.na()) (the warning now says so), under HC, CR and cregg.
// - number-like-levels-24: text levels that look like numbers ("01", "1", "1.0", " 1", "1e0") beside "x" (read.csv
//   keeps the column text; C order " 1" < "01" < "1" < "1.0" < "1e0" < "x"), as a main effect, in an interaction under
//   CR2, relevel()ed to "1.0", with declared levels; and the same quoted numbers without "x" (read.csv reads numbers:
//   "01", "1" and "1.0" are one value) under factor().
// - cluster-constant-24: an outcome constant within every cluster (a cluster-level outcome), with a cluster-level
//   treatment and a row-level covariate, under CR2, CR0, stata (weighted) and HC2; difference_in_means of it, clustered
//   and blocked-clustered.
// - huge-integer-outcome-24: an integer outcome near 1e15 (differences of 1 to 4,000: every one exact in a double), R
//   fitting I(y - 1e15) (`outcome_shift`), under HC2, weighted HC1 and CR2.
// - analyst-math-24: functions vlab refused until this trial (sin/cos of a cycle, tanh, atan, asinh, seq_along() as a
//   time trend, cumsum() and a running mean, cumsum() of a column with NA made 0, weighted.mean() centring) under HC,
//   CR2 with weights, stata and cregg.
// - analyst-text-24: text functions vlab refused until this trial: tolower/toupper (levels merged: "X" and "x"), trimws
//   (" 1" and "1" one level), nchar (NA stays NA), paste/paste0 of text, numbers, TRUE/FALSE and a factor (a missing
//   value pasted as "NA": the row stays), weighted, clustered.
// - rake-case-24: survey::rake with margins named in another case than the data ("male" for "Male"; R: the strata do
//   not match), and the same margins spelled as the data, given as counts.
import type { SeType } from '../../../analysis/index.ts';
import type { DataSet, DimCase, FitCase, RakeCase } from './case-types.ts';
import { dim, fit, numbers, strings } from './case-builders.ts';
import { Draw, type Column } from './random-data.ts';

interface Built {
  data: DataSet[];
  cases: (FitCase | DimCase | RakeCase)[];
}

const SEED = 24_100_000;
const ID = 't24';
const ROWS = 120;

/**
 * 120 rows in 24 clusters of 5 (cl) and 6 blocks of 4 clusters (bl); y and yq (NA in rows i % 5 = 3); x (0.1–5 to one
 * decimal) and xq (NA in rows i % 6 = 1); u (N(0, 1), so log(u) is NaN on about half); z (0/1 by row) and zc (0/1 by
 * cluster, both in every block); text f (lo, mid, hi); nl (number-like text with "x"), nn (quoted numbers only);
 * yc (constant within a cluster); yl (integers near 1e15); sex (Male/Female), region (N/S/E); weights w (0.2–3).
 */
function trialData(draw: Draw): Column[] {
  const rows = Array.from({ length: ROWS }, (_, i) => i);
  const cl = rows.map((i) => 1 + Math.floor(i / 5));
  const bl = cl.map((c) => 1 + Math.floor((c - 1) / 4));
  const zcByCluster = Array.from({ length: 24 }, (_, c) => (c % 4 < 2 ? 1 : 0));
  const x = rows.map(() => Number(draw.uniform(0.1, 5).toFixed(1)));
  const u = rows.map(() => Number(draw.normal().toFixed(3)));
  const z = rows.map(() => (draw.chance(0.5) ? 1 : 0));
  const zc = cl.map((c) => zcByCluster[c - 1]);
  const f = rows.map((i) => ['lo', 'mid', 'hi'][i < 3 ? i : draw.int(3)]);
  const like = ['01', '1', '1.0', ' 1', '1e0', 'x'];
  const nl = rows.map((i) => like[i < like.length ? i : draw.int(like.length)]);
  const nn = rows.map((i) => ['01', '1', '1.0', '2', '10'][i < 5 ? i : draw.int(5)]);
  const sex = rows.map(() => (draw.chance(0.55) ? 'Male' : 'Female'));
  const region = rows.map((i) => ['N', 'S', 'E'][i < 3 ? i : draw.int(3)]);
  const w = rows.map(() => Number(draw.uniform(0.2, 3).toFixed(3)));
  const shock = Array.from({ length: 25 }, () => 0.5 * draw.normal());
  const y = rows.map((i) => Number((1 + 0.4 * x[i] + 0.3 * z[i] - 0.2 * u[i] + (nl[i] === 'x' ? 0.5 : 0) + shock[cl[i]] + draw.normal()).toFixed(5)));
  const yq = y.map((v, i) => (i % 5 === 3 ? null : v));
  const xq = x.map((v, i) => (i % 6 === 1 ? null : v));
  const clusterLevel = Array.from({ length: 25 }, () => Number(draw.normal().toFixed(4)));
  const yc = cl.map((c) => Number((clusterLevel[c] + 0.6 * zcByCluster[c - 1]).toFixed(4)));
  const yl = rows.map((i) => 1e15 + Math.round(1000 + 300 * x[i] + 200 * z[i] + 400 * draw.normal()));
  return [numbers('y', y, 5), numbers('yq', yq, 5), numbers('x', x, 1), numbers('xq', xq, 1), numbers('u', u, 3), numbers('z', z, 0),
    numbers('zc', zc, 0), strings('f', f), strings('nl', nl), strings('nn', nn), numbers('yc', yc, 4), numbers('yl', yl, 0),
    strings('sex', sex), strings('region', region), numbers('w', w, 3), numbers('cl', cl, 0), numbers('bl', bl, 0)];
}

const WHOLE_COLUMN: [string, string, SeType, Partial<FitCase>?][] = [
  ['rank-by-length', 'y ~ I(rank(xq)/length(xq))', 'HC2'],
  ['length-counts-dropped', 'yq ~ I(rank(x)/length(x)) + f', 'CR2', { clusters: 'cl' }],
  ['share-of-sum', 'y ~ I(x/sum(x)) + z', 'HC1'],
  ['sum-na-rm', 'yq ~ I(xq/sum(xq, na.rm = TRUE)) * z', 'classical'],
  ['sum-over-length', 'y ~ I(xq - sum(xq, na.rm = TRUE)/length(xq))', 'HC2'],
  ['sum-logical', 'y ~ I(sum(z) * x/length(z)) + I(sum(x > 2.5) + u)', 'HC3', { weights: 'w' }],
  ['sum-two', 'y ~ I(x/sum(x, u)) + f', 'CR0', { clusters: 'cl', weights: 'w' }],
  ['length-text', 'y ~ I(length(f) - rank(f)) + z', 'stata', { clusters: 'cl' }],
  ['cregg', 'yq ~ I(x/sum(x)) + f', 'cregg', { clusters: 'cl' }],
  ['is-na-log', 'y ~ is.na(log(u)) + x', 'HC2'],
  ['ifelse-log', 'y ~ ifelse(is.na(log(u)), 0, log(u)) + z', 'CR2', { clusters: 'cl' }],
  ['log-beside-rank', 'y ~ log(u) + rank(log(u))', 'HC2'],
];

const NUMBER_LIKE: [string, string, SeType, Partial<FitCase>?][] = [
  ['main', 'y ~ nl', 'HC2'],
  ['by-z', 'y ~ nl * z', 'CR2', { clusters: 'cl' }],
  ['relevel', 'y ~ relevel(factor(nl), ref = "1.0") + x', 'HC1'],
  ['declared', 'y ~ nl + x', 'stata', { clusters: 'cl', weights: 'w', levels: { nl: ['x', '1e0', '1.0', '1', '01', ' 1'] } }],
  ['numbers', 'y ~ nn + x', 'HC2'],
  ['numbers-factor', 'y ~ factor(nn) * z', 'classical'],
  ['as-character', 'y ~ as.character(nn)', 'HC3', { weights: 'w' }],
];

const CLUSTER_CONSTANT: [string, string, SeType, Partial<FitCase>?][] = [
  ['cr2', 'yc ~ zc', 'CR2', { clusters: 'cl' }],
  ['cr2-covariate', 'yc ~ zc + x', 'CR2', { clusters: 'cl' }],
  ['cr0', 'yc ~ zc * x', 'CR0', { clusters: 'cl' }],
  ['stata-weighted', 'yc ~ zc + f', 'stata', { clusters: 'cl', weights: 'w' }],
  ['hc2', 'yc ~ zc + x', 'HC2'],
];

const ANALYST_MATH: [string, string, SeType, Partial<FitCase>?][] = [
  ['cycle', 'y ~ sin(2 * pi * x/5) + cos(2 * pi * x/5) + z', 'HC2'],
  ['cycle-weighted', 'y ~ sin(2 * pi * x/5) * z', 'CR2', { clusters: 'cl', weights: 'w' }],
  ['squash', 'y ~ tanh(u) + atan(x) + asinh(u)', 'HC3'],
  ['trend', 'y ~ seq_along(x) * z', 'stata', { clusters: 'cl' }],
  // The running mean, and cumsum of a column with NA made 0 (cumsum(xq) is NA from row 2 on: one row left).
  ['cumsum', 'y ~ cumsum(z) + I(cumsum(x)/seq_along(x))', 'HC1'],
  ['cumsum-na', 'y ~ cumsum(ifelse(is.na(xq), 0, xq)) + z', 'HC2', { weights: 'w' }],
  ['weighted-centre', 'yq ~ I(x - weighted.mean(x, w)) * z', 'CR2', { clusters: 'cl' }],
  ['weighted-centre-na', 'y ~ I(xq - weighted.mean(xq, w, na.rm = TRUE)) + f', 'cregg', { clusters: 'cl' }],
];

const ANALYST_TEXT: [string, string, SeType, Partial<FitCase>?][] = [
  ['tolower', 'y ~ tolower(nl)', 'HC2'],
  ['toupper-by-z', 'y ~ toupper(sex) * z', 'CR2', { clusters: 'cl' }],
  ['trimws', 'y ~ trimws(nl) + x', 'HC1'],
  ['nchar', 'y ~ nchar(nl) + nchar(xq)', 'HC2'],
  ['paste', 'y ~ paste(f, z)', 'HC2', { weights: 'w' }],
  ['paste0', 'y ~ paste0(f, "_", z) + x', 'stata', { clusters: 'cl' }],
  ['paste-na', 'y ~ paste(sex, xq > 2.5)', 'classical'],
  ['paste-sep', 'y ~ paste(sex, region, sep = "/") + x', 'CR0', { clusters: 'cl', weights: 'w' }],
  ['paste-factor', 'y ~ paste0(tolower(f), factor(z))', 'HC3'],
];

/** The stored cases of the twenty-fourth trial. */
export function trial24Designs(): Built {
  const data = `${ID}-data`;
  const whole = WHOLE_COLUMN.map(([name, formula, se, extra]) => fit('whole-column-24', `${ID}-whole-${name}`, data, formula, se, extra));
  // R: sum(xq) is NA, so is every row; lm_robust gives every estimate NA.
  whole.push(fit('whole-column-24', `${ID}-whole-sum-missing`, data, 'y ~ I(x/sum(xq))', 'HC2', { refusal: 'sum(xq) is NA in R because xq has 20 missing values' }));
  const like = NUMBER_LIKE.map(([name, formula, se, extra]) => fit('number-like-levels-24', `${ID}-levels-${name}`, data, formula, se, extra));
  const constant: (FitCase | DimCase)[] = CLUSTER_CONSTANT.map(([name, formula, se, extra]) => fit('cluster-constant-24', `${ID}-constant-${name}`, data, formula, se, extra));
  constant.push(
    dim('cluster-constant-24', `${ID}-constant-dim`, data, { outcome: 'yc', treatment: 'zc', clusters: 'cl' }),
    dim('cluster-constant-24', `${ID}-constant-dim-blocked`, data, { outcome: 'yc', treatment: 'zc', clusters: 'cl', blocks: 'bl', weights: 'w' }),
  );
  const huge = ([['hc2', 'yl ~ x + f', 'HC2', {}], ['hc1-weighted', 'yl ~ x * z', 'HC1', { weights: 'w' }], ['cr2', 'yl ~ x + z', 'CR2', { clusters: 'cl' }]] as const).map(
    ([name, formula, se, extra]) => fit('huge-integer-outcome-24', `${ID}-huge-${name}`, data, formula, se, { ...extra, outcome_shift: 1e15 }),
  );
  const math = ANALYST_MATH.map(([name, formula, se, extra]) => fit('analyst-math-24', `${ID}-math-${name}`, data, formula, se, extra));
  const text = ANALYST_TEXT.map(([name, formula, se, extra]) => fit('analyst-text-24', `${ID}-text-${name}`, data, formula, se, extra));
  const rake = (name: string, margins: RakeCase['margins']): RakeCase => ({ kind: 'rake', id: `${ID}-rake-${name}`, group: 'rake-case-24', data, margins });
  const rakes = [
    rake('lower-case', { sex: { male: 0.49, female: 0.51 } }),
    rake('lower-case-second', { region: { N: 0.3, S: 0.3, E: 0.4 }, sex: { MALE: 0.49, FEMALE: 0.51 } }),
    rake('counts', { region: { N: 3_000, S: 3_500, E: 3_500 }, sex: { Male: 4_900, Female: 5_100 } }),
  ];
  return { data: [{ id: data, columns: trialData(new Draw(SEED)) }], cases: [...whole, ...like, ...constant, ...huge, ...math, ...text, ...rakes] };
}

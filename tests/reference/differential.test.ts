// The differential test: several hundred seeded designs of the kind analysts run, fitted by vlab and compared
// with R's STORED output (estimatr 1.0.0 lm_robust and difference_in_means, survey 4.1-1 svyglm for cregg and
// rake, stats p.adjust and power.t.test on R 4.2.2), at the reference tolerance: relative 1e-6 (absolute 1e-10
// near zero); p-values relative 1e-6 where R's p > 1e-15.
//
// How the data stay portable without bloating the repo: differential/*.ts draw every data set from a stated
// seed with exact arithmetic only (Mulberry32, Irwin–Hall normals, toFixed; see random-data.ts), so the same
// CSV text comes out on every machine. `Rscript tests/reference/generate.R` writes that text to a temporary
// folder (write-inputs.ts), R fits it (differential/differential.R, which also records each case's R call)
// and stores the expected values in differential/expected.json.gz; the data themselves are not stored. This
// test regenerates the same CSV text, writes it to a temporary file and reads it back through the CLI's own
// reader (readData, as `vlab fit --data` does), so the CSV path is tested too. Each stored case carries the
// sha256 of its inputs: a changed generator fails as "inputs changed, regenerate", never as a wrong estimate.
//
// On a CR2 fit whose X is ill-conditioned (a covariate far from zero with little spread) estimatr itself loses
// digits; there differential/cr2-reference.R stores a second reference computed on the orthonormal design X = QR
// by clubSandwich and cross-checked by estimatr on Q, and the case is compared with it (one case today,
// random-17-CR2: estimatr's intercept SE is off by 3e-5, its df by 10 %; vlab agrees with the Q route to 1e-11).
// A test below keeps that list short and checks that estimatr's own output stays within 1e-3 of it. Nearly collinear
// designs (R trial 32, a case's `q_reference`) go further: estimatr's SEs are off by up to 43 % or NaN and its CR2 df
// fall to 1, its estimates stay sound; differential/q-reference.R fits them on Q for every se type (estimatr, or
// clubSandwich for CR2, or svyglm for cregg, on Q, mapped back by R⁻¹) and the test compares vlab with that.
//
// Cases are grouped: `random` designs, and one group per class of issue 11 (CR2 df, weighted CR2 far from
// zero, model-matrix coding, aliasing, one-level factors, level order, formula syntax, values outside declared
// levels, TRUE/FALSE outcomes), plus dim, p-adjust and power, and the fourth R trial's classes (trial4-designs.ts: many
// levels with few clusters under CR2, weighted aliased CR2, leverage near 1, outcomes at 1e9 and 1e-9, cluster-level
// treatment, comparisons in I(), extreme alphas, text labels, block shapes, drawn p.adjust and power.t.test inputs,
// survey::rake margins), and the sixth's (trial6-designs.ts: weighted difference_in_means with blocks and clusters,
// weights + clusters + interactions, NA in design columns, one-cluster edges), and the seventh's (trial7-designs.ts:
// multi-arm difference_in_means with condition1/condition2, numeric × numeric and no-intercept formulas, zero weights
// under every se type, covariates at 1e8 beside 1e-8, degenerate columns, formula edges such as log(x, 2)), and the
// eighth's (trial8-designs.ts: C-locale order of text levels, numeric factor levels, cluster ids spelled alike, equal
// weights, huge N in few clusters, empty cells, `.`, y ~ 1, R's other spellings, random formulas, ordered factors,
// the clusters' own dummies), and the ninth's (trial9-designs.ts: %% and %/%, pi, the round family, pmin/pmax, ifelse,
// as.numeric/as.character, interaction(), cut(), mean() centring), and the tenth's (trial10-designs.ts: constant outcomes
// in every difference_in_means design, a grid of blocks × clusters × weights × named conditions, cluster labels reused
// across blocks, odd level names, 4–9 rows, weighted clustered fixed effects, missing values everywhere, random formulas,
// p.adjust with NA), and R's functions of rfun10-designs.ts (ifelse of text and factors, NA/Inf/NaN and 2L,
// mean(trim =), median, min/max, sd, var, rev, interaction(lex.order = TRUE), cut() with quantile()/seq() breaks,
// se_type "none" refused), and the twelfth's (trial12-designs.ts: x^2 and (x + t + a)^2 at the top of a formula, a
// comparison in parentheses, exp(), negative powers, named arguments, nested calls, a variable twice, a/x, relevel() of
// text (R stops), integers beyond 2^31; labels differing only by case, a space or a composed accent; clusters of one
// row, weights 0 on singletons, an aliased column under HC1; difference_in_means with one-unit clusters, zero weights,
// text arms and an outcome at 1e9 varying in the fourth decimal; p.adjust of an empty vector; power.t.test at alpha
// 1e-8 and power 0.99999; survey::rake with one margin, counts of 1e9, the text variants, a share of 1e-6),
// and the thirteenth's (trial13-designs.ts: lm_robust of an outcome at 1e9 ± 1e-3 under every se type, R fitting
// I(y - 1e9) and moving the intercept back (`outcome_shift`); a missing value in each role; covariates at 1e-7 and 1e7
// in one model; a factor level of one row; weights 0 on 70 % of rows and on whole clusters; a factor × ordered factor
// with an empty cell; p.adjust ties at 0, 1 and 1e-300 and around NA; power.t.test at n = 2; survey::rake with shares
// of 1e-9 and 1e-12 and counts of 3e-6), and the fourteenth's (trial14-designs.ts: a weight of 1e-12, weighted CR2 with
// singleton clusters, a 0/1 outcome with 3 ones, a × b with an empty cell weighted under CR2, difference_in_means with
// blocks, clusters and a third arm (R on the two conditions' rows, `subset_conditions`), an outcome at 1e-9, level names
// 10, 9 and 1e3, leverage 1 − 1e-7, p.adjust hommel/BY with NA, survey::rake with a margin level the sample lacks), and
// the fifteenth's (trial15-designs.ts: the breadth of what analysts type — transformations in formulas, `.`, `^2`,
// `a*b - a:b`, offset(), se types with and without clusters, difference_in_means's arguments, p.adjust and power.t.test
// by R's names), and the sixteenth's (trial16-designs.ts: estimatr's fixed_effects under every se type with clusters and
// weights, p.adjust's abbreviations as match.arg reads them, power.t.test one-sided, one-sample and paired, option
// combinations no earlier trial produced), and the seventeenth's (trial17-designs.ts: fixed effects meeting the formula
// — the fixed effect's column in it, levels collinear with them only together, transformations, declared levels, zero
// weights, nested fixed effects, `~ g:g2` and `~ factor(h)` as estimatr reads them, 300 participants' fixed effects
// under CR2 — and analysts' arms with spaces in difference_in_means and lm_robust), and the eighteenth's (trial18-designs.ts:
// transformed fixed effects such as ~ log(h), ~ round(hx), ~ I(h > 2), ~ interaction(g, f); fixed effects with singleton
// clusters under CR2, CR0 and stata; outcomes at 1e-9 and 1e9 with factor × numeric terms; a factor × numeric with
// missing values; poly/I()/log1p/pmax terms; two of four arms in difference_in_means with blocks, clusters and weights;
// p.adjust with all but one or two NA; power.t.test where R's n lies below 1 df), and the nineteenth's (trial19-designs.ts:
// p.adjust's n, a family larger than the p-values given, or smaller, where R stops), and the twentieth's (trial20-designs.ts:
// weights with zeros and tiny values in one column beside clusters under CR2, CR0 and stata; a factor crossed with a
// transformed numeric such as f * log(x); `- 1`/`0 +` with factors; difference_in_means of two of four arms with blocks,
// weighted or not; survey::rake with numeric codes, three margins, counts and base weights from 1e-3 to 1e3), and the
// twenty-second's (trial22-designs.ts: three-way interactions of numerics and factors, `x:z` without main effects; fixed
// effects with weights, clusters and interactions; a factor left with one level once NA rows go; one variable as
// numbers, quoted numbers, text and factor(); all-singleton clusters; scale(), poly(), cut() and mean() computed on rows
// later dropped for a missing outcome; survey::rake with four margins and contradicting nested margins; pwr::pwr.t2n.test of two unequal arms, n2 solved for a given n1),
// and its leftovers (trial23-designs.ts: rank() with missing values, na.last and ties.method, which vlab refused until then;
// exp, sqrt, abs, log1p/log2/log10, as.numeric, as.factor, relevel, I(x > 3), ifelse, is.na, pmin/pmax and %in% on
// columns with missing values), and the twenty-fourth's (trial24-designs.ts: sum() and length() in I(), rows where log()'s
// NaN is kept by is.na(); text levels that look like numbers; an outcome constant within clusters; an integer outcome
// near 1e15; sin/cos, tanh, seq_along(), cumsum() and weighted.mean(); paste(), tolower(), trimws(), nchar(); survey::rake with margins named in another case
// than the data), and the twenty-fifth's (trial25-designs.ts: a treatment by a three-level, a continuous and a moderator
// with an empty cell, under HC, CR2, stata and cregg; difference_in_means with blocks and clusters; alpha 0.001 to 0.2),
// and the twenty-seventh's (trial27-designs.ts: a declared level no row has, crossed with a numeric; transformed outcomes,
// log() of 0 refused in words; clusters with NA beside singletons and zero weights; two fixed effects; p.adjust with NA
// and ties; 40 drawn fits of them), and the twenty-eighth's (trial28-designs.ts: p below 1e-12, alpha 1e-14 and 0.999, CR2 of
// three unbalanced clusters; weights × clusters × two fixed effects under every se type; survey::rake with an empty cross
// cell and one-level margins; every p.adjust method with NA and ties; power.t.test edges; formula corners such as
// `factor(k) - 1`, `x:z`, `poly(x, 2, raw = TRUE)`, `offset()`; lm_robust's and difference_in_means's `subset =`), and the
// twenty-ninth's (trial29-designs.ts: fixed effects with weights and singleton or all-NA clusters; factors with numerics
// and factors without main effects, relevel(), factor(levels =), empty cells after NA rows go; I()/poly()/scale() inside
// interactions, lm_lin's formula; alpha 0.001–0.9 at df 1–3; difference_in_means with blocks and clusters, matched pairs,
// cluster pairs, condition1/condition2, zero weights; survey::rake from base weights with 3–4 margins; p.adjust of 240
// p-values with NA; pwr.t2n.test without strict and power edges; as.numeric() of text), and the thirtieth's
// (trial30-designs.ts: power.prop.test as `power_prop` cases; difference_in_means with arms of 1–2 rows, constant arms,
// 1e-8/1e9 scales; lm_robust at those scales, with collinear weighted covariates, nested and crossing fixed effects,
// weighted CR2 with singletons, alpha 1e-9/0.999; `%in%`, offset(), `-1 + 0`, powers of sums, `.`; hommel/BY with
// ties and large n; survey::rake with empty or zero-share levels; 30 drawn fits), and the thirty-first's (trial31-designs.ts:
// weights from 1e-6 to 1e6 with zeros; difference_in_means with blocks of one and two rows and matched pairs; CR2 with one
// cluster of half the rows beside 120 tiny ones; factor interactions with empty cells under stata; levels "01", "1" and
// "1.0"; TRUE/FALSE and 0/1 outcomes; formulas of 40 terms; p.adjust with NA and a larger n; power.t.test edges;
// power.prop.test with p1 = p2; survey::rake with six margins; 30 drawn fits), and the thirty-second's (trial32-designs.ts:
// columns 1e-2 to 1e-8 off collinear; outcomes at 1e6, 1e9 and 1e12 plus unit noise, covariates offset by 1e3 and 1e4;
// 4 treated rows of 600 and a level of 2 rows; fixed effects with weights, clusters and a treatment × moderator absorbed
// or not; declared unused levels on fixed effects, blocks and treatments; levels, cells and clusters of weight 0 only;
// poly() of degree 3–5; svyglm moderation with weights; p.adjust of subnormal p, 0 and 1, near-ties; power at alpha
// 1e-15 to 0.999; 30 drawn fits), and the thirty-third's (trial33-designs.ts: difference_in_means with blocks of clusters
// of 1–40 rows, pairs, pairs beside fours, pairs of clusters; a factor × a moderator centred or not; levels differing
// by case or accent; NA in moderators, weights and clusters; fixed effects under HC2, HC3 and CR2 with a second
// reference, the dummies' fit by sandwich and clubSandwich (`fe_reference`, fe-reference.R); survey::rake's weights
// then a moderation fit (`rake_margins`); weighted CR2 of nearly collinear columns against the weighted fit on Q;
// hommel and BY at ties and NA; 50 drawn fits), and the thirty-fourth's (trial34-designs.ts: survey::rake's weights under
// cregg; a column beside a linear transform with and without fixed effects; weights with zeros under CR2 with 2–4, singleton
// and nested clusters and subset; difference_in_means of two of four arms with blocks, clusters and weights; p.adjust with
// n far above, all NA, 0 and 1; power.t.test, power.prop.test and pwr.2p.test/pwr.2p2n.test (`power_h`) at extremes), and
// the thirty-fifth's (trial35-designs.ts: ordered factors with fixed effects; rake then fixed effects; one row a cluster;
// n = p + 1 by subset; equal weights with fixed effects; NA in every role at once; terms collinear with the fixed effects
// only together, 24 of them drawn (vlab follows estimatr's pivot where the norms decide); difference_in_means with equal weights
// and reversed named arms; p.adjust at drawn ties; 30 drawn fits), and the thirty-sixth's (trial36-designs.ts: zero
// weights on whole clusters; one cluster of 100 beside 60 of one under CR2; factor × numeric under CR2 with two fixed
// effects; subsets that empty a level; text outcomes; weights × 1e6 and × 1e-6; rake to a level the sample lacks;
// difference_in_means with two units in an arm; p.adjust with NA; pwr at edges; terms collinear with two fixed effects
// together; 30 drawn fits), and the thirty-seventh's (trial37-designs.ts: weights, clusters and fixed effects in one fit
// at alpha 0.01–0.5; two factors with an empty cell crossed with a numeric; levels R orders by code point where UTF-16
// differs, as factor, fixed effect, clusters and arms; clusters whose every coefficient is their own, refused in words;
// difference_in_means with blocks, clusters and weights; rake to 24 single years; p.adjust of one value and of 0/1;
// power just above alpha; 30 drawn fits), and the thirty-eighth's (trial38-designs.ts: a missing value in the fixed
// effects, a subset's condition, the clusters or a factor, and a reference level whose rows all lack the outcome;
// exactly collinear integer columns and a factor nested in another, in every order; declared levels with an unused
// first level or a subset that drops the declared reference; stata with one cluster of one row; difference_in_means
// with pair blocks beside large ones and blocks with missing ids; p.adjust ties with NA; pwr with one arm of 2 or 3
// beside 1e5–1e7; 30 drawn fits), and the thirty-ninth's (trial39-designs.ts: one weight column with zeros beside 1e-9 to
// 9e9 under every se type; clusters nested in absorbed fixed effects with a factor × numeric with NA; outcomes constant
// within an arm; outcomes at 1e8 and 1e-8 with fixed effects; difference_in_means of four cluster-level arms in blocks by
// condition1/condition2; p.adjust of 200 tied values; rake from zero and extreme base weights; 30 drawn fits), and the
// fortieth's (trial40-designs.ts: a 2x2x2x2 factorial with every interaction, by a party moderator, with a fixed effect;
// the factors by a centred moderator; 2–4 unequal clusters; frequency weights beside replicated rows; a Likert outcome
// stored as labels; analysts' idioms such as scale(age)[, 1] and c(scale(age)); dim blocked by factorial cells; power
// at the flagship's sizes; 30 drawn fits), and the forty-first's (trial41-designs.ts: zero weights beside one-row clusters;
// a fixed effect with one-row groups beside one-row clusters; factor × continuous with an empty cell; analysts' formulas
// with d$x; difference_in_means with blocks of two clusters beside larger ones; p.adjust with NA; power edges; 30 drawn fits),
// and the forty-second's (trial42-designs.ts: weights, fixed effects and clusters in one fit, each missing on a few rows; alpha
// 0.001 to 0.5; 20 drawn fits at drawn alphas), and the forty-third's (trial43-designs.ts: factor × numeric with NA in both;
// subset with weights and clusters; CR2 with one-row clusters beside clusters of 60; HC2/HC3 at leverage 1 − 4e-5 to
// 1 − 4e-9; difference_in_means with blocks and clusters of 2–9 rows; p.adjust ties around NA; power at alpha 1e-6 to
// 0.999; rake from counts with an absent level; their edges; 30 drawn fits).
// R trial 42 added estimatr's warnings: differential.R stores every warning of a fit or dim case, and each case compares
// them with vlab's by class (differential/warning-classes.ts: a row dropped for a missing weight, cluster, fixed effect
// or block; NaNs produced; NAs introduced by coercion; blocks of two beside larger ones; df zero or negative), both ways.
// Where R stops with an error, vlab must too; where R returns a variance that is 0 by construction (one cluster,
// one cluster per arm: SE roundoff or NA, z 1e15) the case names the words of vlab's refusal (`refusal`).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { differenceInMeans, lmRobust, pAdjust, powerAnalysis, powerCohenH, powerPropTest, rake, type DataTable, type Row, type TidyRow } from '../../analysis/index.ts';
import { readData, readDataTable } from '../../server/cli/commands/analysis-io.ts';
import { assertCloseToR } from '../analysis/support.ts';
import type { Case, CaseGroup, DimCase, FitCase, PAdjustCase, PowerCase, PowerHCase, PowerPropCase, RakeCase } from './differential/case-types.ts';
import { dataText, differentialSuite, inputHash } from './differential/suite.ts';
import { rWarningClasses, vlabWarningClasses } from './differential/warning-classes.ts';

/** One tidy row as R stored it: [term, estimate, std_error, statistic, p_value, conf_low, conf_high, df]. */
type StoredRow = [string, ...(number | null)[]];
interface Stored {
  input_hash: string;
  r_call?: string;
  error?: string;
  rows?: StoredRow[];
  /** CR2 fits where estimatr itself loses digits: an independent reference (differential/cr2-reference.R). */
  cr2_reference?: StoredRow[];
  cr2_reference_call?: string;
  /** Nearly collinear fits (a case's `q_reference`): R on the orthonormal Q of X = QR (differential/q-reference.R). */
  q_reference?: StoredRow[];
  q_reference_call?: string;
  /** Fixed effects under HC2, HC3, CR2 (a case's `fe_reference`): the fit with dummies by sandwich/clubSandwich (fe-reference.R). */
  fe_reference?: StoredRow[];
  fe_reference_call?: string;
  /** R's warnings of a fit or dim case (not cregg's), every distinct message (R trial 42; differential/warning-classes.ts). */
  warnings?: string[];
  values?: (number | null)[];
  value?: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const expected: Record<string, Stored> = JSON.parse(gunzipSync(readFileSync(join(here, 'differential/expected.json.gz'))).toString('utf8'));
const suite = differentialSuite();
const texts = new Map(suite.data.map((data) => [data.id, dataText(data)]));
const scratch = mkdtempSync(join(tmpdir(), 'vlab-differential-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A data set's CSV file in the scratch folder, written once. */
function fileOf(id: string): string {
  const path = join(scratch, `${id}.csv`);
  if (!existsSync(path)) writeFileSync(path, texts.get(id) as string);
  return path;
}

const rowsCache = new Map<string, Row[]>();
/** A data set's rows, read by the CLI's reader of `vlab dim` and `vlab rake`. */
function rowsOf(id: string): Row[] {
  let rows = rowsCache.get(id);
  if (!rows) rowsCache.set(id, (rows = readData(fileOf(id))));
  return rows;
}

const tableCache = new Map<string, DataTable>();
/** A data set as `vlab fit --data` reads it: by columns, with read.csv's column types. */
function tableOf(id: string): DataTable {
  let table = tableCache.get(id);
  if (!table) tableCache.set(id, (table = readDataTable(fileOf(id))));
  return table;
}

const COLUMNS = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df'] as const;

function compareTidy(id: string, actual: TidyRow[], stored: StoredRow[], zeroByConstruction: readonly string[] = []): void {
  assert.deepEqual(actual.map((row) => row.term), stored.map((row) => row[0]), `${id}: terms`);
  stored.forEach(([term, ...numbers], k) => {
    if (zeroByConstruction.includes(term)) {
      // A term fitted within single clusters (R trial 38): R's SE is NaN or noise, vlab's NA with its warning.
      const [estimate, se] = numbers as (number | null)[];
      assert.ok(se === null || Math.abs(se) <= 1e-6 * Math.max(1, Math.abs(estimate as number)), `${id}: R's SE of ${term} is ${se}, not NaN or noise`);
      assertCloseToR(actual[k].estimate, estimate as number, `${id}: ${term} estimate`);
      assert.equal(actual[k].std_error, null, `${id}: ${term} std_error should be NA`);
      return;
    }
    COLUMNS.forEach((column, c) => {
      const want = numbers[c];
      if (column === 'std_error' && want === 0 && actual[k][column] === null) return; // R's exact 0 by construction, vlab's NA (R trial 38)
      if (want === null && numbers[1] === 0 && column !== 'estimate' && column !== 'std_error') {
        // An SE of exactly 0 (a coefficient fitted within one cluster): R's statistic is ±Inf, its df and p NaN, and
        // JSON stores every non-finite number as null; vlab gives the same non-finite numbers, or NA.
        const got = actual[k][column];
        assert.ok(got === null || !Number.isFinite(got), `${id}: ${term} ${column} should be NA, NaN or ±Inf (R's SE is 0), got ${got}`);
      } else if (want === null) assert.equal(actual[k][column], null, `${id}: ${term} ${column} should be NA`);
      else assertCloseToR(actual[k][column], want, `${id}: ${term} ${column}`, column === 'p_value');
    });
  });
}

/** A fit's or difference's tidy rows and its warnings (compared with R's by class: differential/warning-classes.ts). */
interface Fitted {
  estimates: TidyRow[];
  warnings: string[];
}

/**
 * estimatr's warnings against vlab's, by class (R trial 42): each class R gave vlab gives, and the reverse. One of R's
 * "NaNs produced" is not a formula's: sqrt() of a negative variance in estimatr's SEs (an SE NA beside its estimate),
 * where estimatr loses digits (a nearly collinear fit, its reference on Q) or the variance is 0 by construction (vlab's
 * NA with its own warning, compared above). There, and where vlab's SE is checked against the Q reference, it is not
 * compared: 8 cases of 3,881 (R trial 42).
 */
function compareWarnings(id: string, fitted: Fitted, stored: Stored): void {
  const r = rWarningClasses(stored.warnings as string[]);
  assert.deepEqual(r.unclassed, [], `${id}: R warned in words differential/warning-classes.ts does not class`);
  const vlab = vlabWarningClasses(fitted.warnings);
  const nanSe = (stored.rows as StoredRow[]).filter(([, estimate, se]) => estimate !== null && se === null).map(([term]) => term);
  if (nanSe.length > 0 && r.classes.has('NaNs produced') && !vlab.has('NaNs produced')) {
    for (const term of nanSe) {
      const row = fitted.estimates.find((estimate) => estimate.term === term);
      assert.ok(stored.q_reference || (row?.std_error === null && fitted.warnings.some((w) => w.includes(`"${term}"`))), `${id}: R's SE of ${term} is NaN: vlab's is checked against the reference on Q, or NA with a warning naming it`);
    }
    r.classes.delete('NaNs produced');
  }
  assert.deepEqual([...vlab].sort(), [...r.classes].sort(), `${id}: vlab's warnings ${JSON.stringify(fitted.warnings)} against R's ${JSON.stringify(stored.warnings)}`);
}

function fitCase(c: FitCase): Fitted {
  if (c.rake_margins) return rakedFitCase(c, c.rake_margins);
  return lmRobust({ formula: c.formula, rows: tableOf(c.data), levels: c.levels, clusters: c.clusters, weights: c.weights, fixedEffects: c.fixed_effects, subset: c.subset, seType: c.se_type, alpha: c.alpha });
}

/** R trial 33's rake-then-fit: vlab's rake() weights (from `weights` as base weights) on every row, then lmRobust with them. */
function rakedFitCase(c: FitCase, margins: Record<string, Record<string, number>>): Fitted {
  const raked = rake({ rows: rowsOf(c.data), margins, baseWeights: c.weights }).weights;
  const rows = rowsOf(c.data).map((row, i) => ({ ...row, raked_: raked[i] }));
  return lmRobust({ formula: c.formula, rows, levels: c.levels, clusters: c.clusters, weights: 'raked_', fixedEffects: c.fixed_effects, subset: c.subset, seType: c.se_type, alpha: c.alpha });
}

function dimCase(c: DimCase): Fitted {
  const options = { rows: rowsOf(c.data), outcome: c.outcome, treatment: c.treatment, blocks: c.blocks, clusters: c.clusters, weights: c.weights, levels: c.levels, condition1: c.condition1, condition2: c.condition2, subset: c.subset };
  return differenceInMeans({ ...options, alpha: c.alpha });
}

function pAdjustCase(c: PAdjustCase, stored: Stored): void {
  const got = pAdjust(c.p, c.method, c.n);
  (stored.values as (number | null)[]).forEach((want, i) => {
    if (want === null) assert.equal(got[i], null, `${c.id}[${i}] should be NA`);
    else assertCloseToR(got[i], want, `${c.id}[${i}]`, true);
  });
}

function powerCase(c: PowerCase, stored: Stored): void {
  const result = powerAnalysis({ effect: c.effect, sd: c.sd, n: c.n, n2: c.n2, power: c.power, alpha: c.alpha, strict: c.strict, type: c.type, alternative: c.alternative });
  const got = c.solve === 'power' ? result.power : c.solve === 'n' ? result.n : c.solve === 'n2' ? (result.n2 ?? null) : result.effect;
  assertCloseToR(got, stored.value as number, `${c.id}: ${c.solve}`);
}

/** stats::power.prop.test's solved quantity (or power), R at tol = 1e-12. */
function powerPropCase(c: PowerPropCase, stored: Stored): void {
  const result = powerPropTest({ n: c.n, p1: c.p1, p2: c.p2, power: c.power, alpha: c.alpha, alternative: c.alternative, strict: c.strict });
  assertCloseToR(result[c.solve], stored.value as number, `${c.id}: ${c.solve}`);
}

/** pwr's pwr.2p.test / pwr.2p2n.test (vlab's powerCohenH): the solved quantity or the power, R refined to tol 1e-13. */
function powerHCase(c: PowerHCase, stored: Stored): void {
  const result = powerCohenH({ h: c.h, n: c.n, n2: c.n2, power: c.power, alpha: c.alpha, alternative: c.alternative });
  assertCloseToR(result[c.solve], stored.value as number, `${c.id}: ${c.solve}`);
}

/** The largest gap between a margin's share and the weighted share of its level among the rows. */
function marginGap(rows: Row[], margins: RakeCase['margins'], weights: ArrayLike<number>): number {
  let gap = 0;
  const total = Array.from(weights).reduce((a, b) => a + b, 0);
  for (const [variable, margin] of Object.entries(margins)) {
    const sum = Object.values(margin).reduce((a, b) => a + b, 0);
    const shares = new Map<string, number>();
    rows.forEach((row, i) => shares.set(String(row[variable]), (shares.get(String(row[variable])) ?? 0) + weights[i] / total));
    for (const [level, target] of Object.entries(margin)) gap = Math.max(gap, Math.abs((shares.get(level) ?? 0) - target / sum));
  }
  return gap;
}

/** survey::rake's weights, normalised to mean 1 as vlab's; where no weights meet the margins, vlab's refusal. */
function rakeCase(c: RakeCase, stored: Stored): void {
  if (c.unreachable) {
    assert.ok(marginGap(rowsOf(c.data), c.margins, stored.values as number[]) > 1e-3, `${c.id}: R's weights miss a margin`);
    assert.throws(() => rake({ rows: rowsOf(c.data), margins: c.margins, baseWeights: c.base_weights }), /rake: did not converge/);
    return;
  }
  const got = rake({ rows: rowsOf(c.data), margins: c.margins, baseWeights: c.base_weights }).weights;
  assert.equal(got.length, (stored.values as number[]).length, `${c.id}: one weight per row`);
  (stored.values as number[]).forEach((want, i) => assertCloseToR(got[i], want, `${c.id}: weight of row ${i + 1}`));
}

/** Runs one case; returns the tidy rows and warnings for fit and dim. */
function run(c: Case, stored: Stored): Fitted | null {
  if (c.kind === 'fit') return fitCase(c);
  if (c.kind === 'dim') return dimCase(c);
  if (c.kind === 'p_adjust') pAdjustCase(c, stored);
  else if (c.kind === 'rake') rakeCase(c, stored);
  else if (c.kind === 'power_prop') powerPropCase(c, stored);
  else if (c.kind === 'power_h') powerHCase(c, stored);
  else powerCase(c, stored);
  return null;
}

test('the stored R output covers the whole suite: ≥ 800 cases, every class', () => {
  assert.ok(suite.cases.length >= 800, `${suite.cases.length} cases`);
  const groups = new Set<CaseGroup>(suite.cases.map((c) => c.group));
  for (const group of ['random', 'cr2-df', 'weighted-cr2-far-from-zero', 'model-matrix-coding', 'aliasing', 'one-level-factor', 'level-order',
    'formula-syntax', 'na-outside-levels', 'logical-outcome', 'dim', 'p-adjust', 'power', 'many-levels-cr2', 'weighted-aliased-cr2',
    'leverage-near-one', 'extreme-scale', 'cluster-level-treatment', 'formula-comparisons', 'alpha-extremes', 'text-labels', 'dim-block-shapes',
    'p-adjust-random', 'power-random', 'rake-margins', 'dim-weighted', 'weights-clusters-interactions', 'missing-design-columns',
    'one-cluster-edges', 'dim-multi-arm', 'numeric-interactions', 'weights-zeros-se-types', 'mixed-scale', 'degenerate-columns', 'formula-edges', 'rake-zero-base',
    'text-level-order', 'dim-text-treatment', 'numeric-factor-order', 'cluster-label-types', 'equal-weights', 'huge-few-clusters', 'se-type-clusters',
    'factor-empty-cells', 'dot-formulas', 'intercept-only', 'r-spellings', 'random-formulas', 'ordered-factors', 'cluster-fixed-effects',
    'dim-constant-outcome', 'dim-design-grid', 'dim-clusters-across-blocks', 'odd-level-names', 'tiny-samples', 'fe-weights-clusters',
    'missing-everywhere', 'trial10-random', 'p-adjust-missing', 'r-functions', 'formula-spellings-12', 'text-variants', 'singleton-clusters',
    'dim-singletons-zero-weights', 'p-adjust-12', 'power-12', 'rake-12', 'huge-outcome-lm', 'missing-roles', 'wild-scales', 'one-row-level', 'zero-weight-clusters',
    'empty-cell-ordered', 'p-adjust-13', 'power-13', 'rake-13', 'tiny-weight-14', 'cr2-weights-singletons-14', 'rare-binary-14', 'empty-cell-cr2-14',
    'dim-blocks-clusters-14', 'tiny-outcome-14', 'number-names-14', 'leverage-near-one-14', 'p-adjust-14', 'rake-14', 'analyst-formulas-15', 'analyst-dim-15', 'p-adjust-15', 'power-15',
    'fixed-effects-16', 'fe-clusters-16', 'p-adjust-names-16', 'power-sides-16', 'untried-combinations-16', 'fe-edges-17', 'fe-random-17', 'fe-participants-17', 'analyst-arms-17',
    'fe-transformed-18', 'fe-singletons-18', 'extreme-factors-18', 'factor-na-numeric-18', 'analyst-terms-18', 'dim-four-arms-18', 'p-adjust-18', 'power-18', 'p-adjust-n-19',
    'weights-zero-tiny-cr2-20', 'factor-by-transform-20', 'no-intercept-factors-20', 'dim-arms-blocks-20', 'rake-20', 'trial20-random',
    'three-way-22', 'fe-weights-clusters-22', 'one-level-after-na-22', 'coding-22', 'singleton-clusters-22', 'whole-column-terms-22', 'rake-22', 'power-unequal-22', 'trial22-random',
    'rank-23', 'analyst-functions-na-23', 'trial23-random', 'whole-column-24', 'number-like-levels-24', 'cluster-constant-24',
    'huge-integer-outcome-24', 'analyst-math-24', 'analyst-text-24', 'rake-case-24', 'moderation-25', 'dim-blocks-clusters-25', 'alpha-25', 'gamma-row-25',
    'unused-levels-27', 'outcome-transforms-27', 'cluster-na-27', 'fe-two-27', 'p-adjust-27', 'trial27-random',
    'far-tails-28', 'fe-weights-clusters-28', 'rake-28', 'p-adjust-28', 'power-28', 'formula-corners-28', 'subset-28',
    'fe-singletons-29', 'factor-numeric-29', 'transform-interactions-29', 'alpha-df-29', 'dim-29', 'rake-29', 'p-adjust-29', 'power-29', 'as-numeric-text-29', 'cregg-empty-clusters-29',
    'power-prop-30', 'dim-unbalanced-30', 'scales-30', 'collinear-weights-30', 'fe-nesting-30', 'cr2-weights-singletons-30', 'alpha-extremes-30',
    'formula-algebra-30', 'p-adjust-30', 'rake-30', 'trial30-random', 'weights-spread-31', 'dim-small-blocks-31', 'cr2-one-huge-cluster-31',
    'empty-cells-31', 'number-like-levels-31', 'logical-outcomes-31', 'long-formulas-31', 'p-adjust-31', 'power-31', 'power-prop-equal-31',
    'rake-many-31', 'trial31-random', 'near-collinear-32', 'huge-offset-32', 'unbalanced-32', 'fe-moderation-32', 'unused-levels-32',
    'zero-weight-levels-32', 'poly-high-32', 'cregg-moderation-32', 'p-adjust-32', 'power-32', 'trial32-random',
    'dim-design-33', 'moderation-centring-33', 'level-case-33', 'missing-roles-33', 'fe-se-33', 'rake-moderation-33', 'weighted-cr2-near-33', 'p-adjust-33', 'trial33-random',
    'rake-cregg-34', 'fe-transform-34', 'weights-zero-cr2-34', 'cr2-few-34', 'dim-multi-arm-34', 'p-adjust-34', 'power-34', 'power-prop-34', 'power-h-34', 'trial34-random',
    'ordered-fe-35', 'rake-fe-35', 'cluster-rows-35', 'tiny-n-35', 'equal-weights-fe-35', 'missing-all-35', 'fe-together-35', 'dim-35', 'p-adjust-35', 'trial35-random',
    'zero-weights-clusters-36', 'mixed-clusters-cr2-36', 'factor-numeric-fe-cr2-36', 'subset-empty-level-36', 'character-outcome-36', 'weights-scaled-36',
    'rake-absent-36', 'dim-tiny-arm-36', 'p-adjust-36', 'power-edges-36', 'fe-two-together-36', 'trial36-random',
    'all-roles-37', 'empty-cell-terms-37', 'unicode-levels-37', 'dim-all-roles-37', 'rake-many-levels-37', 'p-adjust-37', 'power-37', 'trial37-random',
    'na-roles-38', 'collinear-38', 'declared-levels-38', 'stata-singleton-38', 'dim-blocks-38', 'p-adjust-38', 'power-38', 'trial38-random',
    'weights-1e18-39', 'clusters-in-fe-39', 'constant-arm-39', 'scales-fe-39', 'dim-arms-39', 'p-adjust-39', 'rake-39', 'trial39-random',
    'factorial-40', 'factorial-moderators-40', 'few-clusters-40', 'frequency-weights-40', 'likert-outcome-40', 'analyst-idioms-40', 'dim-factorial-40', 'power-40', 'trial40-random',
    'weights-zero-clusters-41', 'fe-singleton-clusters-41', 'factor-numeric-cells-41', 'analyst-formulas-41', 'dim-blocks-clusters-41', 'p-adjust-41', 'power-41', 'trial41-random',
    'weights-fe-clusters-42', 'alpha-42', 'trial42-random',
    'factor-numeric-na-43', 'subset-weights-clusters-43', 'cr2-mixed-sizes-43', 'hc3-near-leverage-43', 'dim-blocks-clusters-43', 'p-adjust-43', 'power-43', 'rake-43', 'trial43-random'] as const) {
    assert.ok(groups.has(group), `no case of ${group}`);
  }
  const ids = suite.cases.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length, 'case ids are unique');
  assert.deepEqual(ids.filter((id) => !(id in expected)), [], 'cases without stored R output: run Rscript tests/reference/generate.R');
  assert.deepEqual(Object.keys(expected).filter((id) => !ids.includes(id)), [], 'stored R output of cases the suite no longer has');
});

test('an independent CR2 reference replaces estimatr only where estimatr loses digits, and stays near it', () => {
  const replaced = Object.entries(expected).filter(([, stored]) => stored.cr2_reference);
  assert.ok(replaced.length <= 3, `${replaced.length} cases use cr2_reference: ${replaced.map(([id]) => id).join(', ')}`);
  for (const [id, stored] of replaced) {
    assert.match(stored.cr2_reference_call ?? '', /linear_contrast/, `${id}: the reference's R call is stored`);
    stored.cr2_reference?.forEach((row, k) => {
      const estimatr = (stored.rows as StoredRow[])[k];
      assert.equal(row[0], estimatr[0]);
      assert.equal(row[1], estimatr[1], `${id}: the estimates are estimatr's`);
      const se = row[2] as number;
      assert.ok(Math.abs(se - (estimatr[2] as number)) / se < 1e-3, `${id}: ${row[0]} SE near estimatr's`);
    });
  }
});

test('the fixed-effect fits under HC2, HC3 and CR2 that ask for it have the reference with dummies', () => {
  const asking = suite.cases.filter((c) => c.kind === 'fit' && c.fe_reference);
  assert.ok(asking.length >= 10, `${asking.length} cases ask for the reference with dummies`);
  assert.deepEqual(Object.keys(expected).filter((id) => expected[id].fe_reference).sort(), asking.map((c) => c.id).sort());
  for (const c of asking) assert.match(expected[c.id].fe_reference_call ?? '', /sandwich::vcovHC|clubSandwich::coef_test/, `${c.id}: the reference's R call is stored`);
});

test('the reference on Q is stored exactly for the cases that ask for it, and moves only the SEs off estimatr', () => {
  const asking = suite.cases.filter((c) => c.kind === 'fit' && c.q_reference);
  assert.ok(asking.length >= 10, `${asking.length} cases ask for a reference on Q`);
  assert.deepEqual(Object.keys(expected).filter((id) => expected[id].q_reference).sort(), asking.map((c) => c.id).sort());
  for (const c of asking) {
    const stored = expected[c.id];
    assert.ok(c.note && /collinear/.test(c.note), `${c.id}: a case with a reference on Q says why`);
    assert.match(stored.q_reference_call ?? '', /X = QR/, `${c.id}: the reference's R call is stored`);
    stored.q_reference?.forEach((row, k) => {
      const estimatr = (stored.rows as StoredRow[])[k];
      assert.equal(row[0], estimatr[0]);
      const [want, got] = [row[1] as number, estimatr[1] as number];
      assert.ok(Math.abs(got - want) <= 1e-4 * Math.max(Math.abs(want), 1), `${c.id}: ${row[0]} estimatr's estimate ${got} near the reference's ${want}`);
    });
  }
});

for (const c of suite.cases) {
  test(`${c.group}: ${c.id}`, () => {
    const stored = expected[c.id];
    assert.ok(stored, `${c.id}: no stored R output`);
    const csv = 'data' in c ? texts.get(c.data) : undefined;
    assert.equal(inputHash(c, csv), stored.input_hash, `${c.id}: inputs changed since R ran; run Rscript tests/reference/generate.R`);
    if (stored.error !== undefined) {
      // R stopped (e.g. "contrasts can be applied only to factors with 2 or more levels"): so must vlab, naming
      // the column when a factor has one level (the last term of those formulas).
      const named = c.group === 'one-level-factor' && c.kind === 'fit' ? `"${c.formula.split(' + ').at(-1)}"` : '';
      assert.throws(() => run(c, stored), (error: Error) => error.name === 'AnalysisError' && error.message.includes(named), `${c.id}: R: ${stored.error}`);
      return;
    }
    if (c.refusal !== undefined) {
      for (const [term, estimate, se] of stored.rows as StoredRow[]) {
        assert.ok(se === null || Math.abs(se) <= 1e-12 * Math.max(1, Math.abs(estimate as number)), `${c.id}: R's SE of ${term} is ${se}, not NA or roundoff`);
      }
      assert.throws(() => run(c, stored), (error: Error) => error.name === 'AnalysisError' && error.message.includes(c.refusal as string), `${c.id}: vlab refuses`);
      return;
    }
    if (c.declined !== undefined) {
      assert.ok(c.note, `${c.id}: a declined case says why in its note`);
      assert.throws(() => run(c, stored), (error: Error) => error.name === 'AnalysisError' && error.message.includes(c.declined as string), `${c.id}: vlab refuses`);
      return;
    }
    const fitted = run(c, stored);
    const rows = fitted?.estimates;
    if (rows) compareTidy(c.id, rows, stored.q_reference ?? stored.cr2_reference ?? (stored.rows as StoredRow[]), c.kind === 'fit' ? c.zero_by_construction : undefined);
    if (rows && stored.fe_reference) compareTidy(`${c.id} (fixed effects as dummies)`, rows, stored.fe_reference);
    if (fitted && stored.warnings) compareWarnings(c.id, fitted, stored);
  });
}

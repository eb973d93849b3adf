import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans, lmRobust, noncentralTCdf, pAdjust, rake, studentQuantile, type Row, type TidyRow } from '../../analysis/index.ts';
import { executePlan, type PlanEstimate } from '../../server/domain/plan/execute-plan.ts';
import { planHash } from '../../server/domain/plan/plan-hash.ts';
import { termPrecision } from '../../server/domain/plan/precision.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import { referenceRows } from '../analysis/support.ts';
import { alliance, allianceRows, MEASURES, protege, VIOLATIONS, withPlan } from './plan-support.ts';

const rows = allianceRows();
const levels = Object.fromEntries(alliance.factors.map((f) => [f.name, f.levels.map((l) => l.code)]));
const attentive = rows.filter((r) => r.attention_pass === 1);
const violators = (data: Row[]) => data.filter((r) => VIOLATIONS.includes(String(r.behavior)));
const NUMBERS = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df'] as const;

/** Same terms, numbers equal to the reference tolerance (relative 1e-6). */
function assertSameNumbers(actual: readonly TidyRow[], expected: readonly Row[] | readonly TidyRow[], what: string): void {
  assert.deepEqual(actual.map((r) => r.term), expected.map((r) => r.term), `${what}: terms`);
  expected.forEach((want, k) => {
    for (const column of NUMBERS) {
      const w = Number(want[column]);
      const got = actual[k]![column]!;
      const tolerance = Math.max(1e-6 * Math.abs(w), column === 'p_value' ? 1e-15 : 1e-10);
      assert.ok(Math.abs(got - w) <= tolerance, `${what}: ${want.term} ${column} got ${got}, expected ${w}`);
    }
  });
}
const of = (estimates: PlanEstimate[], hypothesis: string, outcome?: string) =>
  estimates.filter((e) => e.hypothesis === hypothesis && (outcome === undefined || e.outcome === outcome));

test('a difference-in-means hypothesis equals the dim_welch_sanctions reference case', () => {
  const def = withPlan(alliance, {
    hypotheses: [{ id: 'D', description: 'd', estimator: 'difference_in_means', outcomes: ['economic_sanctions'], treatment: { factor: 'behavior', control: ['control'], term: 'violated' } }],
  });
  const result = executePlan({ definition: def, rows });
  assertSameNumbers(result.estimates, referenceRows('dim_welch_sanctions.expected.csv'), 'dim_welch_sanctions');
  assert.equal(result.estimates[0]!.n_used, 1502);
  assert.equal(result.estimates[0]!.plan_hash, planHash(def));
});

test('a stacked hypothesis (support ~ measure, violation arms, clustered by participant) equals cr2_measures', () => {
  const def = withPlan(alliance, {
    hypotheses: [{
      id: 'L', description: 'l', estimator: 'lm_robust', outcomes: ['support'], formula: '~ measure',
      stack: { items: MEASURES, itemColumn: 'measure', valueColumn: 'support' },
      subset: [{ column: 'behavior', in: VIOLATIONS }],
    }],
  });
  const [estimates] = [executePlan({ definition: def, rows }).estimates];
  assertSameNumbers(estimates, referenceRows('cr2_measures.expected.csv'), 'cr2_measures');
  assert.equal(estimates[0]!.n_used, 5 * violators(rows).length);
});

test('main effects on the violation arms equal hc2_main_effects', () => {
  const def = withPlan(alliance, {
    hypotheses: [{ id: 'M', description: 'm', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime + capability + treaty + behavior', subset: [{ column: 'behavior', in: VIOLATIONS }] }],
  });
  assertSameNumbers(executePlan({ definition: def, rows }).estimates, referenceRows('hc2_main_effects.expected.csv'), 'hc2_main_effects');
});

test('the shipped alliance plan equals calling the analysis module directly, with Holm per hypothesis', () => {
  const result = executePlan({ definition: alliance, rows });
  assert.equal(result.nExcluded, rows.length - attentive.length);
  assert.deepEqual(result.problems, []);

  // H1: stacked by hand as alliance.R does (item-major), public criticism first as the plan orders the items.
  const items = ['public_criticism', 'do_nothing', 'economic_sanctions', 'reduce_military_aid', 'suspend_military_support'];
  const long = items.flatMap((m) => violators(attentive).map((r) => ({ participant: r.participant, measure: m, support: r[m]! })));
  const h1 = lmRobust({ formula: 'support ~ measure', rows: long, levels: { measure: items }, clusters: 'participant', seType: 'CR2' });
  assertSameNumbers(of(result.estimates, 'H1'), h1.estimates, 'H1');
  const tested = of(result.estimates, 'H1').filter((e) => e.adjust_method === 'holm');
  assert.deepEqual(tested.map((e) => e.term), ['measureeconomic_sanctions', 'measurereduce_military_aid', 'measuresuspend_military_support']);
  assert.deepEqual(tested.map((e) => e.p_adjusted), pAdjust(tested.map((e) => e.p_value), 'holm'));

  // H2: Welch difference in means, violated (any violation) against control.
  const withViolated = attentive.map((r) => ({ ...r, violated: r.behavior === 'control' ? 0 : 1 }));
  const h2 = ['alliance_favorability', 'contribution'].map((o) => differenceInMeans({ rows: withViolated, outcome: o, treatment: 'violated' }).estimates[0]!);
  assertSameNumbers(of(result.estimates, 'H2'), h2, 'H2');
  assert.deepEqual(of(result.estimates, 'H2').map((e) => e.p_adjusted), pAdjust(h2.map((e) => e.p_value), 'holm'));

  // H3: main effects on the coercive measures; the family is regime, capability and treaty over the three outcomes.
  const outcomes = ['economic_sanctions', 'reduce_military_aid', 'suspend_military_support'];
  const h3 = outcomes.flatMap((o) => lmRobust({ formula: `${o} ~ regime + capability + treaty + behavior`, rows: violators(attentive), levels, seType: 'HC2' }).estimates);
  assertSameNumbers(of(result.estimates, 'H3'), h3, 'H3');
  const family = of(result.estimates, 'H3').filter((e) => ['regimeautocracy', 'capabilityweak', 'treatyno_treaty'].includes(e.term));
  assert.deepEqual(family.map((e) => e.p_adjusted), pAdjust(family.map((e) => e.p_value), 'holm'));
  assert.ok(of(result.estimates, 'H3').filter((e) => e.term.startsWith('behavior')).every((e) => e.p_adjusted === null && e.adjust_method === null));
  assert.ok(result.estimates.every((e) => e.plan_hash === planHash(alliance)));
});

test('raking: weights from the population margins, fitted as lm_robust with weights', () => {
  const def = withPlan(alliance, {
    weights: 'raking',
    hypotheses: [{ id: 'W', description: 'w', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime' }],
  });
  const result = executePlan({ definition: def, rows });
  assert.equal(result.weighted, true);
  const w = rake({ rows, margins: alliance.populationMargins!.margins }).weights;
  const direct = lmRobust({ formula: 'economic_sanctions ~ regime', rows: rows.map((r, i) => ({ ...r, w: w[i]! })), weights: 'w', levels });
  assertSameNumbers(result.estimates, direct.estimates, 'raked');
  const unweighted = executePlan({ definition: def, rows, weights: rows.map(() => 1) });
  assert.notEqual(unweighted.estimates[1]!.std_error, result.estimates[1]!.std_error);
});

test('raking with a difference in means: weighted as estimatr weights difference_in_means, blocked too', () => {
  const dim = { id: 'D', description: 'd', estimator: 'difference_in_means', outcomes: ['economic_sanctions'], treatment: { factor: 'behavior', control: ['control'], term: 'violated' } };
  const def = withPlan(alliance, { weights: 'raking', hypotheses: [dim, { ...dim, id: 'DB', blocks: 'regime' }] });
  const result = executePlan({ definition: def, rows });
  assert.deepEqual(result.problems, []);
  const w = rake({ rows, margins: alliance.populationMargins!.margins }).weights;
  const weightedRows = rows.map((r, i) => ({ ...r, w: w[i]!, violated: r.behavior === 'control' ? 0 : 1 }));
  const direct = (blocks?: string) => differenceInMeans({ rows: weightedRows, outcome: 'economic_sanctions', treatment: 'violated', blocks, weights: 'w' });
  assertSameNumbers(of(result.estimates, 'D'), direct().estimates, 'weighted');
  assertSameNumbers(of(result.estimates, 'DB'), direct('regime').estimates, 'weighted, blocked');
  const unweighted = differenceInMeans({ rows: weightedRows, outcome: 'economic_sanctions', treatment: 'violated' }).estimates[0]!;
  assert.notEqual(of(result.estimates, 'D')[0]!.std_error, unweighted.std_error);
});

test('a model that cannot be fitted yet is reported, the others still estimated', () => {
  const controlOnly = rows.filter((r) => r.behavior === 'control');
  const result = executePlan({ definition: alliance, rows: controlOnly });
  assert.deepEqual(result.problems.map((p) => p.hypothesis).sort(), ['H1', 'H2', 'H2', 'H3', 'H3', 'H3']);
  assert.equal(result.estimates.length, 0);
  const few = executePlan({ definition: protege, rows: [] });
  assert.ok(few.problems.length > 0 && few.problems.every((p) => p.message.length > 0));
});

test('missing outcome answers are dropped per model and counted', () => {
  const holes = rows.map((r, i) => (i % 10 === 0 ? { ...r, contribution: null } : r));
  const h2 = of(executePlan({ definition: alliance, rows: holes }).estimates, 'H2', 'contribution')[0]!;
  const missing = holes.filter((r) => r.attention_pass === 1 && r.contribution === null).length;
  assert.equal(h2.n_dropped, missing);
  assert.equal(h2.n_used, attentive.length - missing);
});

test("precision: the minimum detectable effect has 80 % power at the estimate's own SE and df, and shrinks with √N", () => {
  const h2 = of(executePlan({ definition: alliance, rows }).estimates, 'H2', 'contribution');
  const [p] = termPrecision(h2, { nComplete: attentive.length, target: 4 * attentive.length, alpha: 0.05 });
  const e = h2[0]!;
  assert.ok(Math.abs(p!.ci_width - (e.conf_high! - e.conf_low!)) < 1e-12);
  // power.t.test's power at that effect: P(T > t₀.₉₇₅) for T noncentral t(df, effect / SE) (Welch df here).
  const power = 1 - noncentralTCdf(studentQuantile(0.975, e.df!), e.df!, p!.mde_now / e.std_error!);
  assert.ok(Math.abs(power - 0.8) < 1e-10, `power ${power}`);
  // Four times the respondents: the SE halves, and the larger df lower the t multiplier a little more.
  const ratio = p!.mde_target / p!.mde_now;
  assert.ok(ratio < 0.5 && ratio > 0.495, `ratio ${ratio}, df ${e.df}`);
});

// R prints lm_robust's warnings beside its estimates; the plan path dropped them (the path trial, seed 17): a
// respondent alone in a cell (gender nonbinary × regime, the moderator) has leverage 1, where HC2's weight is 0/0 and
// taken as 0 (docs/analysis.md) — a number a researcher should know is a convention, not estimatr's.
test('an estimator\'s warnings reach the plan result, named by hypothesis and outcome; a plain plan has none', () => {
  const plan = structuredClone(protege.analysisPlan) as { exclusions: unknown[]; hypotheses: Record<string, unknown>[] };
  plan.exclusions.push({ column: 'party', keep: ['democrat', 'republican'] });
  const base = plan.hypotheses.find((h) => h.id === 'H1_punish')!;
  const def = withPlan(protege, { ...plan, hypotheses: [{ ...base, formula: '~ strategy + gender', moderators: ['regime'], seType: 'HC2', terms: undefined, direction: undefined, adjust: undefined }] });
  const result = executePlan({ definition: def, rows: simulateWave(def, { target: 342, seed: 'rt11-17' }).rows });
  assert.deepEqual(result.warnings.map(({ hypothesis, outcome }) => ({ hypothesis, outcome })), [{ hypothesis: 'H1_punish', outcome: (base.outcomes as string[])[0] }]);
  assert.match(result.warnings[0]!.message, /^lmRobust: 3 rows have leverage 1 \(the only observation of a factor level or cell/);
  assert.deepEqual(executePlan({ definition: alliance, rows }).warnings, []);
});

// A plan's fixedEffects reach lmRobust as estimatr's fixed_effects (checked against R in
// tests/analysis/fixed-effects.test.ts): the same rows, levels and se type give the same numbers, and neither the
// absorbed dummies nor the intercept appear. Before, the plan schema refused the field.
test('fixedEffects: a hypothesis equals lmRobust with fixedEffects, stacked and clustered too; no dummy or intercept', () => {
  const def = withPlan(alliance, {
    exclusions: [{ column: 'attention_pass', keep: [1] }],
    hypotheses: [
      { id: 'F1', description: 'f', estimator: 'lm_robust', outcomes: ['economic_sanctions', 'contribution'], formula: '~ regime + capability', fixedEffects: ['region', 'party'], subset: [{ column: 'behavior', in: VIOLATIONS }] },
      { id: 'F2', description: 'f', estimator: 'lm_robust', outcomes: ['support'], formula: '~ measure', fixedEffects: ['region'], stack: { items: MEASURES, itemColumn: 'measure', valueColumn: 'support' }, subset: [{ column: 'behavior', in: VIOLATIONS }], adjust: { method: 'holm' } },
    ],
  });
  const result = executePlan({ definition: def, rows });
  assert.deepEqual(result.problems, []);
  const sample = violators(attentive);
  for (const outcome of ['economic_sanctions', 'contribution']) {
    const direct = lmRobust({ formula: `${outcome} ~ regime + capability`, rows: sample, levels, fixedEffects: '~ region + party' });
    assertSameNumbers(of(result.estimates, 'F1', outcome), direct.estimates, `F1 ${outcome}`);
    assert.deepEqual(of(result.estimates, 'F1', outcome).map((e) => e.term), ['regimeautocracy', 'capabilityweak']);
  }
  const stacked = MEASURES.flatMap((item) => sample.map((row) => ({ ...row, measure: item, support: row[item] ?? null })));
  const direct = lmRobust({ formula: 'support ~ measure', rows: stacked, levels: { measure: MEASURES }, clusters: 'participant', fixedEffects: '~ region' });
  const estimates = of(result.estimates, 'F2');
  assertSameNumbers(estimates, direct.estimates, 'F2');
  assert.ok(estimates.every((e) => e.term.startsWith('measure') && e.p_adjusted !== null), 'every term tested and adjusted: no intercept');
  assert.equal(estimates[0]!.n_used, 5 * sample.length);
});

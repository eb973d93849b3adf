// A plan's `clusters`: standard errors clustered by a pre-treatment column (respondents sampled or recruited by
// state, school or region), as estimatr's lm_robust(…, clusters = state) and difference_in_means(…, clusters =). Walk-
// through 33 wrote a 2 × 3 vignette clustered by state and `vlab study list` refused it, 'unknown field "clusters"':
// clustered SEs were for stacked hypotheses and repeated vignettes alone, by participant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minimumDetectableEffect } from '../../analysis/index.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { termPrecisionOf } from '../../server/domain/plan/precision.ts';
import { planEstimands } from '../../server/domain/simulation/estimands.ts';
import { replicationScript } from '../../server/domain/plan/replication-script.ts';
import { DefinitionError } from '../../server/domain/study-definition.ts';
import { referenceRows } from '../analysis/support.ts';
import { alliance, allianceRows, MEASURES, withPlan } from './plan-support.ts';

const lm = { id: 'C1', description: 'regime raises support for sanctions', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime + capability' };
const NUMBERS = ['estimate', 'std_error', 'statistic', 'p_value', 'conf_low', 'conf_high', 'df'] as const;
const problem = (plan: unknown) => {
  try {
    withPlan(alliance, plan);
  } catch (error) {
    assert.ok(error instanceof DefinitionError, String(error));
    return error.message;
  }
  return 'accepted';
};

// R: lm_robust(economic_sanctions ~ regime + capability, data = alliance, clusters = region) — the reference case
// cr2_region_sanctions (tests/reference/r/alliance.R; 4 clusters, CR2's df about 2.8).
test('a hypothesis clustered by a pre-treatment column equals R\'s lm_robust(…, clusters = region), CR2 by default', () => {
  const def = withPlan(alliance, { hypotheses: [{ ...lm, clusters: 'region' }] });
  const estimates = executePlan({ definition: def, rows: allianceRows() }).estimates;
  const expected = referenceRows('cr2_region_sanctions.expected.csv');
  assert.deepEqual(estimates.map((e) => e.term), expected.map((e) => e.term));
  expected.forEach((want, k) => {
    for (const column of NUMBERS) {
      const w = Number(want[column]);
      const got = estimates[k]![column]!;
      assert.ok(Math.abs(got - w) <= Math.max(1e-6 * Math.abs(w), 1e-12), `${want.term} ${column}: got ${got}, expected ${w}`);
    }
  });
});

test('clusters: a pre-treatment column, a clustered se type; refused otherwise with the field named', () => {
  assert.equal(problem({ hypotheses: [{ ...lm, clusters: 'region', seType: 'stata' }] }), 'accepted');
  assert.equal(problem({ hypotheses: [{ id: 'D', description: 'd', estimator: 'difference_in_means', outcomes: ['economic_sanctions'], treatment: { factor: 'behavior', control: ['control'], term: 'violated' }, clusters: 'region' }] }), 'accepted');
  assert.equal(problem({ hypotheses: [{ ...lm, clusters: 'regio' }] }), 'test: analysisPlan.hypotheses[0].clusters: unknown column "regio" (did you mean "region"?)');
  assert.match(problem({ hypotheses: [{ ...lm, clusters: 'contribution' }] }), /^test: analysisPlan\.hypotheses\[0\]\.clusters: "contribution" is an outcome;/);
  assert.equal(problem({ hypotheses: [{ ...lm, clusters: 'region', seType: 'HC2' }] }),
    'test: analysisPlan.hypotheses[0].seType: a hypothesis clustered by "region" needs a clustered se type: use CR0, stata, CR2 or cregg');
  // Without clusters a clustered type still says where clusters come from, now naming the field.
  assert.match(problem({ hypotheses: [{ ...lm, seType: 'CR2' }] }), /seType: CR2 needs clusters \(name a pre-treatment column in "clusters", such as a state or a school; stacked hypotheses and repeated-vignette studies cluster by participant\)/);
});

test('replicate.R clusters by the plan\'s column, and a stacked hypothesis by it instead of participant', () => {
  const stack = { items: MEASURES, itemColumn: 'measure', valueColumn: 'support' };
  const def = withPlan(alliance, {
    hypotheses: [{ ...lm, clusters: 'region' }, { id: 'C2', description: 's', estimator: 'lm_robust', outcomes: ['support'], formula: '~ measure', stack, clusters: 'region' }],
  });
  const script = replicationScript(def, { wave: 'w', planHash: 'h' });
  assert.match(script, /lm_robust\(economic_sanctions ~ regime \+ capability, data = h, clusters = region, se_type = "CR2"/);
  assert.match(script, /lm_robust\(support ~ measure, data = h, clusters = region, se_type = "CR2"/);
  assert.doesNotMatch(script, /clusters = participant/);
  // se type cregg: survey's svydesign(ids = ~region) (walk-through 33's state-clustered wave: replicate.R 2.24e-13).
  const cregg = replicationScript(withPlan(alliance, { hypotheses: [{ ...lm, clusters: 'region', seType: 'cregg' }] }), { wave: 'w', planHash: 'h' });
  assert.match(cregg, /svyglm_tidy\(economic_sanctions ~ regime \+ capability, h, "economic_sanctions", 0\.05, cluster = "region"\)/);
  assert.match(cregg, /ids <- as\.formula\(paste0\("~", cluster\)\)/);
});

// vlab power --study: an estimand is a point estimate on the design's population rows, which the clustering does not
// move; walk-through 33's clusters-by-state plan had NA for every estimand, bias, RMSE and coverage (the rows had no
// state, so the clustered fit had no rows).
test('vlab power --study: a clustered hypothesis has the estimands of the same model unclustered', () => {
  const clustered = planEstimands(withPlan(alliance, { ...alliance.analysisPlan, hypotheses: [{ ...lm, clusters: 'region' }] }));
  const plain = planEstimands(withPlan(alliance, { ...alliance.analysisPlan, hypotheses: [lm] }));
  assert.deepEqual([...plain.keys()], [...clustered.keys()]);
  for (const [key, value] of plain) {
    assert.ok(typeof value === 'number', key);
    assert.ok(Math.abs(clustered.get(key)! - value) < 1e-9, `${key}: ${clustered.get(key)} vs ${value}`);
  }
});

// The dashboard's MDE at the target grew the df with N, as stacked rows' clusters (respondents) do; a plan's clusters
// are a fixed set (12 states stay 12), so their df stay as the fit gave them and only the SE shrinks with √(N).
test('precision at the target keeps the df of a hypothesis clustered by a column', () => {
  const def = withPlan(alliance, { hypotheses: [{ ...lm, clusters: 'region' }, { ...lm, id: 'C2' }] });
  const estimates = executePlan({ definition: def, rows: allianceRows() }).estimates;
  const [clustered, plain] = ['C1', 'C2'].map((id) => estimates.find((e) => e.hypothesis === id && e.term === 'regimeautocracy')!);
  const precision = termPrecisionOf(def, estimates, { nComplete: 1502, target: 6008, alpha: 0.05 });
  const of = (id: string) => precision.find((p) => p.hypothesis === id && p.term === 'regimeautocracy')!;
  // Four times the sample: the SE halves; the clustered term's df stay about 2.8, the other's grow four-fold.
  assert.ok(Math.abs(of('C1').mde_target - minimumDetectableEffect({ se: clustered!.std_error! / 2, df: clustered!.df, alpha: 0.05 })) < 1e-12);
  assert.ok(Math.abs(of('C2').mde_target - minimumDetectableEffect({ se: plain!.std_error! / 2, df: plain!.df! * 4, alpha: 0.05 })) < 1e-12);
});

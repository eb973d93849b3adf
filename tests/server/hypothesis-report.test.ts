// The dashboard's hypothesis cards (server/domain/plan/hypothesis-report.ts): per pre-registered term the
// predicted direction, estimate, CI, adjusted p and a verdict at the plan's alpha; other terms apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { hypothesisReports, verdict } from '../../server/domain/plan/hypothesis-report.ts';
import { alliance, allianceRows, withLoneWeakCapability, withPlan } from './plan-support.ts';

test('verdicts: significant in the predicted direction, the other way, or not; no direction; nothing to judge', () => {
  assert.equal(verdict('positive', 0.3, 0.001, 0.05), 'supported');
  assert.equal(verdict('negative', -0.3, 0.049, 0.05), 'supported');
  assert.equal(verdict('positive', -0.3, 0.001, 0.05), 'opposite sign');
  assert.equal(verdict('positive', 0.3, 0.05, 0.05), 'not supported', 'p must be below alpha');
  assert.equal(verdict('negative', 0.3, 0.2, 0.05), 'not supported');
  assert.equal(verdict(null, 0.3, 0.001, 0.05), 'no direction predicted');
  assert.equal(verdict('positive', null, null, 0.05), 'not estimable yet');
  assert.equal(verdict('positive', 0.3, Number.NaN, 0.05), 'not estimable yet');
});

test('the shipped alliance plan on its reference data: tested terms, controls, adjusted p and labels', () => {
  const result = executePlan({ definition: alliance, rows: allianceRows() });
  const reports = hypothesisReports(alliance, result);
  assert.deepEqual(reports.map((r) => r.id), ['H1', 'H2', 'H3']);

  const h3 = reports.find((r) => r.id === 'H3')!;
  assert.deepEqual(h3.adjustment, { method: 'holm', family: 'H3', terms: 9 }, 'three terms for each of three outcomes');
  assert.equal(h3.tested.length, 9);
  assert.ok(h3.controls.some((c) => c.term === '(Intercept)' && c.label === 'Intercept' && c.verdict === null));
  assert.ok(h3.controls.some((c) => c.term === 'behaviorthreaten_exit'));
  assert.equal(h3.otherTerms, 'intercept and Behaviour of the ally, not tested by H3', 'what the folded terms are, in words (research16)');
  for (const f of h3.tested) {
    const e = result.estimates.find((x) => x.hypothesis === 'H3' && x.outcome === f.outcome && x.term === f.term)!;
    assert.equal(f.p_adjusted, e.p_adjusted);
    if (f.term === 'regimeautocracy') {
      assert.equal(f.label, 'Regime type of the ally: Autocracy (vs. Democracy)');
      assert.equal(f.direction, 'positive');
      // The verdict is judged on the adjusted p, not the raw one.
      const expected = e.p_adjusted! < 0.05 ? (e.estimate! > 0 ? 'supported' : 'opposite sign') : 'not supported';
      assert.equal(f.verdict, expected);
    } else {
      assert.equal(f.verdict, 'no direction predicted', `${f.term} has no predicted sign in the plan`);
    }
  }
  const h2 = reports.find((r) => r.id === 'H2')!;
  assert.deepEqual(h2.tested.map((f) => [f.outcome, f.label, f.direction]), [
    ['alliance_favorability', 'Behaviour of the ally: any other level (vs. Cooperates (control))', 'negative'],
    ['contribution', 'Behaviour of the ally: any other level (vs. Cooperates (control))', 'negative'],
  ]);
  assert.ok(reports.every((r) => r.problems.length === 0));
});

// Until newcomer16 every card said "controls and intercept": H1's folded term is a level of the factor it tests
// (do nothing), no control, and a plan testing one term of an interaction folds other factors and the product.
test('the folded terms are named for what they are: the intercept, untested variables, other levels of a tested one', () => {
  const reports = hypothesisReports(alliance, executePlan({ definition: alliance, rows: allianceRows() }));
  assert.equal(reports.find((r) => r.id === 'H1')!.otherTerms, 'intercept and the other level of Measure, not tested by H1');
  const h3 = alliance.analysisPlan.hypotheses.find((h) => h.id === 'H3')!;
  const plan = { ...alliance.analysisPlan, hypotheses: [{ ...h3, formula: '~ regime * capability + behavior', terms: ['regimeautocracy'], direction: {} }] };
  const definition = withPlan(alliance, plan);
  const [only] = hypothesisReports(definition, executePlan({ definition, rows: allianceRows() }));
  assert.equal(only!.otherTerms, 'intercept, Military capability of the ally (when Regime type of the ally: Democracy), Behaviour of the ally and Regime type of the ally × Military capability of the ally, not tested by H3');
  const some = { ...plan, hypotheses: [{ ...h3, formula: '~ regime * capability', terms: ['regimeautocracy', 'capabilityweak'], direction: {} }] };
  const partial = withPlan(alliance, some);
  assert.equal(hypothesisReports(partial, executePlan({ definition: partial, rows: allianceRows() }))[0]!.otherTerms, 'intercept and Regime type of the ally × Military capability of the ally, not tested by H3');
});

// Walk-through 17: the rows of a term inside an interaction said "· when Who backs the plan: …", while the summary above them
// named "Funding and Backer" as if main effects. The summary says where each is taken, in the rows' own words.
test('a folded variable that an interaction contains is named where its terms are taken, as its rows say', () => {
  const h3 = alliance.analysisPlan.hypotheses.find((h) => h.id === 'H3')!;
  const plan = { ...alliance.analysisPlan, hypotheses: [{ ...h3, formula: '~ regime * capability', terms: ['regimeautocracy:capabilityweak'], direction: {} }] };
  const definition = withPlan(alliance, plan);
  const [card] = hypothesisReports(definition, executePlan({ definition, rows: allianceRows() }));
  assert.equal(card!.otherTerms, 'intercept, Regime type of the ally (when Military capability of the ally: Strong) and Military capability of the ally (when Regime type of the ally: Democracy), not tested by H3');
  const wheres = new Set(card!.controls.flatMap((c) => /· (when .*)$/.exec(c.label)?.slice(1) ?? []));
  assert.deepEqual([...wheres], ['when Military capability of the ally: Strong', 'when Regime type of the ally: Democracy'], 'the rows say the same');
  for (const where of wheres) assert.ok(card!.otherTerms.includes(`(${where})`), where);
  // A factor some of whose levels the hypothesis tests: its other levels, where they are taken.
  const some = withPlan(alliance, { ...plan, hypotheses: [{ ...h3, formula: '~ behavior * regime', terms: ['behaviorthreaten_exit'], direction: {} }] });
  const [levels] = hypothesisReports(some, executePlan({ definition: some, rows: allianceRows() }));
  assert.equal(levels!.otherTerms, 'intercept, the other levels of Behaviour of the ally (when Regime type of the ally: Democracy), Regime type of the ally (when Behaviour of the ally: Publicly criticizes the US) and Behaviour of the ally × Regime type of the ally, not tested by H3');
});

test('early in a wave the cards carry the explanations, not the estimator messages', () => {
  const result = executePlan({ definition: alliance, rows: allianceRows().slice(0, 3) });
  const h2 = hypothesisReports(alliance, result).find((r) => r.id === 'H2')!;
  assert.deepEqual(h2.problems.map((p) => p.explanation), [
    'needs at least 2 respondents in each arm; now 1 in Behaviour of the ally: Cooperates (control)',
    'needs at least 2 respondents in each arm; now 1 in Behaviour of the ally: Cooperates (control)',
  ]);
});

// The plan result carried lm_robust's warnings (a row of leverage 1 under HC2) to the JSON and the CLI's stderr, but
// the cards had no place for them: a researcher reading the dashboard never learnt that H3's SEs rest on a convention.
test('a fit\'s warnings reach its hypothesis card, per outcome, without the estimator\'s name; other cards have none', () => {
  const result = executePlan({ definition: alliance, rows: withLoneWeakCapability(allianceRows()) });
  const reports = hypothesisReports(alliance, result);
  const h3 = reports.find((r) => r.id === 'H3')!;
  assert.deepEqual(h3.warnings.map((w) => w.outcome), ['economic_sanctions', 'reduce_military_aid', 'suspend_military_support']);
  for (const w of h3.warnings) assert.match(w.message, /^1 row has leverage 1 \(the only observation of a factor level or cell/);
  assert.deepEqual(reports.filter((r) => r.id !== 'H3').map((r) => r.warnings), [[], []]);
});

// Walk-through 22: a card fitted on fewer rows than the completes (an answer its model uses missing: an optional age
// box) said nothing of the rows left out; the CLI table printed "N 80" under "95 complete".
test('a card says, per outcome, how many rows its fit left out for a missing value; none when none were', () => {
  const h2 = alliance.analysisPlan.hypotheses.find((h) => h.id === 'H2')!;
  const outcome = h2.outcomes[0]!;
  const rows = allianceRows().map((r, i) => (i < 12 ? { ...r, [outcome]: null } : r));
  const reports = hypothesisReports(alliance, executePlan({ definition: alliance, rows }));
  const left = reports.find((r) => r.id === 'H2')!.leftOut;
  assert.equal(left.length, 1);
  assert.equal(left[0]!.outcome, outcome);
  assert.ok(left[0]!.rows >= 1 && left[0]!.rows <= 12, String(left[0]!.rows));
  assert.deepEqual(hypothesisReports(alliance, executePlan({ definition: alliance, rows: allianceRows() })).map((r) => r.leftOut), [[], [], []]);
});

test("each card names its outcomes in the study's words, as vlab estimates does; a stacked outcome by its questions", () => {
  // The dashboard's plot headings showed "alliance_favorability" where `vlab estimates` shows the question (walk-through 27).
  const reports = hypothesisReports(alliance, executePlan({ definition: alliance, rows: allianceRows() }));
  assert.deepEqual(reports.find((r) => r.id === 'H2')!.outcomeWords, {
    alliance_favorability: 'Overall, how favorable or unfavorable is your view of the security partnership between the United States and Country A?',
    contribution: 'Should the United States reduce or increase what it contributes to the partnership with Country A?',
  });
  // H1's `support` has no question of its own: it stood as a bare name in `vlab estimates` and on the card, unexplained
  // to a newcomer (walk-through 28); it is the stacked questions' answers, a row each, the item column naming which.
  assert.deepEqual(reports.find((r) => r.id === 'H1')!.outcomeWords, {
    support: 'the answers to 5 questions, stacked a row each (Measure names the question): "Publicly criticizing the government of ' +
      'Country A", "Doing nothing", "Imposing economic sanctions on Country A", "Reducing military aid to Country A", "Suspending all ' +
      'military support for Country A"',
  });
  assert.equal(reports.find((r) => r.id === 'H3')!.outcomeWords.economic_sanctions, 'Imposing economic sanctions on Country A');
});

test("a card carries its plan's subset in the study's words, as vlab estimates prints it; null without one", () => {
  // walk-through 27's leftover: the table said why H3's N is below the completes, the dashboard's card did not.
  const reports = hypothesisReports(alliance, executePlan({ definition: alliance, rows: allianceRows() }));
  assert.equal(reports.find((r) => r.id === 'H3')!.subsetWords, 'rows with Behaviour of the ally other than Cooperates (control)');
  assert.equal(reports.find((r) => r.id === 'H1')!.subsetWords, 'rows with Behaviour of the ally other than Cooperates (control)');
  assert.equal(reports.find((r) => r.id === 'H2')!.subsetWords, null);
});

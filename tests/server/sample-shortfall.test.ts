// Early in a wave the plan's problems are explained for researchers (sample-shortfall.ts), never in an
// estimator's words; the estimator's message stays beside it for the CLI and scripts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { alliance, allianceRows, withPlan } from './plan-support.ts';

const rows = allianceRows();
const explained = (n: number) => executePlan({ definition: alliance, rows: rows.slice(0, n) }).problems;

test('a wave with one control respondent: "needs at least 2 respondents in each arm; now 1 in …"', () => {
  const control = rows.slice(0, 3).filter((r) => r.behavior === 'control').length;
  assert.equal(control, 1, 'the first three reference rows hold one control respondent');
  const h2 = explained(3).filter((p) => p.hypothesis === 'H2');
  assert.deepEqual(h2.map((p) => p.outcome), ['alliance_favorability', 'contribution']);
  for (const p of h2) {
    assert.equal(p.explanation, 'needs at least 2 respondents in each arm; now 1 in Behaviour of the ally: Cooperates (control)');
    assert.match(p.message, /^differenceInMeans: /, 'the estimator’s own words stay in message');
  }
  // H3's model fits, but a level nobody has yet leaves its term out: said the same way.
  assert.ok(explained(3).some((p) => p.hypothesis === 'H3' && /^needs at least 2 respondents in each arm; now 0 in Military capability of the ally: Strong$/.test(p.explanation)));
});

test('an empty wave, and never an estimator message in an explanation; a full wave has no problem', () => {
  const none = explained(0);
  assert.equal(none.length, 6);
  assert.ok(none.every((p) => p.explanation === 'no respondents with an answer in this comparison yet'));
  for (const n of [0, 1, 2, 3, 5, 8, 13]) {
    for (const p of explained(n)) assert.doesNotMatch(p.explanation, /lmRobust|differenceInMeans|rake|:\s*$/, `${n} rows: ${p.explanation}`);
  }
  assert.deepEqual(executePlan({ definition: alliance, rows }).problems, []);
});

// A row without its fixed effect's value is dropped from the fit (na.omit), so it is no respondent of an arm either:
// before, an autocracy respondent without a region still counted, and the thin arm went unexplained.
test('fixedEffects: a respondent missing the fixed effect is not counted in an arm', () => {
  const def = withPlan(alliance, { hypotheses: [{ id: 'F', description: 'f', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime', fixedEffects: ['region'] }] });
  const byRegime = (level: string) => rows.filter((r) => r.regime === level).slice(0, 3);
  const sample = [...byRegime('democracy'), ...byRegime('autocracy').map((r, i) => (i < 2 ? { ...r, region: null } : r))];
  const sampleShortfall = executePlan({ definition: def, rows: sample }).problems.map((p) => p.explanation);
  assert.deepEqual(sampleShortfall, ['needs at least 2 respondents in each arm; now 1 in Regime type of the ally: Autocracy']);
});

// A wave whose respondents all failed the attention check said "no respondents with an answer in this comparison
// yet" on every card, as if nobody had answered: the dashboard showed 3 complete beside it (newcomer walk-through 15).
test('respondents there, but the plan\'s exclusions removed them all: said so, with what the plan keeps', () => {
  const failed = rows.slice(0, 3).map((r) => ({ ...r, attention_pass: 0 }));
  const problems = executePlan({ definition: alliance, rows: failed }).problems;
  assert.equal(problems.length, 6);
  for (const p of problems) assert.equal(p.explanation, 'the plan\'s exclusions leave none of the 3 respondents so far (it keeps attention_pass = 1)');
  const def = withPlan(alliance, { ...alliance.analysisPlan, exclusions: [{ column: 'attention_pass', keep: [1] }, { column: 'party', keep: ['democrat', 'republican'] }] });
  const [first] = executePlan({ definition: def, rows: failed }).problems;
  assert.equal(first?.explanation, 'the plan\'s exclusions leave none of the 3 respondents so far (it keeps attention_pass = 1 and party in democrat, republican)');
  // One respondent, in words: not "none of the 1 respondent".
  const [one] = executePlan({ definition: alliance, rows: failed.slice(0, 1) }).problems;
  assert.equal(one?.explanation, 'the plan\'s exclusions leave out the one respondent so far (it keeps attention_pass = 1)');
});

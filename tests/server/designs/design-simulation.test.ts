import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { respondentPlan } from '../../../server/domain/respondent-plan.ts';
import { conjointEstimands } from '../../../server/domain/simulation/conjoint-estimands.ts';
import { simulateConjointRespondent } from '../../../server/domain/simulation/conjoint-respondent.ts';
import { designPageCount, simulateVignetteRespondent } from '../../../server/domain/simulation/respondent.ts';
import { DefinitionError, parseStudyDefinition, type StudyDefinition } from '../../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const conjoint = definitions.find((d) => d.id === 'alliance-partner-conjoint')!;
const repeated = definitions.find((d) => d.id === 'protege-bargaining-repeated')!;
const FOLDER = 'survey-definitions/alliance-partner-conjoint';

/** The conjoint flagship with its simulation model changed by `edit`: the definition, or the loader's message. */
function conjointWithModel(edit: (model: Record<string, any>) => void, restrictions?: object[]): StudyDefinition | string {
  const def = JSON.parse(readFileSync(`${FOLDER}/study.json`, 'utf8'));
  if (restrictions) def.restrictions = restrictions;
  def.analysisPlan = JSON.parse(readFileSync(`${FOLDER}/analysis-plan.json`, 'utf8'));
  // The plan's AMCEs declare the shipped restrictions' pairs (a * b); other restrictions would need other formulas.
  if (restrictions) delete def.analysisPlan.conjoint;
  def.simulation = JSON.parse(readFileSync(`${FOLDER}/simulation.json`, 'utf8'));
  edit(def.simulation);
  try {
    return parseStudyDefinition(def, 'study.json');
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    return error.message;
  }
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

test('exact estimands by hand: one utility of 0.3 gives an AMCE of logistic(0.3) − 1/2 on the choice', () => {
  const def = conjointWithModel((m) => {
    m.conjoint.utilities = { regime: { autocracy: 0.3 } };
    delete m.conjoint.covariates;
  }) as StudyDefinition;
  const rows = conjointEstimands(def, 'choice');
  const regime = rows.find((r) => r.attribute === 'regime' && r.level === 'autocracy')!;
  // The other profile is an autocracy with probability 1/2: ½[σ(0.3 − 0.3) − σ(0 − 0.3)] + ½[σ(0.3) − σ(0)].
  assert.ok(Math.abs(regime.amce! - (logistic(0.3) - 0.5)) < 1e-12);
  assert.ok(Math.abs(regime.mm - (0.5 + (logistic(0.3) - 0.5) / 2)) < 1e-12);
  for (const r of rows.filter((x) => x.attribute !== 'regime')) assert.ok(Math.abs(r.amce!) < 1e-12 && Math.abs(r.mm - 0.5) < 1e-12, `${r.attribute} ${r.level}`);
});

test('restricted attributes: AMCEs compare only where both levels are allowed; troops has no planted effect and none is estimated', () => {
  const rows = conjointEstimands(conjoint, 'choice');
  const troops = rows.find((r) => r.attribute === 'troops' && r.level === 'none')!;
  assert.ok(Math.abs(troops.amce!) < 1e-12, 'no utility, no AMCE, though the restriction moves its marginal mean');
  assert.ok(troops.mm < rows.find((r) => r.attribute === 'troops' && r.level === 'stationed')!.mm);
  const democrats = conjointEstimands(conjoint, 'choice', { party: 'democrat' }).find((r) => r.level === 'autocracy')!;
  const republicans = conjointEstimands(conjoint, 'choice', { party: 'republican' }).find((r) => r.level === 'autocracy')!;
  assert.ok(democrats.amce! > republicans.amce!, 'the planted heterogeneity by party');
  // Rules that never let autocracies and democracies share a trade level leave no comparison: no AMCE, not a guess.
  const apart = (JSON.parse(readFileSync(`${FOLDER}/study.json`, 'utf8')) as { restrictions: object[] }).restrictions;
  const separated = conjointWithModel(() => {}, [...apart, { if: { regime: 'autocracy' }, then: { trade: 'minor' } }, { if: { regime: 'democracy' }, then: { trade: 'major' } }]) as StudyDefinition;
  const rowsApart = conjointEstimands(separated, 'choice');
  assert.equal(rowsApart.find((r) => r.level === 'autocracy')!.amce, null);
  assert.equal(rowsApart.find((r) => r.level === 'minor')!.amce, null);
  assert.ok(rowsApart.find((r) => r.level === 'weak')!.amce! > 0);
});

test('simulated respondents (seed "sim-check", 4,000 of wave seed "conjoint-sim") reproduce the exact marginal means within 4.5 standard errors', () => {
  const exact = { choice: conjointEstimands(conjoint, 'choice'), rating: conjointEstimands(conjoint, 'rating') };
  const sums = new Map<string, { n: number; chosen: number; rating: number; rating2: number }>();
  for (let d = 0; d < 4000; d++) {
    const plan = respondentPlan(conjoint, 'conjoint-sim', d);
    if (plan.kind !== 'conjoint') throw new Error('expected a conjoint plan');
    const r = simulateConjointRespondent(conjoint, plan, { seed: 'sim-check', index: d });
    assert.deepEqual(simulateConjointRespondent(conjoint, plan, { seed: 'sim-check', index: d }), r);
    r.tasks.forEach((task, t) => {
      assert.ok(task.chosen === 1 || task.chosen === 2);
      plan.tasks[t]!.forEach((profile, p) => {
        assert.ok([1, 2, 3, 4, 5].includes(task.ratings[p]!));
        for (const [attribute, level] of Object.entries(profile.levels)) {
          const s = sums.get(`${attribute}:${level}`) ?? { n: 0, chosen: 0, rating: 0, rating2: 0 };
          s.n += 1;
          s.chosen += task.chosen === p + 1 ? 1 : 0;
          s.rating += task.ratings[p]!;
          s.rating2 += task.ratings[p]! ** 2;
          sums.set(`${attribute}:${level}`, s);
        }
      });
    });
  }
  for (const row of exact.choice) {
    const s = sums.get(`${row.attribute}:${row.level}`)!;
    const se = Math.sqrt((row.mm * (1 - row.mm)) / s.n);
    assert.ok(Math.abs(s.chosen / s.n - row.mm) < 4.5 * se, `choice ${row.attribute} ${row.level}: ${s.chosen / s.n} vs ${row.mm}`);
  }
  for (const row of exact.rating) {
    const s = sums.get(`${row.attribute}:${row.level}`)!;
    const mean = s.rating / s.n;
    const se = Math.sqrt((s.rating2 / s.n - mean ** 2) / s.n);
    // Ratings of one respondent share a latent: twice the independent SE leaves room for that clustering.
    assert.ok(Math.abs(mean - row.mm) < 4.5 * 2 * se, `rating ${row.attribute} ${row.level}: ${mean} vs ${row.mm}`);
  }
});

test('repeated vignettes: one outcome set per vignette, the respondent\'s own answers independent of the conditions', () => {
  const plan = respondentPlan(repeated, 'rep', 11);
  if (plan.kind !== 'vignette') throw new Error('expected a vignette plan');
  const conditions = plan.vignettes.map((v) => v.assignment);
  const r = simulateVignetteRespondent(repeated, conditions, { seed: 's', index: 3 });
  assert.equal(r.vignettes.length, 3);
  for (const answers of r.vignettes) assert.deepEqual(Object.keys(answers), ['support_concede', 'support_punish', 'support_let_leave']);
  const other = simulateVignetteRespondent(repeated, [...conditions].reverse(), { seed: 's', index: 3 });
  assert.deepEqual(other.answers, r.answers, 'covariates and the attention check do not depend on the conditions');
  assert.equal(designPageCount(repeated), 1 + 2 + 3 * 2);
  assert.equal(designPageCount(conjoint), 1 + 2 + 5);
});

test('a conjoint\'s model needs no "outcomes": its choice and rating are modelled under "conjoint" (walk-through 32)', () => {
  // docs/designs.md shows a conjoint model as its `conjoint` section; until walk-through 32 a model without the
  // vignette designs' `outcomes` was refused ("simulation.json:1:1: outcomes: missing") and had to carry `{}`.
  const parsed = conjointWithModel((m) => delete m.outcomes);
  assert.equal(typeof parsed, 'object', String(parsed));
  assert.deepEqual((parsed as StudyDefinition).simulation?.outcomes, {});
  // A vignette study without outcome models is still refused, naming the question that has none.
  const def = JSON.parse(readFileSync('survey-definitions/protege-bargaining/study.json', 'utf8'));
  def.analysisPlan = { hypotheses: [] };
  def.simulation = JSON.parse(readFileSync('survey-definitions/protege-bargaining/simulation.json', 'utf8'));
  delete def.simulation.outcomes;
  assert.throws(() => parseStudyDefinition(def, 'study.json'), /simulation: no model for question "\w+" \(add it to covariates, outcomes, choices or recall\)/);
});

test('mistakes in a design\'s simulation model name the field', () => {
  assert.equal(conjointWithModel((m) => delete m.conjoint), 'study.json: simulation.conjoint: required: a conjoint design needs utilities for its choices and ratings');
  assert.equal(conjointWithModel((m) => (m.conjoint.utilities.behaviour = { evict_troops: 1 })), 'study.json: simulation.conjoint.utilities.behaviour: "behaviour" is not an attribute of the study (did you mean "behavior"?)');
  assert.equal(conjointWithModel((m) => (m.conjoint.utilities.regime.democracy = 1)), 'study.json: simulation.conjoint.utilities.regime.democracy: "democracy" is the reference level: utilities are relative to it');
  assert.equal(conjointWithModel((m) => delete m.conjoint.rating), 'study.json: simulation.conjoint.rating: required: the design asks the rating "support_aid_cut"');
  // Each named no near miss nor what exists (newcomer walk-through 15): now as the vignette model's check does.
  assert.equal(conjointWithModel((m) => (m.conjoint.covariates.party.green = {})),
    'study.json: simulation.conjoint.covariates.party.green: "green" is not a choice of "party" (expected one of democrat, independent, republican)');
  assert.equal(conjointWithModel((m) => (m.conjoint.covariates.party.democrt = {})),
    'study.json: simulation.conjoint.covariates.party.democrt: "democrt" is not a choice of "party" (did you mean "democrat"?)');
  assert.equal(conjointWithModel((m) => (m.conjoint.utilities.regime.autocrcy = 1)),
    'study.json: simulation.conjoint.utilities.regime.autocrcy: "autocrcy" is not a level of "regime" (did you mean "autocracy"?)');
  const def = JSON.parse(readFileSync('survey-definitions/protege-bargaining/study.json', 'utf8'));
  def.analysisPlan = { hypotheses: [] };
  def.simulation = JSON.parse(readFileSync('survey-definitions/protege-bargaining/simulation.json', 'utf8'));
  def.design = { kind: 'vignette', vignettesPerRespondent: 2 };
  assert.throws(() => parseStudyDefinition(def, 'study.json'), /simulation\.recall\.manipulation_check_rival: with 2 vignettes per respondent a manipulation check cannot say which vignette it asks about/);
});

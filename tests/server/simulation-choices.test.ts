// A question whose choices are not a scale (bus-line-funding's vote_line: for / against / abstain), simulated as a
// multinomial logit (server/domain/simulation/choice-outcome.ts, docs/simulation.md "choices"). Before, such a
// study could not have a simulation.json at all: `vlab simulate` and `vlab power --study` could not run on it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { choiceShares } from '../../server/domain/simulation/choice-outcome.ts';
import { estimandKey, planEstimands } from '../../server/domain/simulation/estimands.ts';
import { expectedChoiceShares } from '../../server/domain/simulation/expected.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { loadWithSimulation } from './simulation-model-edit.ts';

const SOURCE = 'survey-definitions/bus-line-funding';
const bus = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'bus-line-funding')!;
const FUNDING = ['sales_tax', 'federal_grant'];
const BACKER = ['neighbors', 'business'];

test('without shifts the choice probabilities are the shares; a shift multiplies the odds of its choice by e^shift', () => {
  const model = { shares: { for: 0.45, against: 0.35, abstain: 0.2 }, effects: { funding: { federal_grant: { for: 0.5 } } } };
  const base = choiceShares(model, ['for', 'against', 'abstain'], { funding: 'sales_tax' }, {});
  assert.deepEqual(base.map((s) => Number(s.p.toFixed(12))), [0.45, 0.35, 0.2]);
  const grant = choiceShares(model, ['for', 'against', 'abstain'], { funding: 'federal_grant' }, {});
  const odds = (s: typeof base) => s[0]!.p / s[1]!.p;
  assert.ok(Math.abs(odds(grant) / odds(base) - Math.exp(0.5)) < 1e-12);
  // Against and abstain keep their ratio: only the log-odds of "for" moved.
  assert.ok(Math.abs(grant[1]!.p / grant[2]!.p - 0.35 / 0.2) < 1e-12);
});

// Seed 'choices-2026', 8,000 completes: every comparison within 3.5 of its simulated standard errors.
const wave = simulateWave(bus, { target: 8000, seed: 'choices-2026' });

test('a simulated wave of bus-line-funding recovers the planted vote shares by condition and the plan\'s H1 and H2', () => {
  assert.equal(wave.rows.length, 8000);
  const cellShare = (funding: string, choice: string) =>
    BACKER.reduce((s, backer) => s + expectedChoiceShares(bus, 'vote_line', { funding, backer }).get(choice)!, 0) / BACKER.length;
  const observed = (funding: string, choice: string) => {
    const rows = wave.rows.filter((r) => r.funding === funding);
    return { share: rows.filter((r) => r.vote_line === choice).length / rows.length, n: rows.length };
  };
  for (const choice of ['for', 'against', 'abstain']) {
    const [a, b] = FUNDING.map((f) => observed(f, choice));
    const [ea, eb] = FUNDING.map((f) => cellShare(f, choice));
    for (const [o, e] of [[a!, ea!], [b!, eb!]] as const) {
      assert.ok(Math.abs(o.share - e) < 3.5 * Math.sqrt((e * (1 - e)) / o.n), `${choice}: ${o.share} vs ${e}`);
    }
    // The effect of a federal grant on the share of the choice: a difference of two shares, with its standard error.
    const se = Math.sqrt((ea! * (1 - ea!)) / a!.n + (eb! * (1 - eb!)) / b!.n);
    assert.ok(Math.abs(b!.share - a!.share - (eb! - ea!)) < 3.5 * se, `${choice}: effect ${b!.share - a!.share} vs ${eb! - ea!} (se ${se})`);
  }
  // The planted effect is there: a grant raises the share voting for the line by about 0.1.
  assert.ok(cellShare('federal_grant', 'for') - cellShare('sales_tax', 'for') > 0.09);

  const result = executePlan({ definition: bus, rows: wave.rows });
  const estimands = planEstimands(bus);
  for (const e of result.estimates) {
    const estimand = estimands.get(estimandKey(e.hypothesis, e.outcome, e.term))!;
    assert.ok(Math.abs(e.estimate! - estimand) < 3.5 * e.std_error!, `${e.hypothesis} ${e.term}: ${e.estimate} vs ${estimand} (se ${e.std_error})`);
  }
  assert.ok(result.estimates.find((e) => e.term === 'fundingfederal_grant')!.p_value! < 1e-6);
});

test('a wrong choice model names simulation.json and the field', () => {
  const cases: [(m: Record<string, any>) => void, RegExp][] = [
    [(m) => delete m.choices, /no model for question "vote_line" \(add it to covariates, outcomes, choices or recall\)/],
    [(m) => ((m.outcomes.vote_line = { mean: 2, sd: 1 }), delete m.choices), /outcomes\.vote_line: "vote_line" needs numeric choices \(a rating scale\) to be an outcome; model a question whose choices are not a scale under "choices"/],
    [(m) => (m.choices.vote_line.shares.abstain = 0.3), /choices\.vote_line\.shares: shares add up to 1\.1, not 1/],
    [(m) => delete m.choices.vote_line.shares.abstain, /choices\.vote_line\.shares: no share for "abstain"/],
    [(m) => (m.choices.vote_line.shares = { yes: 0.45, against: 0.35, abstain: 0.2 }), /choices\.vote_line\.shares\.yes: "yes" is not a choice of "vote_line" \(expected one of for, against, abstain\)/],
    [(m) => (m.choices.vote_line.effects.funding.sales_tax = { for: 1 }), /choices\.vote_line\.effects\.funding\.sales_tax: "sales_tax" is the reference level/],
    [(m) => (m.choices.vote_line.effects.funding.federal_grant = { yes: 1 }), /effects\.funding\.federal_grant\.yes: "yes" is not a choice of "vote_line"/],
    [(m) => (m.choices.vote_line.effects.fundng = { federal_grant: { for: 1 } }), /effects\.fundng: "fundng" is not a factor of the study \(did you mean "funding"\?\)/],
    [(m) => (m.choices.vote_line.covariates.bus_use.daily = { for: 1 }), /covariates\.bus_use\.daily: "daily" is not a choice of "bus_use"/],
    [(m) => (m.choices.vote_line.covariates.party = { democrat: { for: 1 } }), /"party" is not a modelled covariate/],
    [(m) => (m.choices.support_line = { shares: { 1: 0.2, 2: 0.2, 3: 0.2, 4: 0.2, 5: 0.2 } }), /choices\.support_line: "support_line" is already modelled in "outcomes"/],
    [(m) => (m.choices.vote_line.model = 'probit'), /unrecognized|Unrecognized|"model"/],
  ];
  for (const [edit, expected] of cases) {
    const message = loadWithSimulation(edit, SOURCE);
    assert.ok(message, `accepted: ${expected}`);
    assert.match(message, /bus-line-funding\/simulation\.json/);
    assert.match(message, expected);
  }
  assert.equal(loadWithSimulation(() => undefined, SOURCE), null);
});

test('a checkbox (several answers) takes no model, which would draw one answer; optional, it is left empty', () => {
  const checkbox = (study: Record<string, any>) => (study.pages.outcomes[0].elements[1].type = 'checkbox');
  assert.match(loadWithSimulation(() => undefined, SOURCE, checkbox)!, /choices\.vote_line: "vote_line" is a checkbox \(several answers at once\), which no model answers: leave it out \(optional, it is left empty\)/);
  const optional = (study: Record<string, any>) => {
    checkbox(study);
    study.pages.outcomes[0].elements[1].isRequired = false;
  };
  assert.equal(loadWithSimulation((m) => delete m.choices, SOURCE, optional), null);
  assert.match(loadWithSimulation((m) => delete m.choices, SOURCE, checkbox)!, /"vote_line" is required, and no simulated respondent can answer a checkbox: make it optional or remove simulation\.json/);
});

test('an optional question without choices (a comment box) needs no model and is left empty; a required one is named', () => {
  const addBox = (isRequired: boolean) => (study: Record<string, any>) =>
    study.pages.posttreatment[0].elements.push({ type: 'comment', name: 'why', isRequired, title: { en: 'Why?', es: '¿Por qué?' } });
  // Before, both were 'no model for question "why" (add it to covariates, outcomes or recall)': no model fits a comment box.
  assert.equal(loadWithSimulation(() => undefined, SOURCE, addBox(false)), null);
  assert.match(
    loadWithSimulation(() => undefined, SOURCE, addBox(true))!,
    /simulation\.json:\d+:\d+: \(root\): "why" is required, and no simulated respondent can answer a question without choices: make it optional or remove simulation\.json/,
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allCells, designOf } from '../../server/domain/design.ts';
import { buildParticipantSurvey } from '../../server/domain/participant-survey.ts';
import { createConditionReader } from '../../server/domain/simulation/condition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { loadWithSimulation } from './simulation-model-edit.ts';

const definitions = loadDefinitionFiles('survey-definitions');

test('every cell of every shipped study round-trips: the condition read from the vignette is the one drawn', () => {
  for (const def of definitions.filter((d) => d.vignette)) {
    const read = createConditionReader(def);
    const cells = allCells(designOf(def));
    for (const cell of cells) {
      // Through JSON, as the simulator receives it from the server.
      const survey = JSON.parse(JSON.stringify(buildParticipantSurvey(def, cell)));
      assert.deepEqual(read(survey), cell, `${def.id} ${JSON.stringify(cell)}`);
    }
    assert.ok(cells.length >= 4);
  }
});

test('a vignette that no combination of level texts produces is refused, not guessed', () => {
  const def = definitions.find((d) => d.id === 'alliance-corrective-measures')!;
  const read = createConditionReader(def);
  const survey = buildParticipantSurvey(def, allCells(designOf(def))[0]!) as { pages: { elements: { name: string; html?: string }[] }[] };
  const vignette = survey.pages.flatMap((p) => p.elements).find((e) => e.name === 'vignette')!;
  vignette.html = vignette.html!.replace('free and fair', 'fair');
  assert.throws(() => read(survey), /paragraph 1 matches no combination of level texts/);
  assert.throws(() => read({ pages: [] }), /the survey has no vignette/);
});

test('mistakes in simulation.json name the file and the field', () => {
  const file = /alliance-corrective-measures\/simulation\.json:\d+:\d+: /;
  const cases: [(m: Record<string, any>) => void, RegExp][] = [
    [(m) => (m.outcomes.economic_sanctions.effects.behavior.evict = 0.5), /outcomes\.economic_sanctions\.effects\.behavior\.evict: "evict" is not a level of "behavior"/],
    [(m) => (m.outcomes.economic_sanctions.effects.regime.democracy = 0.5), /"democracy" is the reference level/],
    // A level's near miss is named (newcomer walk-through 14: '"los" is not a level of "frame"' said nothing more).
    [(m) => (m.outcomes.economic_sanctions.effects.regime.autocrcy = 0.5), /effects\.regime\.autocrcy: "autocrcy" is not a level of "regime" \(did you mean "autocracy"\?\)/],
    [(m) => (m.covariates.party.green = 0), /"green" is not a choice of "party" \(expected one of democrat, independent, republican\)/],
    [(m) => (m.outcomes.economic_sanctions.effects.regim = { autocracy: 1 }), /effects\.regim: "regim" is not a factor of the study/],
    [(m) => delete m.outcomes.contribution, /no model for question "contribution"/],
    [(m) => (m.covariates.party.republican = 0.5), /covariates\.party: shares add up to 1\.2, not 1/],
    [(m) => (m.covariates.party.green = 0), /covariates\.party\.green: "green" is not a choice of "party"/],
    [(m) => (m.outcomes.age_group = { mean: 1, sd: 1 }), /outcomes\.age_group: "age_group" is already modelled in "covariates"/],
    [(m) => (m.outcomes.manipulation_check_regime = { mean: 1, sd: 1 }), /already modelled|needs numeric choices/],
    [(m) => (m.outcomes.economic_sanctions.covariates = { income: { high: 1 } }), /"income" is not a modelled covariate/],
    // A covariate's effect on a value it does not have named no choices (newcomer walk-through 15).
    [(m) => (m.outcomes.economic_sanctions.covariates = { party: { green: 1 } }), /covariates\.party\.green: "green" is not a choice of "party" \(expected one of democrat, independent, republican\)/],
    [(m) => (m.recall.manipulation_check_regime.factor = 'treaty'), /has no choice "treaty" \(its choices must be the level codes of "treaty"\)/],
    // With what to write (walk-through 31 left it out and was told only that it was required).
    [(m) => delete m.attention, /attention: required: the study has an attention check \("attention_check"\): give the share who fail it, e\.g\. "attention": \{ "fail": 0\.05 \}$/m],
    [(m) => (m.outcomes.do_nothing.sd = 0), /outcomes\.do_nothing\.sd: /],
    [(m) => (m.attrition = 1.5), /attrition: /],
    [(m) => (m.noise = 1), /unrecognized|Unrecognized|"noise"/],
    [(m) => (m.outcomes.do_nothing.interactions = [{ when: { regime: 'autocracy' }, shift: 0.1 }]), /interactions\[0\]\.when: an interaction names at least two factors or covariates/],
    [(m) => (m.outcomes.do_nothing.interactions = [{ when: { regime: 'autocracy', behavior: 'control' }, shift: 0.1 }]), /interactions\[0\]\.when\.behavior: "control" is the reference level/],
  ];
  for (const [edit, expected] of cases) {
    const message = loadWithSimulation(edit);
    assert.ok(message, `accepted: ${expected}`);
    assert.match(message, file);
    assert.match(message, expected);
  }
  assert.equal(loadWithSimulation(() => undefined), null);
});

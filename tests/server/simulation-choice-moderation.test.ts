// Walk-through 26: a `choices` model (a ballot: for / against / abstain) had no interactions at all, so a plan asking
// whether a federal grant wins more votes among people who never ride the bus could not be planted, while an outcome
// scale's could (simulation-covariate-moderation.test.ts). `choices.<q>.interactions` now take the outcomes' `when`
// (factors' levels and covariates' choices) with a `shift` of log-odds per choice, as `effects` give them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseDesign } from '../../server/domain/simulation/design-diagnosis.ts';
import { estimandKey, planEstimands } from '../../server/domain/simulation/estimands.ts';
import { parseStudyDefinition, type StudyDefinition } from '../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { loadWithSimulation } from './simulation-model-edit.ts';

const BUS = 'survey-definitions/bus-line-funding';
const bus = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'bus-line-funding')!;
const TERM = 'fundingfederal_grant:bus_usenever';

/** bus-line-funding with a grant's pull on "for" 0.8 larger among those who never ride, and a plan testing it. */
function moderatedBus(shift: number): StudyDefinition {
  const def = structuredClone(bus) as StudyDefinition & { simulation: { choices: Record<string, any> } };
  def.simulation.choices.vote_line.interactions = [{ when: { funding: 'federal_grant', bus_use: 'never' }, shift: { for: shift } }];
  const h3 = bus.analysisPlan.hypotheses.find((h) => h.id === 'H3_vote')!;
  const plan = { ...bus.analysisPlan, hypotheses: [{ ...h3, formula: '~ funding', moderators: ['bus_use'], terms: [TERM], direction: undefined }] };
  return parseStudyDefinition({ ...def, analysisPlan: plan }, 'test');
}

/** P(for) by hand: the logit's log-odds log(share) + shifts (bus-line's simulation.json), averaged over the backer. */
function handFor(funding: string, busUse: string, shift: number): number {
  const grant = funding === 'federal_grant';
  return (
    ['neighbors', 'business'].reduce((sum, backer) => {
      const eta = {
        for: Math.log(0.45) + (grant ? 0.5 : 0) + (busUse === 'weekly' ? 0.6 : 0) + (grant && busUse === 'never' ? shift : 0),
        against: Math.log(0.35) + (backer === 'business' ? 0.3 : 0),
        abstain: Math.log(0.2) + (busUse === 'never' ? 0.5 : 0),
      };
      return sum + Math.exp(eta.for) / (Math.exp(eta.for) + Math.exp(eta.against) + Math.exp(eta.abstain));
    }, 0) / 2
  );
}

test('a choice question takes interactions with a covariate; mistakes name the field', () => {
  const plant = (interaction: object) => (m: Record<string, any>) => (m.choices.vote_line.interactions = [interaction]);
  assert.equal(loadWithSimulation(plant({ when: { funding: 'federal_grant', bus_use: 'never' }, shift: { for: 0.8 } }), BUS), null);
  const cases: [object, RegExp][] = [
    [{ when: { funding: 'federal_grant', bus_use: 'never' }, shift: { yes: 0.8 } }, /choices\.vote_line\.interactions\[0\]\.shift\.yes: "yes" is not a choice of "vote_line" \(expected one of for, against, abstain\)/],
    [{ when: { funding: 'federal_grant', bus_use: 'nevr' }, shift: { for: 0.8 } }, /interactions\[0\]\.when\.bus_use: "nevr" is not a choice of "bus_use" \(did you mean "never"\?\)/],
    [{ when: { funding: 'federal_grant', recall_funding: 'sales_tax' }, shift: { for: 0.8 } }, /when\.recall_funding: "recall_funding" is asked after the vignette/],
    [{ when: { funding: 'federal_grant' }, shift: { for: 0.8 } }, /interactions\[0\]\.when: an interaction names at least two factors or covariates/],
  ];
  for (const [interaction, expected] of cases) assert.match(loadWithSimulation(plant(interaction), BUS) ?? 'accepted', expected);
});

test('the estimand of funding × bus use on the share voting for is the planted difference in differences (by hand)', () => {
  const did = (shift: number) => handFor('federal_grant', 'never', shift) - handFor('sales_tax', 'never', shift) - (handFor('federal_grant', 'weekly', shift) - handFor('sales_tax', 'weekly', shift));
  for (const shift of [0.8, 0]) {
    const planned = planEstimands(moderatedBus(shift)).get(estimandKey('H3_vote', 'vote_for', TERM))!;
    assert.ok(Math.abs(planned - did(shift)) < 1e-10, `shift ${shift}: ${planned} vs ${did(shift)}`);
  }
  assert.ok(did(0.8) > 0.15, `${did(0.8)}`);
});

test('simulated ballots carry the planted moderation (seed vote-26, 12 runs of 2,000)', () => {
  const { rows } = diagnoseDesign(moderatedBus(0.8), { n: 2000, sims: 12, seed: 'vote-26' });
  const row = rows.find((r) => r.term === TERM)!;
  assert.ok(row.estimand! > 0.15, JSON.stringify(row));
  assert.ok(Math.abs(row.bias!) < (3 * row.sd_estimate) / Math.sqrt(12), JSON.stringify(row));
  assert.ok(row.coverage! >= 0.75, `coverage ${row.coverage}`);
});

// Walk-through 23: `vlab power` printed NA for the estimand (and so bias, RMSE and coverage) of every term of a
// hypothesis adjusting for an optional number box (an age question), with no word why. The simulation answers such a
// box independently of everything else (free-answers.ts: a whole number drawn evenly within its limits, by 85 % at
// random), so in the design's population the box is independent of the condition, the covariates and the outcomes:
// the population fit of `~ funding + backer + age` has the coefficients of `~ funding + backer`, and 0 for age (and for
// an interaction with it). planEstimands now models it that way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseDesign } from '../../server/domain/simulation/design-diagnosis.ts';
import { estimandKey, planEstimands } from '../../server/domain/simulation/estimands.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const bus = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'bus-line-funding')!;
const [first, ...rest] = bus.pages.pretreatment;
const base = bus.analysisPlan.hypotheses.find((h) => h.id === 'H1_funding')!;
const adjusted = { ...base, id: 'H1_age', formula: '~ funding + backer + age', terms: ['fundingfederal_grant', 'age'], direction: undefined };
const moderated = { ...base, id: 'H1_by_age', formula: '~ funding', moderators: ['age'], terms: ['fundingfederal_grant', 'fundingfederal_grant:age'], direction: undefined };
const withAge: StudyDefinition = {
  ...bus,
  pages: {
    ...bus.pages,
    pretreatment: [{ ...first!, elements: [...first!.elements, { type: 'text', inputType: 'number', name: 'age', title: 'Age (optional)', min: 18, max: 99 }] }, ...rest],
  } as StudyDefinition['pages'],
  analysisPlan: { ...bus.analysisPlan, hypotheses: [base, adjusted, moderated] as StudyDefinition['analysisPlan']['hypotheses'] },
};

test('an optional number box in the formula or as a moderator: the design terms keep their estimand, the box its 0', () => {
  const estimands = planEstimands(withAge);
  const unadjusted = estimands.get(estimandKey('H1_funding', 'support_line', 'fundingfederal_grant'))!;
  assert.ok(Math.abs(unadjusted - 0.3) < 0.2, `the planted effect on the observed scale: ${unadjusted}`);
  const close = (key: [string, string], want: number) => {
    const got = estimands.get(estimandKey(key[0], 'support_line', key[1]));
    assert.ok(typeof got === 'number' && Math.abs(got - want) < 1e-9, `${key.join(' ')}: ${got} (want ${want})`);
  };
  close(['H1_age', 'fundingfederal_grant'], unadjusted);
  close(['H1_age', 'age'], 0);
  close(['H1_by_age', 'fundingfederal_grant'], unadjusted);
  close(['H1_by_age', 'fundingfederal_grant:age'], 0);
});

test('vlab power covers the adjusted terms: bias, RMSE and coverage are figures, not NA (seed age-23, 20 runs of 300)', () => {
  const { rows } = diagnoseDesign(withAge, { n: 300, sims: 20, seed: 'age-23' });
  for (const term of ['fundingfederal_grant', 'age']) {
    const row = rows.find((r) => r.hypothesis === 'H1_age' && r.term === term)!;
    assert.equal(typeof row.estimand, 'number', `${term}: ${JSON.stringify(row)}`);
    assert.equal(typeof row.coverage, 'number', term);
    assert.ok(row.coverage! >= 0.8, `${term} coverage ${row.coverage}`);
  }
});

// Walk-through 34: `vlab power --study` of a 3-arm vignette gave its blocked difference in means (crime frame against
// control, blocks: ideology) estimand NA, and bias, RMSE and coverage NA with it, without a word. The estimand's rows
// hold one expected value per cell and covariate profile, so each arm of each block held one value: a standard error
// of 0 by construction, which the blocked estimator refuses. Arms randomized independently of the blocks make the
// blocked estimand the unblocked one, which the estimand now is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimandKey, planEstimands } from '../../server/domain/simulation/estimands.ts';
import { parseStudyDefinition } from '../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const busLine = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'bus-line-funding')!;

test('a difference in means blocked on a covariate, one cell an arm in each block, has the unblocked estimand', () => {
  const dim = (id: string, blocks?: string) => ({
    id, description: 'd', estimator: 'difference_in_means', outcomes: ['support_line'],
    treatment: { factor: 'funding', control: ['sales_tax'], term: 'grant' },
    // One backer: one cell an arm, as in a one-factor design.
    subset: [{ column: 'backer', in: ['neighbors'] }], ...(blocks ? { blocks } : {}),
  });
  const def = parseStudyDefinition({ ...structuredClone(busLine), analysisPlan: { hypotheses: [dim('plain'), dim('blocked', 'bus_use')] } }, 'test');
  const estimands = planEstimands(def);
  const plain = estimands.get(estimandKey('plain', 'support_line', 'grant'));
  const blocked = estimands.get(estimandKey('blocked', 'support_line', 'grant'));
  assert.equal(typeof plain, 'number');
  assert.equal(typeof blocked, 'number', `blocked: ${blocked}`);
  assert.ok(Math.abs(blocked! - plain!) < 1e-12, `${blocked} against ${plain}`);
});

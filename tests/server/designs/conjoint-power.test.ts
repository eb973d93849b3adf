// `vlab power --study` for the conjoint flagship (issue 15): 20 simulated waves of 300 completes (seed
// "cj-power"), the plan's conjoint hypotheses on each, diagnosed against the exact estimands. Seeded: the same
// numbers on every run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnoseConjoint } from '../../../server/domain/simulation/conjoint-diagnosis.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';

const def = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;

test('conjoint design diagnosis: unbiased AMCEs and MMs by party against their exact estimands, nominal coverage, power where the effects are large', () => {
  const sims = 20;
  const result = diagnoseConjoint(def, { n: 300, sims, seed: 'cj-power' });
  assert.deepEqual(result.problems, []);
  // H1: 8 pre-registered terms × 2 outcomes; H2: 2 regime + 6 behaviour levels × 3 parties.
  assert.equal(result.rows.filter((r) => r.hypothesis === 'H1').length, 16);
  assert.equal(result.rows.filter((r) => r.hypothesis === 'H2').length, 24);
  for (const r of result.rows) {
    assert.equal(r.sims, sims, `${r.hypothesis} ${r.outcome} ${r.term}`);
    assert.notEqual(r.estimand, null, r.term);
    // The mean of 20 runs is within 4 Monte Carlo standard errors of the estimand (a fixed seed: no flake).
    assert.ok(Math.abs(r.bias!) <= 4 * (r.sd_estimate / Math.sqrt(sims)) + 1e-9, `${r.hypothesis} ${r.outcome} ${r.term}: bias ${r.bias}, sd ${r.sd_estimate}`);
    assert.ok(r.coverage! >= 0.75, `${r.term}: coverage ${r.coverage}`);
  }
  const evict = result.rows.find((r) => r.hypothesis === 'H1' && r.outcome === 'chosen' && r.term === 'behaviorevict_troops')!;
  assert.ok(evict.estimand! > 0.15 && evict.power === 1 && evict.power_adjusted === 1, JSON.stringify(evict));
  assert.ok(result.fielding.draws >= 300 && result.fielding.screenedOut > 0);
});

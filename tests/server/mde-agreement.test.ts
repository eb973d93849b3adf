// One minimum detectable effect (analysis/mde.ts) behind the three places that quote one: the dashboard's
// precision table (termPrecision, from an estimate's SE and df), `vlab power` (powerAnalysis) and the design
// diagnosis (analyticMde, from the simulation model's SD). Given the same comparison they print the same number,
// and it is R's: power.t.test(n = 400, sd = 1, power = .8)$delta = 0.198340795701625, times the SD.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { allCells, designOf } from '../../server/domain/design.ts';
import type { PlanEstimate } from '../../server/domain/plan/execute-plan.ts';
import { termPrecision } from '../../server/domain/plan/precision.ts';
import { analyticMde } from '../../server/domain/simulation/design-diagnosis.ts';
import { outcomeVariance } from '../../server/domain/simulation/expected.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const R_DELTA_400_PER_ARM = 0.198340795701625;
const alliance = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-corrective-measures')!;

test('the dashboard, vlab power and the design diagnosis give the same MDE for the same comparison, equal to R', () => {
  // H3 compares autocracies with democracies among the violation arms: 800 respondents, two arms of 400.
  const h3 = alliance.analysisPlan.hypotheses.find((h) => h.id === 'H3')!;
  const cells = allCells(designOf(alliance)).filter((c) => c.behavior !== 'control');
  const sd = Math.sqrt(cells.reduce((s, c) => s + outcomeVariance(alliance, 'economic_sanctions', c), 0) / cells.length);
  const expected = sd * R_DELTA_400_PER_ARM;

  const diagnosis = analyticMde(alliance, h3, 'economic_sanctions', 'regimeautocracy', 800, 0.05)!;

  const se = sd * Math.sqrt(2 / 400);
  const estimate: PlanEstimate = {
    hypothesis: 'H3', outcome: 'economic_sanctions', term: 'regimeautocracy', estimate: 0.1, std_error: se, statistic: 0.1 / se,
    p_value: 0.5, conf_low: 0.1 - 1.96 * se, conf_high: 0.1 + 1.96 * se, df: 798, p_adjusted: null, adjust_method: null,
    n_used: 800, n_dropped: 0, plan_hash: 'x',
  };
  const dashboard = termPrecision([estimate], { nComplete: 800, target: 800, alpha: 0.05 })[0]!.mde_now;

  const run = spawnSync(process.execPath, ['bin/vlab.js', 'power', '--sd', String(sd), '--n', '400', '--power', '0.8', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const cli = (JSON.parse(run.stdout) as { effect: number }[])[0]!.effect;

  for (const [where, mde] of [['design diagnosis', diagnosis], ['dashboard', dashboard], ['vlab power', cli]] as const) {
    assert.ok(Math.abs(mde - expected) < 1e-10 * expected, `${where}: ${mde} vs R ${expected}`);
  }
});

test('at the target the dashboard MDE is projected to within 0.1 % of that of the larger sample', () => {
  const se = Math.sqrt(2 / 100);
  const estimate = { term: 'x', std_error: se, conf_low: -1, conf_high: 1, df: 198 } as PlanEstimate;
  const [p] = termPrecision([estimate], { nComplete: 200, target: 800, alpha: 0.05 });
  // Four times the respondents: two arms of 400. R: power.t.test(n = 400, power = .8)$delta
  assert.ok(Math.abs(p!.mde_target - R_DELTA_400_PER_ARM) < 1e-3 * R_DELTA_400_PER_ARM, `${p!.mde_target}`);
});

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { blockPermutation } from '../../server/domain/assignment.ts';
import { allCells, designOf, type Assignment } from '../../server/domain/design.ts';
import { waveColumns } from '../../server/domain/export/wave-columns.ts';
import { estimandKey, planEstimands } from '../../server/domain/simulation/estimands.ts';
import { expectedOutcome } from '../../server/domain/simulation/expected.ts';
import { diagnoseDesign } from '../../server/domain/simulation/design-diagnosis.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { withPlan } from './plan-support.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const alliance = definitions.find((d) => d.id === 'alliance-corrective-measures')!;
const protege = definitions.find((d) => d.id === 'protege-bargaining')!;

/** Mean expected outcome over the cells that satisfy `where` (cells are equally likely). */
function cellMean(def: typeof alliance, outcome: string, where: (c: Assignment) => boolean): number {
  const cells = allCells(designOf(def)).filter(where);
  return cells.reduce((s, c) => s + expectedOutcome(def, outcome, c), 0) / cells.length;
}

test('estimands run through the plan equal the effects derived by hand from the model', () => {
  const a = planEstimands(alliance);
  const violated = (c: Assignment) => c.behavior !== 'control';
  // H3 (violation arms, main effects): the autocracy effect is a difference of marginal means.
  const autocracy = cellMean(alliance, 'economic_sanctions', (c) => violated(c) && c.regime === 'autocracy') -
    cellMean(alliance, 'economic_sanctions', (c) => violated(c) && c.regime === 'democracy');
  assert.ok(Math.abs(a.get(estimandKey('H3', 'economic_sanctions', 'regimeautocracy'))! - autocracy) < 1e-10);
  assert.ok(Math.abs(a.get(estimandKey('H3', 'economic_sanctions', 'capabilityweak'))!) < 1e-10, 'no planted capability effect');
  // H2 (difference in means): any violation against control.
  const dim = cellMean(alliance, 'alliance_favorability', violated) - cellMean(alliance, 'alliance_favorability', (c) => !violated(c));
  assert.ok(Math.abs(a.get(estimandKey('H2', 'alliance_favorability', 'violated'))! - dim) < 1e-10);
  // Protégé H2: the interaction term is a difference in differences of marginal means (averaged over regime).
  const p = planEstimands(protege);
  const m = (strategy: string, option: string) => cellMean(protege, 'support_punish', (c) => c.strategy === strategy && c.outside_option === option);
  const did = m('evict_troops', 'rival_courting') - m('cooperate', 'rival_courting') - (m('evict_troops', 'no_rival') - m('cooperate', 'no_rival'));
  const planned = p.get(estimandKey('H2', 'support_punish', 'strategyevict_troops:outside_optionrival_courting'))!;
  assert.ok(Math.abs(planned - did) < 1e-10, `${planned} vs ${did}`);
  assert.ok(planned < -0.2, 'the planted interaction survives rounding, attenuated');
});

test('an offline wave is fielded like the server: permuted blocks, quotas, export columns, reproducible', () => {
  const design = designOf(alliance);
  const wave = simulateWave(alliance, { target: 600, seed: 'offline' });
  assert.equal(wave.rows.length, 600);
  assert.equal(wave.draws, 600 + wave.screenedOut + wave.overQuota + wave.abandoned);
  assert.ok(wave.overQuota > 0 && wave.screenedOut > 0 && wave.abandoned > 0, JSON.stringify({ ...wave, rows: undefined }));
  assert.deepEqual(Object.keys(wave.rows[0]!), waveColumns(alliance).map((c) => c.name));
  for (const row of wave.rows) {
    const d = row.draw_index as number;
    assert.equal(row.cell_index, blockPermutation('offline', Math.floor(d / design.nCells), design.nCells)[d % design.nCells]);
    assert.equal(row.status, 'complete');
  }
  assert.deepEqual(simulateWave(alliance, { target: 600, seed: 'offline' }), wave);
  assert.notDeepEqual(simulateWave(alliance, { target: 600, seed: 'other' }).rows, wave.rows);
});

test('diagnoseDesign: per tested term, diagnosands computed from the runs against the estimand', () => {
  const sims = 6;
  const { rows, fielding, problems } = diagnoseDesign(alliance, { n: 500, sims, seed: 'diag' });
  assert.deepEqual(problems, []);
  assert.ok(fielding.draws > 500);
  const estimands = planEstimands(alliance);
  // H1: 3 terms; H2: 2 outcomes × violated; H3: 3 outcomes × 3 tested terms.
  assert.equal(rows.length, 3 + 2 + 9);
  for (const r of rows) {
    assert.equal(r.sims, sims);
    assert.equal(r.estimand, estimands.get(estimandKey(r.hypothesis, r.outcome, r.term)));
    assert.ok(Math.abs(r.bias! - (r.mean_estimate - r.estimand!)) < 1e-12);
    assert.ok(r.rmse! ** 2 >= r.bias! ** 2 - 1e-12, 'rmse² = bias² + variance');
    for (const share of [r.power, r.coverage!, r.power_adjusted!]) assert.ok(share >= 0 && share <= 1 && Number.isInteger(share * sims));
    if (r.hypothesis === 'H1') assert.equal(r.mde_analytic, null, 'stacked within-respondent comparisons have no two-arm formula');
    else assert.ok(r.mde_analytic! > 0.1 && r.mde_analytic! < 1, `${r.term} ${r.mde_analytic}`);
  }
  const evictH2 = rows.find((r) => r.hypothesis === 'H2' && r.outcome === 'alliance_favorability')!;
  assert.equal(evictH2.power, 1, 'a large planted effect is found in every run');
});

test('a term without an analytic MDE says why: a three-way interaction, a stacked outcome', async () => {
  // Until 2026-12-05 mde_analytic was NA (null) without a word (leftovers pass): a reader took it for a failure.
  const plan = structuredClone(protege.analysisPlan) as unknown as { hypotheses: Record<string, unknown>[] }; // edited as JSON, then parsed
  const threeWay = 'strategyevict_troops:outside_optionrival_courting:regimeautocracy';
  plan.hypotheses = [{ ...plan.hypotheses[3]!, id: 'H9', formula: '~ strategy * outside_option * regime', moderators: undefined, outcomes: ['support_punish'], terms: [threeWay, 'strategyevict_troops:outside_optionrival_courting'] }];
  const rows = diagnoseDesign(withPlan(protege, plan), { n: 400, sims: 2, seed: 'note' }).rows;
  const three = rows.find((r) => r.term === threeWay)!;
  assert.equal(three.mde_analytic, null);
  assert.equal(three.mde_note, 'an interaction of three factors or more: no closed formula');
  const two = rows.find((r) => r.term === 'strategyevict_troops:outside_optionrival_courting')!;
  assert.ok(two.mde_analytic! > 0);
  assert.equal(two.mde_note, null);

  const table = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['bin/vlab.js', 'power', '--study', 'alliance-corrective-measures', '--n', '300', '--sims', '2', '--seed', 'cli'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  // Said of the rows, not of the comparison: walk-through 31's stacked H3 tested a factor between respondents, and was
  // told of "within-respondent comparisons".
  assert.match(table, /\nmde_analytic NA for H1 \(3 terms\): several rows per respondent \(a stacked outcome or repeated vignettes\), clustered: no two-arm formula\n/);
  // Walk-through 23: power_adjusted stood NA for a hypothesis the plan does not adjust, without a word (every
  // hypothesis of the alliance plan adjusts, so no such line there).
  assert.doesNotMatch(table, /power_adjusted NA/);
  // Walk-through 28: the footer said "power at alpha 0.05" and nothing of power_se, power_adjusted or coverage, and
  // H3's terms with no planted effect showed power 0.05 as if the design could not detect them.
  assert.match(table, /; power: share of runs with p < alpha 0\.05 \(power_se: its Monte Carlo SE; power_adjusted: on the plan's adjusted p\); coverage: share of runs whose 95% CI holds the estimand;/);
  assert.match(table, /\npower of H3's 6 terms with no effect planted \(estimand 0\) is their false-positive rate: near alpha \(0\.05\) is as it should be\n/);
  const bus = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['bin/vlab.js', 'power', '--study', 'bus-line-funding', '--n', '100', '--sims', '2', '--seed', 'cli'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  assert.match(bus, /\npower_adjusted NA for H1_funding, H2_backer, H3_vote: the plan adjusts no p-values of these hypotheses \(no "adjust"\), so their power is on the unadjusted p\n/);
  // A conjoint's hypotheses are the plan's `conjoint` list: its H2 (marginal means, no "adjust") showed NA unexplained
  // (walk-through 28), where H1 (amce, holm) has figures.
  const conjoint = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['bin/vlab.js', 'power', '--study', 'alliance-partner-conjoint', '--n', '100', '--sims', '2', '--seed', 'cli'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  assert.match(conjoint, /\npower_adjusted NA for H2: the plan adjusts no p-values of this hypothesis \(no "adjust"\), so its power is on the unadjusted p\n/);
});

test('vlab power --study prints the diagnosis; the analytic mode is unchanged; mistakes are usage errors', async () => {
  const vlab = (...args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, ['bin/vlab.js', 'power', ...args], { encoding: 'utf8' }, (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
  const json = await vlab('--study', 'alliance-corrective-measures', '--n', '300', '--sims', '3', '--seed', 'cli', '--format', 'json');
  assert.equal(json.status, 0, json.stderr);
  const out = JSON.parse(json.stdout);
  assert.equal(out.seed, 'cli');
  assert.equal(out.diagnoses.length, 14);
  assert.deepEqual(Object.keys(out.diagnoses[0]).slice(0, 4), ['hypothesis', 'outcome', 'term', 'estimand']);

  const analytic = await vlab('--effect', '0.5', '--sd', '1', '--power', '0.8', '--format', 'json');
  assert.equal(analytic.status, 0, analytic.stderr);
  assert.ok(Math.abs(JSON.parse(analytic.stdout)[0].n_per_arm - 63.76576) < 1e-4);

  const unknown = await vlab('--study', 'nope', '--n', '300');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^vlab power: no study "nope"/);
  const noN = await vlab('--study', 'alliance-corrective-measures');
  assert.equal(noN.status, 2);
  assert.match(noN.stderr, /--study needs --n, the completes of each simulated wave/);
});

// A plan's fixedEffects are columns the population rows must carry, as a formula's covariates: before, planEstimands
// left region out of the rows, lmRobust stopped (unknown column "region") and H3 had no estimands at all.
test('estimands of a hypothesis with fixedEffects: region is in the population rows; the randomized effect is unchanged', () => {
  const plan = structuredClone(alliance.analysisPlan) as { hypotheses: Record<string, unknown>[] };
  const def = withPlan(alliance, { ...plan, hypotheses: plan.hypotheses.map((h) => (h.id === 'H3' ? { ...h, fixedEffects: ['region'] } : h)) });
  const violated = (c: Assignment) => c.behavior !== 'control';
  const autocracy = cellMean(alliance, 'economic_sanctions', (c) => violated(c) && c.regime === 'autocracy') -
    cellMean(alliance, 'economic_sanctions', (c) => violated(c) && c.regime === 'democracy');
  const estimand = planEstimands(def).get(estimandKey('H3', 'economic_sanctions', 'regimeautocracy'));
  assert.ok(typeof estimand === 'number' && Math.abs(estimand - autocracy) < 1e-10, `${estimand} vs ${autocracy}`);
  assert.equal(planEstimands(def).get(estimandKey('H3', 'economic_sanctions', '(Intercept)')), undefined, 'absorbed');
});

// The population rows are weighted (profiles of unequal probability), and estimatr refuses weighted CR2 with fixed
// effects: a stacked hypothesis (CR2 by default) with fixedEffects had no estimands. An estimand is a point estimate,
// which the se type does not move, so the estimands fit it with CR0.
test('estimands of a stacked CR2 hypothesis with fixedEffects equal those without them (randomized items)', () => {
  const plan = structuredClone(alliance.analysisPlan) as { hypotheses: Record<string, unknown>[] };
  const def = withPlan(alliance, { ...plan, hypotheses: plan.hypotheses.map((h) => (h.id === 'H1' ? { ...h, fixedEffects: ['region'] } : h)) });
  const plain = planEstimands(alliance);
  const estimands = planEstimands(def);
  for (const term of ['measureeconomic_sanctions', 'measurereduce_military_aid']) {
    const [got, want] = [estimands.get(estimandKey('H1', 'support', term)), plain.get(estimandKey('H1', 'support', term))];
    assert.ok(typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) < 1e-10, `${term}: ${got} vs ${want}`);
  }
});

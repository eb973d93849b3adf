import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust, type Row } from '../../analysis/index.ts';
import { blockPermutation } from '../../server/domain/assignment.ts';
import { allCells, cellAssignment, designOf } from '../../server/domain/design.ts';
import { choiceProbabilities, expectedOutcome } from '../../server/domain/simulation/expected.ts';
import { nearestChoice, simulateRespondent } from '../../server/domain/simulation/respondent.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const byId = (id: string) => definitions.find((d) => d.id === id)!;
const alliance = byId('alliance-corrective-measures');

test('every shipped study carries a simulation model for every question', () => {
  // bus-line-funding had none until its categorical vote_line could be modelled (simulation.json "choices").
  for (const def of definitions) {
    assert.ok(def.simulation, def.id);
    const modelled = new Set([
      ...Object.keys(def.simulation.covariates),
      ...Object.keys(def.simulation.outcomes),
      ...Object.keys(def.simulation.choices ?? {}),
      ...Object.keys(def.simulation.recall),
      ...(def.attentionCheck ? [def.attentionCheck.question] : []),
    ]);
    const questions = [...def.pages.pretreatment, ...def.pages.outcomes, ...def.pages.posttreatment].flatMap((p) => p.elements);
    for (const q of questions) assert.ok(modelled.has(q.name), `${def.id}: ${q.name}`);
  }
});

test('a respondent depends only on the seed, the index and the condition', () => {
  const design = designOf(alliance);
  const condition = cellAssignment(design, 17);
  const a = simulateRespondent(alliance, condition, { seed: 's1', index: 42 });
  assert.deepEqual(simulateRespondent(alliance, condition, { seed: 's1', index: 42 }), a);
  assert.notDeepEqual(simulateRespondent(alliance, condition, { seed: 's1', index: 43 }).answers, a.answers);
  assert.notDeepEqual(simulateRespondent(alliance, condition, { seed: 's2', index: 42 }).answers, a.answers);
  // Common random numbers: another condition changes treatment-dependent answers only, never the covariates.
  const other = simulateRespondent(alliance, cellAssignment(design, 40), { seed: 's1', index: 42 });
  for (const name of ['consent', 'age_group', 'gender', 'education', 'region', 'party', 'attention_check']) {
    assert.equal(other.answers[name], a.answers[name], name);
  }
});

test('answers have the types the server validates, and shares, attention failures and attrition are as modelled', () => {
  const design = designOf(alliance);
  const n = 20_000;
  const counts = { declined: 0, abandoned: 0, failed: 0, republican: 0, recalled: 0 };
  for (let i = 0; i < n; i++) {
    const condition = cellAssignment(design, i % design.nCells);
    const r = simulateRespondent(alliance, condition, { seed: 'shares', index: i });
    if (r.fate === 'declined') counts.declined++;
    if (r.fate === 'abandoned') {
      counts.abandoned++;
      assert.ok(r.leaveOnPage! >= 1 && r.leaveOnPage! < 7);
    }
    if (r.answers.attention_check !== 'radio') counts.failed++;
    if (r.answers.party === 'republican') counts.republican++;
    if (r.answers.manipulation_check_regime === condition.regime) counts.recalled++;
    assert.equal(typeof r.answers.consent, 'boolean');
    assert.ok([1, 2, 3, 4, 5].includes(r.answers.economic_sanctions as number));
  }
  // Binomial standard errors at n = 20,000 are below 0.0035; allow four of them.
  const near = (count: number, p: number, what: string) =>
    assert.ok(Math.abs(count / n - p) < 4 * Math.sqrt((p * (1 - p)) / n), `${what}: ${count / n} vs ${p}`);
  near(counts.declined, 0.02, 'declined');
  near(counts.abandoned, 0.03 * 0.98, 'abandoned');
  near(counts.failed, 0.1, 'attention failures');
  near(counts.republican, 0.3, 'republicans');
  near(counts.recalled, 0.85, 'manipulation check');
});

test('rounding and clipping: probabilities of a 1–5 item add up to one and match the nearest-choice rule', () => {
  const probs = choiceProbabilities([1, 2, 3, 4, 5], 2.2, 1.166);
  assert.ok(Math.abs(probs.reduce((s, x) => s + x.p, 0) - 1) < 1e-12);
  assert.equal(nearestChoice([1, 2, 3, 4, 5], 2.49), 2);
  assert.equal(nearestChoice([1, 2, 3, 4, 5], 2.51), 3);
  assert.equal(nearestChoice([1, 2, 3, 4, 5], -4), 1);
  assert.equal(nearestChoice([1, 2, 3, 4, 5], 9), 5);
});

/** Rows of n respondents assigned by permuted blocks, as a wave would draw them. */
function sampleRows(n: number, seed: string): Row[] {
  const design = designOf(alliance);
  const rows: Row[] = [];
  let permutation: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i % design.nCells === 0) permutation = blockPermutation(seed, i / design.nCells, design.nCells);
    const condition = cellAssignment(design, permutation[i % design.nCells]!);
    const r = simulateRespondent(alliance, condition, { seed, index: i });
    rows.push({ ...condition, ...(r.answers as Record<string, string | number>) } as Row);
  }
  return rows;
}

test('lmRobust on a large offline sample recovers the planted effects on the observed scale', () => {
  const design = designOf(alliance);
  const levels = Object.fromEntries(design.factors.map((f) => [f.name, f.levels]));
  const rows = sampleRows(24_000, 'recover');
  const cells = allCells(design);
  // The estimand of a main-effect term in a balanced full factorial: the difference between the level's and the
  // reference level's marginal means, averaging the exact expected outcome over the other factors' cells.
  const marginal = (outcome: string, factor: string, level: string) => {
    const inLevel = cells.filter((c) => c[factor] === level);
    return inLevel.reduce((s, c) => s + expectedOutcome(alliance, outcome, c), 0) / inLevel.length;
  };
  for (const outcome of ['economic_sanctions', 'alliance_favorability']) {
    const fit = lmRobust({ formula: `${outcome} ~ regime + capability + treaty + behavior`, rows, levels });
    for (const row of fit.estimates.filter((e) => e.term !== '(Intercept)')) {
      const factor = design.factors.find((f) => row.term.startsWith(f.name) && f.levels.includes(row.term.slice(f.name.length)))!;
      const level = row.term.slice(factor.name.length);
      const estimand = marginal(outcome, factor.name, level) - marginal(outcome, factor.name, factor.levels[0]!);
      assert.ok(
        Math.abs(row.estimate! - estimand) < 3.5 * row.std_error!,
        `${outcome} ${row.term}: estimate ${row.estimate} vs estimand ${estimand} (se ${row.std_error})`,
      );
    }
    // A planted effect is detected; a factor without effect is estimated near zero.
    const evict = fit.estimates.find((e) => e.term === 'behaviorevict_troops')!;
    assert.ok(evict.p_value! < 1e-10);
    assert.ok(Math.abs(fit.estimates.find((e) => e.term === 'treatyno_treaty')!.estimate!) < 4 * 0.02);
  }
});

test('the observed-scale effect is attenuated relative to the latent shift by rounding and clipping', () => {
  const control = { regime: 'democracy', capability: 'strong', treaty: 'treaty', behavior: 'control' };
  const evict = { ...control, behavior: 'evict_troops' };
  const observed = expectedOutcome(alliance, 'economic_sanctions', evict) - expectedOutcome(alliance, 'economic_sanctions', control);
  assert.ok(observed > 0.3 && observed < 0.54, `observed ${observed}, latent shift 0.54`);
});

// Walk-through 26: a simulation model could not plant an effect that depends on a pre-treatment answer
// (`interactions[].when` took factors only; `covariates` shift an outcome's level, not a treatment's effect), so
// `vlab power --study` on a moderation hypothesis ("regime matters more to Republicans") showed estimand 0 and
// power ≈ alpha. An interaction's `when` may now name a modelled covariate and one of its choices beside factors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalUpperTail } from '../../analysis/index.ts';
import { allCells, designOf } from '../../server/domain/design.ts';
import { diagnoseDesign, notARandomizedLevel } from '../../server/domain/simulation/design-diagnosis.ts';
import { estimandKey, planEstimands } from '../../server/domain/simulation/estimands.ts';
import { MODERATION_SHIFT, MODERATION_TERM, moderatedAlliance } from '../reference/moderation/moderated-alliance.ts';
import { alliance } from './plan-support.ts';
import { loadWithSimulation } from './simulation-model-edit.ts';

const SHIFT = MODERATION_SHIFT;
const TERM = MODERATION_TERM;

/**
 * E[economic_sanctions | regime, party] by hand from the model: the latent mean 2.2 + regime + behaviour shifts (+0.2
 * for Republicans, + the interaction) with sd √(1 + 0.6²), rounded to 1–5, averaged over the equally likely cells of
 * the other factors (capability and treaty shift nothing; behaviour's six levels do).
 */
function handMean(regime: string, party: string, shift: number): number {
  const sd = Math.hypot(1, 0.6);
  const behaviour = [0, 0.18, 0.24, 0.3, 0.54, 0.6];
  const mean = (mu: number) => {
    const above = [1.5, 2.5, 3.5, 4.5].map((cut) => normalUpperTail((cut - mu) / sd));
    return 1 + above.reduce((a, b) => a + b, 0); // E[Y] = 1 + Σ P(Y > k) on a 1–5 scale
  };
  const base = 2.2 + (regime === 'autocracy' ? 0.35 : 0) + (party === 'republican' ? 0.2 : 0) + (regime === 'autocracy' && party === 'republican' ? shift : 0);
  return behaviour.reduce((a, b) => a + mean(base + b), 0) / behaviour.length;
}

test('an interaction may name a covariate and its choice beside a factor; mistakes name the question', () => {
  const plant = (when: Record<string, string>) => (m: Record<string, any>) => (m.outcomes.economic_sanctions.interactions = [{ when, shift: 0.3 }]);
  assert.equal(loadWithSimulation(plant({ regime: 'autocracy', party: 'republican' })), null);
  const cases: [Record<string, string>, RegExp][] = [
    [{ regime: 'autocracy', ideology: 'conservative' }, /interactions\[0\]\.when\.ideology: "ideology" is not a factor or a question of the study \(factors: regime, capability, treaty, behavior; modelled covariates: age_group, gender, education, region, party\)/],
    [{ regime: 'autocracy', party: 'republicn' }, /when\.party: "republicn" is not a choice of "party" \(did you mean "republican"\?\)/],
    [{ regime: 'autocracy', manipulation_check_regime: 'autocracy' }, /when\.manipulation_check_regime: "manipulation_check_regime" is asked after the vignette: an interaction names factors and pre-treatment questions \(covariates\) only, since a later answer can be moved by the treatment/],
    [{ regime: 'autocracy', attention_check: 'radio' }, /when\.attention_check: "attention_check" is the attention check, not a modelled covariate/],
    [{ party: 'republican' }, /interactions\[0\]\.when: an interaction names at least two factors or covariates/],
    // A reference level beside a covariate: refused, saying how to plant that moderation (walk-through 26's leftover).
    [{ regime: 'democracy', party: 'republican' }, /when\.regime: "democracy" is the reference level: interactions are relative to it; to move its outcome for those answering "republican" to "party", shift "republican" under this outcome's covariates and give the other levels of "regime" the opposite shift here/],
  ];
  for (const [when, expected] of cases) assert.match(loadWithSimulation(plant(when)) ?? 'accepted', expected);
});

test('the estimand of a regime × party term is the planted difference in differences (by hand, to 1e-10)', () => {
  const estimands = planEstimands(moderatedAlliance());
  const did = (shift: number) => handMean('autocracy', 'republican', shift) - handMean('democracy', 'republican', shift) - (handMean('autocracy', 'democrat', shift) - handMean('democracy', 'democrat', shift));
  const planned = estimands.get(estimandKey('H_mod', 'economic_sanctions', TERM))!;
  assert.ok(Math.abs(planned - did(SHIFT)) < 1e-10, `${planned} vs ${did(SHIFT)}`);
  assert.ok(planned > 0.3, `the planted 0.6 survives rounding, attenuated: ${planned}`);
  // Without the shift the term is not exactly 0 (rounding makes the scale non-linear) but it is the model's own.
  const none = planEstimands(moderatedAlliance(0)).get(estimandKey('H_mod', 'economic_sanctions', TERM))!;
  assert.ok(Math.abs(none - did(0)) < 1e-10 && Math.abs(none) < 0.02, `${none}`);
  // Main effect of autocracy among Democrats (the reference party): by hand too.
  const main = estimands.get(estimandKey('H_mod', 'economic_sanctions', 'regimeautocracy'))!;
  assert.ok(Math.abs(main - (handMean('autocracy', 'democrat', SHIFT) - handMean('democracy', 'democrat', SHIFT))) < 1e-10);
  assert.ok(allCells(designOf(alliance)).length === 48);
});

test('vlab power recovers the planted moderation: unbiased, covered, powered (seed mod-26, 12 runs of 1,500)', () => {
  const { rows } = diagnoseDesign(moderatedAlliance(), { n: 1500, sims: 12, seed: 'mod-26' });
  const row = rows.find((r) => r.term === TERM)!;
  assert.ok(row.estimand! > 0.3, JSON.stringify(row));
  // 12 runs: the mean estimate is within 3 Monte Carlo standard errors of the estimand.
  assert.ok(Math.abs(row.bias!) < (3 * row.sd_estimate) / Math.sqrt(12), JSON.stringify(row));
  assert.ok(row.power >= 0.75, `power ${row.power}`);
  assert.ok(row.coverage! >= 0.75, `coverage ${row.coverage}`);
  assert.equal(row.mde_analytic, null);
  // Walk-through 26 read "not a level of a randomized factor (a covariate or derived term)" for a term whose first part
  // is the randomized regime: the note now names the part that is a respondent's answer.
  assert.equal(
    row.mde_note,
    '"partyrepublican" is an answer to party (a pre-treatment question), not a randomized level: its groups are as large as the sample makes them, so no design-arm formula; read the simulated power',
  );
  // A number moderates by itself (`targetally:interest`, a 1–5 rating): the part is the question, not one of its
  // answers; researcher walk-through 29 read '"interest" is an answer to interest'.
  assert.equal(
    notARandomizedLevel(alliance, 'party'),
    '"party" is a pre-treatment question\'s answer, not a randomized level: its groups are as large as the sample makes them, so no design-arm formula; read the simulated power',
  );
});

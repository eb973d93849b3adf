import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DefinitionError } from '../../server/domain/study-definition.ts';
import { planHash } from '../../server/domain/plan/plan-hash.ts';
import { alliance, protege, VIOLATIONS, withPlan } from './plan-support.ts';

const dim = (extra: Record<string, unknown> = {}) => ({
  id: 'H2',
  description: 'violation lowers favourability',
  estimator: 'difference_in_means',
  outcomes: ['alliance_favorability'],
  treatment: { factor: 'behavior', control: ['control'], term: 'violated' },
  ...extra,
});
/** planHash(alliance) computed on main at 6e5f3dd, before plans could name fixed effects. */
const PLAN_HASH_BEFORE_FIXED_EFFECTS = '6f8e0c6e65612a40b8ef851c9b8812754bbba65492fe4baa2ebab0fbe4492235';
const refused = (plan: unknown, pattern: RegExp) =>
  assert.throws(() => withPlan(alliance, plan), (error: unknown) => error instanceof DefinitionError && pattern.test(error.message));

test('both shipped plans validate and name hypotheses H1–H3', () => {
  assert.deepEqual(alliance.analysisPlan.hypotheses.map((h) => h.id), ['H1', 'H2', 'H3']);
  assert.deepEqual(protege.analysisPlan.hypotheses.map((h) => h.id), ['H1_concede', 'H1_punish', 'H1_let_leave', 'H2', 'H3']);
});

/** The whole message, exactly (a regular expression would let a wrong hint through). */
const exact = (plan: unknown, message: string) =>
  assert.throws(() => withPlan(alliance, plan), (error: unknown) => {
    assert.ok(error instanceof DefinitionError, String(error));
    assert.equal(error.message, `test: ${message}`);
    return true;
  });

test('an exclusion on a post-treatment answer is refused, with the reason', () => {
  const plan = { exclusions: [{ column: 'manipulation_check_regime', keep: ['democracy'] }], hypotheses: [dim()] };
  refused(plan, /analysisPlan\.exclusions\[0\]\.column: "manipulation_check_regime" is answered after the treatment; excluding on a post-treatment variable breaks randomization and biases the estimates/);
  refused({ exclusions: [{ column: 'contribution', keep: [1, 2] }], hypotheses: [dim()] }, /"contribution" is an outcome; excluding on a post-treatment variable breaks randomization/);
  refused({ hypotheses: [dim({ subset: [{ column: 'manipulation_check_regime', in: ['autocracy'] }] })] }, /subset\[0\]\.column: .*subsetting on a post-treatment variable breaks randomization/);
  // The pre-treatment attention check (and the column derived from it) is allowed.
  const ok = withPlan(alliance, { exclusions: [{ column: 'attention_pass', keep: [1] }, { column: 'party', keep: ['democrat'] }], hypotheses: [dim()] });
  assert.equal(ok.analysisPlan.exclusions?.length, 2);
});

test('unknown columns, outcomes, values and terms are refused with the field named', () => {
  refused({ hypotheses: [dim({ outcomes: ['favourability'] })] }, /hypotheses\[0\]\.outcomes\[0\]: unknown outcome "favourability"/);
  refused({ hypotheses: [dim({ outcomes: ['party'] })] }, /"party" is not an outcome question \(it is a pretreatment column\)/);
  refused({ exclusions: [{ column: 'attention', keep: [1] }], hypotheses: [] }, /exclusions\[0\]\.column: unknown column "attention"/);
  refused({ exclusions: [{ column: 'party', keep: ['green'] }], hypotheses: [] }, /"green" is not a value of "party"/);
  refused({ hypotheses: [dim({ treatment: { factor: 'behavior', control: ['cooperate'], term: 'violated' } })] }, /"cooperate" is not a level of "behavior"/);
  const lm = { id: 'H3', description: 'regime', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime + regim' };
  refused({ hypotheses: [lm] }, /hypotheses\[0\]\.formula: unknown column "regim"/);
  refused({ hypotheses: [{ ...lm, formula: '~ regime + contribution' }] }, /"contribution" is an outcome; adjusting for or conditioning on a post-treatment variable/);
  refused({ hypotheses: [{ ...lm, formula: '~ regime +' }] }, /hypotheses\[0\]\.formula: malformed formula/);
  refused({ hypotheses: [{ ...lm, formula: '~ regime', direction: { regimedemocracy: 'negative' } }] }, /direction\.regimedemocracy: the model has no term "regimedemocracy" \(terms: "\(Intercept\)", "regimeautocracy"\)/);
  refused({ hypotheses: [dim(), dim()] }, /hypotheses\[1\]\.id: duplicate hypothesis id "H2"/);
});

// A formula written as R writes it (outcome on the left) got two lines, the second quoting a formula the file does not
// hold ('malformed formula "y ~ support ~ cost": unexpected "~"'), and a malformed one was quoted with that "y" in
// front: the plan's own formula is what the researcher can find and fix (newcomer walk-through 14).
test('a formula with an outcome on the left, or malformed, is one line quoting the formula as the plan writes it', () => {
  const lm = { id: 'H3', description: 'regime', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: 'economic_sanctions ~ regime' };
  exact({ hypotheses: [lm] },
    'analysisPlan.hypotheses[0].formula: expected a right-hand side starting with "~", e.g. "~ regime + treaty", got "economic_sanctions ~ regime"');
  exact({ hypotheses: [{ ...lm, formula: '~ regime + treaty)' }] }, 'analysisPlan.hypotheses[0].formula: malformed formula "~ regime + treaty)": unexpected ")"');
  exact({ hypotheses: [{ ...lm, formula: '~ regime +', moderators: ['capability'] }] }, 'analysisPlan.hypotheses[0].formula: malformed formula "~ regime +": it ends where a term was expected');
});

// A typo in terms ("regimeautocrcy") was two lines: the second, at the direction, said its correct term "is not among
// the tested terms", which sent the researcher to fix a line that was right (newcomer walk-through 14).
test('a mistyped tested term is one line, not a second at the direction that names the term it was meant to be', () => {
  const lm = { id: 'H3', description: 'regime', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime', terms: ['regimeautocrcy'], direction: { regimeautocracy: 'positive' } };
  exact({ hypotheses: [lm] }, 'analysisPlan.hypotheses[0].terms[0]: the model has no term "regimeautocrcy" (did you mean "regimeautocracy"? terms: "(Intercept)", "regimeautocracy")');
  // A direction for a real term left out of the terms is still refused.
  exact({ hypotheses: [{ ...lm, formula: '~ regime + capability', terms: ['capabilityweak'] }] }, 'analysisPlan.hypotheses[0].direction.regimeautocracy: "regimeautocracy" is not among the tested terms');
});

// Walk-through 31 wrote its moderation term as "party:regime" where R names it "regime...:party..." (the formula's
// order, the moderator last): the message listed the terms, and left finding the one meant to the reader.
test("an interaction's parts in another order than R's get the term R names", () => {
  const lm = { id: 'H2', description: 'regime by party', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime', moderators: ['party'] };
  exact({ hypotheses: [{ ...lm, terms: ['partyrepublican:regimeautocracy'] }] },
    'analysisPlan.hypotheses[0].terms[0]: the model has no term "partyrepublican:regimeautocracy" (did you mean "regimeautocracy:partyrepublican"? R names an interaction\'s parts in the formula\'s order; ' +
      'terms: "(Intercept)", "regimeautocracy", "partyindependent", "partyrepublican", "regimeautocracy:partyindependent", "regimeautocracy:partyrepublican")');
});

test('a near miss in a plan names what was meant, at the value that is wrong', () => {
  // Before: '"behaviour" is not a factor', 'unknown outcome "economic_sanction"', and a wrong subset value
  // reported at subset[0].column with no hint.
  exact({ hypotheses: [dim({ treatment: { factor: 'behaviour', control: ['control'], term: 'violated' } })] },
    'analysisPlan.hypotheses[0].treatment.factor: "behaviour" is not a factor (did you mean "behavior"?)');
  exact({ hypotheses: [dim({ treatment: { factor: 'behavior', control: ['controls'], term: 'violated' } })] },
    'analysisPlan.hypotheses[0].treatment.control[0]: "controls" is not a level of "behavior" (did you mean "control"?)');
  exact({ hypotheses: [dim({ outcomes: ['alliance_favourability'] })] },
    'analysisPlan.hypotheses[0].outcomes[0]: unknown outcome "alliance_favourability" (did you mean "alliance_favorability"?)');
  exact({ hypotheses: [dim({ subset: [{ column: 'behavior', in: ['control', 'evict_troop'] }] })] },
    'analysisPlan.hypotheses[0].subset[0].in[1]: "evict_troop" is not a value of "behavior" (did you mean "evict_troops"?)');
  exact({ exclusions: [{ column: 'party', keep: ['green'] }], hypotheses: [] },
    'analysisPlan.exclusions[0].keep[0]: "green" is not a value of "party" (expected one of democrat, independent, republican)');
  exact({ exclusions: [{ column: 'attention_passed', keep: [1] }], hypotheses: [] },
    'analysisPlan.exclusions[0].column: unknown column "attention_passed" (did you mean "attention_pass"?)');
  const lm = { id: 'H3', description: 'regime', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime + capabilty' };
  exact({ hypotheses: [lm] }, 'analysisPlan.hypotheses[0].formula: unknown column "capabilty" (did you mean "capability"?)');
});

// `~ messenger + framing` where the factor is "frame" said only `unknown column "framing"`: "framing" is too far from
// "frame" for a guess, and nothing said which names a formula may use (newcomer walk-through 15).
test('an unknown column with no near miss lists the factors and pre-treatment columns a plan may use there', () => {
  const lm = { id: 'H3', description: 'regime', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime + framing' };
  const usable = '(factors: regime, capability, treaty, behavior; pre-treatment columns: age_group, gender, education, region, party, attention_check, attention_pass)';
  exact({ hypotheses: [lm] }, `analysisPlan.hypotheses[0].formula: unknown column "framing" ${usable}`);
  exact({ exclusions: [{ column: 'framing', keep: [1] }], hypotheses: [] }, `analysisPlan.exclusions[0].column: unknown column "framing" ${usable}`);
  exact({ hypotheses: [{ ...lm, formula: '~ regime', fixedEffects: ['framing'] }] }, `analysisPlan.hypotheses[0].fixedEffects[0]: unknown column "framing" ${usable}`);
});

test('a bad estimator, se type or adjustment method is refused with the valid values', () => {
  refused({ hypotheses: [dim({ estimator: 'ols' })] }, /hypotheses\[0\]\.estimator: estimator must be one of difference_in_means, lm_robust/);
  const lm = { id: 'H3', description: 'regime', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime' };
  refused({ hypotheses: [{ ...lm, seType: 'HC4' }] }, /seType: expected one of classical, HC0/);
  refused({ hypotheses: [{ ...lm, seType: 'CR2' }] }, /seType: CR2 needs clusters/);
  refused({ hypotheses: [{ ...lm, adjust: { method: 'sidak' } }] }, /adjust\.method: expected one of holm, hochberg, hommel, bonferroni, BH, BY, fdr, none/);
  refused({ hypotheses: [{ ...lm, formula: 'economic_sanctions ~ regime' }] }, /formula: expected a right-hand side starting with "~"/);
  // A near miss of one value is named; a value as near to several (HC4: HC0 to HC3, one edit each) names none.
  exact({ hypotheses: [{ ...lm, seType: 'hc2' }] },
    'analysisPlan.hypotheses[0].seType: expected one of classical, HC0, HC1, HC2, HC3, CR0, stata, CR2, cregg, got "hc2" (did you mean "HC2"?)');
  exact({ hypotheses: [{ ...lm, seType: 'HC4' }] },
    'analysisPlan.hypotheses[0].seType: expected one of classical, HC0, HC1, HC2, HC3, CR0, stata, CR2, cregg, got "HC4"');
  // estimatr's se_type = "none" (estimates without SEs): vlab's plans always estimate SEs, and says so.
  exact({ hypotheses: [{ ...lm, seType: 'none' }] },
    'analysisPlan.hypotheses[0].seType: se type "none" is not supported: vlab always computes standard errors (estimatr\'s "none" gives the same estimates with no SE, p-value or interval; any se type gives those estimates) (valid: classical, HC0, HC1, HC2, HC3, CR0, stata, CR2, cregg)');
  exact({ hypotheses: [{ ...lm, adjust: { method: 'Holm' } }] },
    'analysisPlan.hypotheses[0].adjust.method: expected one of holm, hochberg, hommel, bonferroni, BH, BY, fdr, none, got "Holm" (did you mean "holm"?)');
  refused({ hypotheses: [{ ...lm, adjust: { method: 'holm' } }, dim({ adjust: { family: 'H3', method: 'BH' } })] }, /hypotheses\[1\]\.adjust\.method: family "H3" is adjusted with holm elsewhere/);
});

test('stacked hypotheses: items must be outcomes and the stack names new', () => {
  const h1 = alliance.analysisPlan.hypotheses[0]!;
  refused({ hypotheses: [{ ...h1, stack: { ...h1.stack, items: ['do_nothing', 'party'] } }] }, /stack\.items\[1\]: "party" is not an outcome question/);
  refused({ hypotheses: [{ ...h1, stack: { ...h1.stack, itemColumn: 'regime' } }] }, /stack\.itemColumn: "regime" is already a column/);
  refused({ hypotheses: [{ ...h1, outcomes: ['economic_sanctions'] }] }, /a stacked hypothesis has one outcome, its valueColumn "support"/);
  refused({ hypotheses: [{ ...h1, subset: [{ column: 'behavior', in: [...VIOLATIONS, 'cooperate'] }] }] }, /"cooperate" is not a value of "behavior"/);
});

test('the plan hash ignores key order, follows content, level order and margins', () => {
  const hash = planHash(alliance);
  assert.match(hash, /^[0-9a-f]{64}$/);
  const reversed = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(reversed)
      : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]))
      : value;
  assert.equal(planHash(withPlan(alliance, reversed(alliance.analysisPlan))), hash);
  assert.equal(planHash(structuredClone(alliance)), hash);

  const edited = structuredClone(alliance.analysisPlan);
  edited.hypotheses[1]!.description += ' (edited)';
  assert.notEqual(planHash(withPlan(alliance, edited)), hash);
  const reordered = structuredClone(alliance);
  reordered.factors[0]!.levels.reverse(); // autocracy becomes the reference level: other estimates
  assert.notEqual(planHash(reordered), hash);
  const margins = structuredClone(alliance);
  margins.populationMargins!.margins.gender = { female: 0.5, male: 0.5 };
  assert.notEqual(planHash(margins), hash);
  // Changing the questionnaire wording does not change what the plan estimates.
  const wording = structuredClone(alliance);
  wording.consent.title = 'Welcome';
  assert.equal(planHash(wording), hash);
});

test('an outcome refused as not numeric names the answer that is not a number and why it must be one', () => {
  // Before: '"alliance_favorability" has non-numeric answers', which did not say which answer or why it matters.
  const def = structuredClone(alliance) as unknown as { pages: { outcomes: { elements: { name: string; choices?: { value: unknown }[] }[] }[] } };
  const question = def.pages.outcomes.flatMap((p) => p.elements).find((e) => e.name === 'alliance_favorability')!;
  question.choices![1]!.value = '2';
  assert.throws(() => withPlan(def as unknown as typeof alliance, { hypotheses: [dim()] }), (error: unknown) => {
    assert.ok(error instanceof DefinitionError);
    // Every mistake at once: the simulation's outcome model says the same of it.
    assert.deepEqual(error.message.split('\n'), [
      'test: analysisPlan.hypotheses[0].outcomes[0]: "alliance_favorability" has an answer that is not a number ("2", a text): an outcome is estimated on numbers, so every choice value of its question must be one',
      'test: simulation.outcomes.alliance_favorability: "alliance_favorability" needs numeric choices (a rating scale) to be an outcome; model a question whose choices are not a scale under "choices"',
    ]);
    return true;
  });
});

// "OLS with block fixed effects": a plan's fixedEffects are columns as moderators are, checked as any right-hand-side
// column (exists, pre-treatment) and refused where estimatr's fixed_effects cannot follow. Before, the strict schema
// refused the field itself ('unrecognized key').
test('fixedEffects: pre-treatment columns, not the model\'s own terms, refused with the field named', () => {
  const lm = { id: 'F', description: 'regime with region fixed effects', estimator: 'lm_robust', outcomes: ['economic_sanctions'], formula: '~ regime' };
  const ok = withPlan(alliance, { hypotheses: [{ ...lm, fixedEffects: ['region', 'party'], direction: { regimeautocracy: 'negative' } }] });
  assert.deepEqual(ok.analysisPlan.hypotheses[0], { ...lm, fixedEffects: ['region', 'party'], direction: { regimeautocracy: 'negative' } });
  exact({ hypotheses: [{ ...lm, fixedEffects: ['regio'] }] }, 'analysisPlan.hypotheses[0].fixedEffects[0]: unknown column "regio" (did you mean "region"?)');
  refused({ hypotheses: [{ ...lm, fixedEffects: ['region', 'manipulation_check_regime'] }] },
    /hypotheses\[0\]\.fixedEffects\[1\]: "manipulation_check_regime" is answered after the treatment; adjusting for or conditioning on a post-treatment variable/);
  refused({ hypotheses: [{ ...lm, fixedEffects: ['contribution'] }] }, /fixedEffects\[0\]: "contribution" is an outcome;/);
  exact({ hypotheses: [{ ...lm, fixedEffects: ['regime'] }] },
    'analysisPlan.hypotheses[0].fixedEffects[0]: "regime" is also on the right-hand side (formula or moderators): a fixed effect absorbs it, so its terms could not be estimated; name it in one place');
  refused({ hypotheses: [{ ...lm, moderators: ['party'], fixedEffects: ['party'] }] }, /fixedEffects\[0\]: "party" is also on the right-hand side/);
  exact({ hypotheses: [{ ...lm, fixedEffects: ['region', 'region'] }] }, 'analysisPlan.hypotheses[0].fixedEffects[1]: "region" is named twice');
  exact({ hypotheses: [{ ...lm, formula: '~ 0 + regime', fixedEffects: ['region'] }] },
    'analysisPlan.hypotheses[0].fixedEffects: fixed effects absorb the intercept: leave "0 +" or "- 1" out of the formula');
  exact({ hypotheses: [{ ...lm, formula: '~ 1', fixedEffects: ['region'] }] },
    'analysisPlan.hypotheses[0].fixedEffects: no term is left to estimate besides the fixed effects: name the terms to estimate in the formula');
  refused({ hypotheses: [{ ...lm, fixedEffects: [] }] }, /fixedEffects/);
  refused({ hypotheses: [{ ...lm, fixedEffects: '~ region' }] }, /fixedEffects/);
  // The intercept is absorbed: not a term the plan may test.
  refused({ hypotheses: [{ ...lm, fixedEffects: ['region'], terms: ['(Intercept)'] }] }, /terms\[0\]: the model has no term "\(Intercept\)" \(terms: "regimeautocracy"\)/);
  // A difference in means has blocks, not fixedEffects.
  refused({ hypotheses: [dim({ fixedEffects: ['region'] })] }, /fixedEffects/);
  // estimatr refuses weighted CR2 with fixed_effects, and cregg's svyglm has none: said at load, not at estimation.
  const stacked = alliance.analysisPlan.hypotheses[0]!;
  refused({ weights: 'raking', hypotheses: [{ ...stacked, fixedEffects: ['region'] }] }, /hypotheses\[0\]\.fixedEffects: raked weights with CR2 cannot have fixed effects \(estimatr: "Cannot use `fixed_effects` with weighted CR2/);
  refused({ hypotheses: [{ ...stacked, seType: 'cregg', fixedEffects: ['region'] }] }, /fixedEffects: se type cregg .* has no fixed effects/);
  assert.equal(withPlan(alliance, { weights: 'raking', hypotheses: [{ ...stacked, seType: 'CR0', fixedEffects: ['region'] }] }).analysisPlan.hypotheses.length, 1);
  // The stacked item column is a column of the model too: item fixed effects.
  assert.equal(withPlan(alliance, { hypotheses: [{ ...stacked, formula: '~ regime', terms: undefined, direction: undefined, fixedEffects: ['measure'] }] }).analysisPlan.hypotheses.length, 1);
});

test('the plan hash of a plan without fixedEffects is as before; naming them changes it', () => {
  // planHash(alliance) on main before the field existed (6e5f3dd).
  assert.equal(planHash(alliance), PLAN_HASH_BEFORE_FIXED_EFFECTS);
  const plan = structuredClone(alliance.analysisPlan) as { hypotheses: Record<string, unknown>[] };
  const withFixedEffects = withPlan(alliance, { ...plan, hypotheses: plan.hypotheses.map((h) => (h.id === 'H3' ? { ...h, fixedEffects: ['region'] } : h)) });
  assert.notEqual(planHash(withFixedEffects), PLAN_HASH_BEFORE_FIXED_EFFECTS);
});

// Accessibility pass 19: a plan names the language its descriptions are written in, for the dashboard's `lang`.
test('a plan\'s language is a language tag, optional, and a plan without one keeps its hash', () => {
  assert.equal(withPlan(alliance, { language: 'es', hypotheses: [dim()] }).analysisPlan.language, 'es');
  assert.equal(withPlan(alliance, { language: 'pt-BR', hypotheses: [dim()] }).analysisPlan.language, 'pt-BR');
  exact({ language: 'Spanish', hypotheses: [dim()] }, 'analysisPlan.language: expected a language tag such as "en", "es" or "pt-BR", got "Spanish"');
  assert.equal(planHash(alliance), PLAN_HASH_BEFORE_FIXED_EFFECTS);
});

// A plan's conjoint hypotheses (analysis-plan.json "conjoint"): the flagship's pre-registered AMCEs and MMs by
// party validate, run on profile rows through cregg's estimators (analysis/conjoint) with the plan's exclusions
// and families, and mistakes in them are refused with the field and the reason. Profiles are simulated with a
// seeded generator (seed 15): uniform levels, evict_troops only with troops stationed, as the design says.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amce, mm, pAdjust, type Row } from '../../analysis/index.ts';
import { expectedConjointTerms } from '../../server/domain/plan/conjoint-terms.ts';
import { executeConjointPlan } from '../../server/domain/plan/execute-conjoint-plan.ts';
import { estimatesTable } from '../../server/cli/commands/estimates-table.ts';
import { hypothesisReports } from '../../server/domain/plan/hypothesis-report.ts';
import { planProblems } from '../../server/domain/plan/validate-plan.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { seededRandom } from '../analysis/support.ts';
import { alliance, withPlan } from './plan-support.ts';

const flagship = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;
const plan = flagship.analysisPlan;

/** 300 participants × 5 tasks × 2 profiles; every tenth fails the attention check. */
function simulate(): { rows: Row[]; profiles: Row[] } {
  const random = seededRandom(15);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const levels = Object.fromEntries(flagship.factors.map((f) => [f.name, f.levels.map((l) => l.code)]));
  const rows: Row[] = [];
  const profiles: Row[] = [];
  for (let p = 1; p <= 300; p++) {
    const participant = `p${p}`;
    rows.push({ participant, party: pick(['democrat', 'independent', 'republican']), attention_pass: p % 10 === 0 ? 0 : 1 });
    for (let task = 1; task <= 5; task++) {
      const pair = [1, 2].map((side) => {
        const profile: Record<string, string | number> = { participant, task, side };
        for (const [name, codes] of Object.entries(levels)) profile[name] = pick(codes);
        if (profile.behavior === 'evict_troops') profile.troops = 'stationed';
        const utility = (profile.regime === 'autocracy' ? 0.6 : 0) + (profile.behavior === 'cooperate' ? 0 : 0.8) + random();
        profile.support_aid_cut = Math.min(5, Math.max(1, Math.round(1.5 + 2 * utility)));
        return { profile, utility };
      });
      const chosen = pair[0]!.utility > pair[1]!.utility ? 0 : 1;
      pair.forEach(({ profile }, k) => profiles.push({ ...profile, chosen: k === chosen ? 1 : 0 }));
    }
  }
  return { rows, profiles };
}

test('the flagship plan carries its pre-registered AMCEs and MMs by party, and they validate', () => {
  assert.deepEqual(plan.conjoint?.map((h) => [h.id, h.estimator, h.by ?? null]), [['H1', 'amce', null], ['H2', 'mm', 'party']]);
  assert.deepEqual(planProblems(flagship), []);
});

test('executeConjointPlan: the estimators on the kept participants\' profiles, R\'s term names, holm over the tested terms', () => {
  const { rows, profiles } = simulate();
  const result = executeConjointPlan({ definition: flagship, rows, profiles });
  assert.equal(result.nExcluded, 30);
  assert.deepEqual(result.problems, []);
  const kept = profiles.filter((p) => Number(String(p.participant).slice(1)) % 10 !== 0);
  const levels = Object.fromEntries(flagship.factors.map((f) => [f.name, f.levels.map((l) => l.code)]));

  const h1 = plan.conjoint![0]!;
  const direct = amce({ formula: `chosen ${h1.formula}`, rows: kept, id: 'participant', levels });
  const chosen = result.estimates.filter((e) => e.hypothesis === 'H1' && e.outcome === 'chosen');
  const nonReference = direct.estimates.filter((e) => e.std_error !== null);
  assert.deepEqual(chosen.map((e) => e.term), nonReference.map((e) => `${e.feature}${e.level}`));
  chosen.forEach((e, k) => assert.deepEqual([e.estimate, e.std_error, e.df, e.n_used], [nonReference[k]!.estimate, nonReference[k]!.std_error, nonReference[k]!.df, 2700]));
  assert.ok(chosen.find((e) => e.term === 'behaviorevict_troops')!.estimate! > 0.2);
  // Holm over H1's tested terms of both outcomes; troops and trade are estimated but not tested.
  const tested = result.estimates.filter((e) => e.hypothesis === 'H1' && h1.terms!.includes(e.term));
  assert.equal(tested.length, 16);
  assert.deepEqual(tested.map((e) => e.p_adjusted), pAdjust(tested.map((e) => e.p_value), 'holm'));
  assert.equal(result.estimates.find((e) => e.term === 'trademinor')!.p_adjusted, null);

  const byParty = result.estimates.filter((e) => e.hypothesis === 'H2');
  assert.equal(byParty.length, 3 * (2 + 6));
  const republicans = kept.filter((p) => rows.find((r) => r.participant === p.participant)!.party === 'republican');
  const direct2 = mm({ formula: 'chosen ~ regime', rows: republicans, id: 'participant', levels, h0: 0.5 });
  const autocracy = byParty.find((e) => e.term === 'regimeautocracy:partyrepublican')!;
  assert.equal(autocracy.estimate, direct2.estimates[1]!.estimate);
  assert.equal(autocracy.statistic, direct2.estimates[1]!.z);
});

test('the cards carry the value each hypothesis tests against: 0 for an AMCE, the plan\'s h0 for a marginal mean', () => {
  const { rows, profiles } = simulate();
  const cards = hypothesisReports(flagship, executeConjointPlan({ definition: flagship, rows, profiles }));
  assert.deepEqual(cards.map((c) => [c.id, c.h0]), [['H1', 0], ['H2', 0.5]]);
  // A rating's marginal means against its scale's midpoint.
  const rating = withPlan(flagship, { ...plan, conjoint: [{ id: 'M', description: 'rating MMs', estimator: 'mm', outcomes: ['support_aid_cut'], formula: '~ regime', h0: 3 }] });
  assert.deepEqual(hypothesisReports(rating, executeConjointPlan({ definition: rating, rows, profiles })).map((c) => c.h0), [3]);
});

test('a conjoint hypothesis\' expected terms come from the estimators\' formula parser: a:b with its main effects is a constraint, not a feature', () => {
  const h = { id: 'X', description: 'x', estimator: 'amce' as const, outcomes: ['chosen'], formula: '~ regime + behavior + troops + behavior:troops' };
  const terms = expectedConjointTerms(flagship, h);
  assert.deepEqual(terms, expectedConjointTerms(flagship, { ...h, formula: '~ regime + behavior * troops' }));
  assert.ok(terms.includes('behaviorevict_troops') && terms.includes('regimeautocracy'));
  // A formula the parser refuses (never valid at load) has no terms rather than an exception.
  assert.deepEqual(expectedConjointTerms(flagship, { ...h, formula: '~ regime + log(capability)' }), []);
});

test('a hypothesis that cannot be estimated yet is a problem, not an exception', () => {
  const { rows, profiles } = simulate();
  const result = executeConjointPlan({ definition: flagship, rows, profiles: profiles.filter((p) => p.behavior === 'cooperate') });
  assert.ok(result.problems.some((p) => p.hypothesis === 'H1' && /feature "behavior" shows one level/.test(p.message)));
});

test('a level the wave has not shown yet is a warning on the hypothesis\' card, as the fits\' warnings of a plain plan are', () => {
  // Early in a wave (or under a restriction), a behaviour nobody was shown: R's model frame drops the level silently,
  // and the card said nothing until the thirteenth R trial.
  const { rows, profiles } = simulate();
  const result = executeConjointPlan({ definition: flagship, rows, profiles: profiles.filter((p) => p.behavior !== 'threaten_exit') });
  // In the study's words, as the card's rows and plot are (they read "feature "behavior" … "threaten_exit"" until
  // researcher pass 10, codes beside labels).
  const unseen = result.warnings.filter((w) => w.message === 'amce: feature "Bargaining behaviour of the partner": no complete row shows "Threatens to leave the partnership", so it has no estimate (R\'s model frame drops unused levels)'.replace(/^amce/, w.hypothesis === 'H1' ? 'amce' : 'mm'));
  // H1's AMCEs on both outcomes, and H2's marginal means by party (which show behavior too) on its one outcome.
  assert.deepEqual(unseen.map((w) => [w.hypothesis, w.outcome]), [['H1', 'chosen'], ['H1', 'support_aid_cut'], ...plan.conjoint![1]!.outcomes.map((o) => ['H2', o])]);
  const card = hypothesisReports(flagship, result).find((c) => c.id === 'H1')!;
  assert.ok(card.warnings.some((w) => w.outcome === 'chosen' && w.message.startsWith('feature "Bargaining behaviour of the partner": no complete row shows "Threatens to leave the partnership"')), JSON.stringify(card.warnings));
});

test('a warning within a group of `by` names the group by its answer\'s text, as the card names it', () => {
  // Republicans never shown an autocracy: H2's mean of Autocracy among them is NA. The warning read "in group
  // "republican"" (the code) beside the features' labels until the newcomer pass 14.
  const { rows, profiles } = simulate();
  const republicans = new Set(rows.filter((r) => r.party === 'republican').map((r) => r.participant));
  const result = executeConjointPlan({ definition: flagship, rows, profiles: profiles.filter((p) => !(republicans.has(p.participant) && p.regime === 'autocracy')) });
  const h2 = result.warnings.filter((w) => w.hypothesis === 'H2').map((w) => w.message);
  assert.deepEqual(h2, ['mm: in group "Republican", Regime type of the partner = "Autocracy" has no estimate: no profile with a positive weight shows it there, as R leaves its coefficient NA']);
});

test('mistakes in conjoint hypotheses are refused at load with their field and reason', () => {
  const base = { id: 'C1', description: 'AMCEs', estimator: 'amce', outcomes: ['chosen'], formula: '~ regime + behavior * troops' };
  /** The load error of the flagship with this one conjoint hypothesis ('' when it loads). */
  const refusal = (h: Record<string, unknown>, def = flagship): string => {
    try {
      withPlan(def, { ...def.analysisPlan, hypotheses: [], conjoint: [{ ...base, ...h }] });
      return '';
    } catch (error) {
      return (error as Error).message.replace(/^test: analysisPlan\.conjoint\[0\]\./, '');
    }
  };
  assert.equal(refusal({}), '');
  assert.equal(
    refusal({ formula: '~ regime + behavior + troops' }),
    'formula: the design restricts behavior × troops (A partner can only order US troops to leave if US troops are stationed on its territory.): write "behavior * troops" so the AMCE averages over the combinations shown',
  );
  assert.equal(refusal({ estimator: 'mm', formula: '~ regime + behavior + troops' }), '');
  assert.equal(refusal({ outcomes: ['support'] }), 'outcomes[0]: "support" is not an outcome of the conjoint design (chosen, support_aid_cut)');
  assert.match(refusal({ formula: '~ regime + party' }), /^formula: .*"party" is not an attribute of the design/);
  assert.equal(refusal({ by: 'regime' }), 'by: "regime" is not a respondent column (a pre-treatment question)');
  // A near miss was named nowhere, and the formula was quoted as "chosen ~ …", which the plan does not hold
  // (newcomer walk-through 15): now the formula as written, and what was probably meant or what there is.
  assert.equal(refusal({ formula: '~ regime + behavior * troopss' }), 'formula: formula "~ regime + behavior * troopss": "troopss" is not an attribute of the design (did you mean "troops"?)');
  assert.equal(refusal({ formula: '~ regime + party' }),
    'formula: formula "~ regime + party": "party" is not an attribute of the design (expected one of regime, capability, treaty, behavior, troops, trade)');
  assert.equal(refusal({ estimator: 'mm', by: 'partyid' }), 'by: "partyid" is not a respondent column (a pre-treatment question; did you mean "party"?)');
  assert.equal(refusal({ estimator: 'mm', by: 'vote' }),
    'by: "vote" is not a respondent column (a pre-treatment question: one of age_group, gender, education, region, party, attention_check, attention_pass)');
  assert.equal(refusal({ h0: 0.5 }), 'h0: h0 applies to mm only');
  // The reference level is no AMCE term: said so, rather than a list to search (walk-through 24).
  assert.equal(refusal({ terms: ['regimedemocracy'] }), 'terms[0]: "regimedemocracy" is the reference level of regime (Democracy): an AMCE has no term for it');
  // A typo gets the term it was meant to be, and once: its direction is not refused again as "not among the tested terms".
  assert.match(refusal({ terms: ['regimautocracy'], direction: { regimeautocracy: 'positive' } }), /^terms\[0\]: the estimates have no term "regimautocracy" \(did you mean "regimeautocracy"\? terms: "regimeautocracy", "[^\n]*"\)$/);
  assert.equal(refusal({ estimator: 'mm', by: 'party', terms: ['regimeautocracy:partyrepublican'] }), '');
  assert.match(refusal({ estimator: 'fit' }), /expected amce or mm/);
  assert.throws(() => withPlan(alliance, { ...alliance.analysisPlan, conjoint: [base] }), /conjoint hypotheses need a conjoint design \(design\.kind "conjoint"\)/);
});

// Every participant failing the attention check said "cannot be estimated from the 0 respondents so far" beside
// their completes (newcomer walk-through 15): the exclusions removed them, and the card says so.
test('executeConjointPlan: participants there, but all excluded by the plan: said so, with what the plan keeps', () => {
  const { rows, profiles } = simulate();
  const failed = rows.slice(0, 4).map((r) => ({ ...r, attention_pass: 0 }));
  const result = executeConjointPlan({ definition: flagship, rows: failed, profiles });
  assert.ok(result.problems.length > 0);
  for (const p of result.problems) assert.equal(p.explanation, 'the plan\'s exclusions leave none of the 4 respondents so far (it keeps attention_pass = 1)');
});

test('a conjoint card says what its other terms are: attribute levels the hypothesis does not test, no intercept (research16)', () => {
  const { rows, profiles } = simulate();
  const result = executeConjointPlan({ definition: flagship, rows, profiles });
  const h1 = hypothesisReports(flagship, result).find((c) => c.id === 'H1')!;
  assert.ok(h1.controls.length > 0 && h1.controls.every((c) => c.term !== '(Intercept)'), 'an AMCE has no intercept');
  assert.equal(h1.otherTerms, 'attribute levels not tested by H1');
  const table = estimatesTable({ wave: 'w1', study: flagship.id, studyVersion: flagship.version, recordedPlanHash: null, nComplete: 300, target: 300, precision: [], ...result }, flagship);
  assert.match(table, /^ {2}\+ \d+ other terms? of the model \(attribute levels not tested by H1\): --wide shows them$/m);
  assert.doesNotMatch(table, /controls, intercept/);
});

// Two rules on one pair of attributes, written either way round (evicting needs troops; no troops, no evicting), asked
// for the pair twice, once as "behavior * troops" and once as "troops * behavior", as if both were needed
// (walk-through 24). Either spelling declares the pair: it is asked for once, with both reasons.
test('two restrictions on one pair of attributes ask for the pair once in an AMCE formula, with both reasons', () => {
  const noTroops = { if: { troops: 'none' }, then: { behavior: ['cooperate', 'public_criticism', 'skip_exercises', 'delay_cooperation', 'threaten_exit'] }, why: 'No troops there, none to evict.' };
  const twoRules = withPlan({ ...flagship, restrictions: [...flagship.restrictions!, noTroops] }, flagship.analysisPlan);
  const conjoint = (formula: string) => [{ id: 'C1', description: 'AMCEs', estimator: 'amce', outcomes: ['chosen'], formula }];
  assert.throws(
    () => withPlan(twoRules, { ...twoRules.analysisPlan, hypotheses: [], conjoint: conjoint('~ regime + behavior + troops') }),
    (error: Error) => {
      assert.equal(
        error.message,
        'test: analysisPlan.conjoint[0].formula: the design restricts behavior × troops (A partner can only order US troops to leave if US troops are stationed on its territory.; No troops there, none to evict.): write "behavior * troops" so the AMCE averages over the combinations shown',
      );
      return true;
    },
  );
  for (const formula of ['~ regime + behavior * troops', '~ regime + troops * behavior']) {
    assert.doesNotThrow(() => withPlan(twoRules, { ...twoRules.analysisPlan, hypotheses: [], conjoint: conjoint(formula) }), formula);
  }
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DomainError } from '../../../server/domain/errors.ts';
import { assertSimulatable } from '../../../server/domain/design-support.ts';
import { planHash } from '../../../server/domain/plan/plan-hash.ts';
import { contentHash, DefinitionError, parseStudyDefinition } from '../../../server/domain/study-definition.ts';
import { studyDesign } from '../../../server/domain/study-design.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';
import { createTestApp } from '../test-app.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const byId = (id: string) => definitions.find((d) => d.id === id)!;

/** A shipped study.json (with its plan) changed by `edit`, parsed: the error message, or null when it loads. */
function studyWith(id: string, edit: (def: Record<string, any>) => void): string | null {
  const def = JSON.parse(readFileSync(`survey-definitions/${id}/study.json`, 'utf8'));
  def.analysisPlan = JSON.parse(readFileSync(`survey-definitions/${id}/analysis-plan.json`, 'utf8'));
  edit(def);
  try {
    parseStudyDefinition(def, 'study.json');
    return null;
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    return error.message;
  }
}
const conjointWith = (edit: (def: Record<string, any>) => void) => studyWith('alliance-partner-conjoint', edit);
const repeatedWith = (edit: (def: Record<string, any>) => void) => studyWith('protege-bargaining-repeated', edit);

test('existing definitions keep their meaning and their snapshot: content and plan hashes as before designs existed', () => {
  // Computed with the code of commit 973b0a4, before `design`, `restrictions` and `weight` existed. The alliance and
  // protégé studies' content hashes are their version 2's (issue 14: the gender question's new answers; the alliance
  // simulation model's description names the in-repo alliance.R, not fielded, so no new version); bus-line-funding's
  // content hash is that of its first simulation.json (2026-12-05: not fielded, so still version 1), and its content and
  // plan hashes those of its plan with H3_vote on the coded outcome vote_for (2026-12-05, still version 1); the other
  // plan hashes unchanged.
  const before: Record<string, [string, string]> = {
    'alliance-corrective-measures': ['da0bbcf7253858e069b3414ba50cf65696380032ba877974d3897fe2d2e24278', '6f8e0c6e65612a40b8ef851c9b8812754bbba65492fe4baa2ebab0fbe4492235'],
    'bus-line-funding': ['5ffb102e51fab9d34ca93e5b71677d1019c64e1096700769fb754913d05c9647', '9f460b2dce86d803850db86002179b60ca5696aa4dd60e4c7c4cc4b751eed42c'],
    'protege-bargaining': ['8764b226a404a69ab42d46395908241c1a3327dfa43c6ff05ebc0cbb5a52b52b', 'b4d99f17174322f896242f50da514313923115e69a09e02480feaabe76a6679a'],
  };
  for (const [id, [content, plan]] of Object.entries(before)) {
    assert.equal(contentHash(byId(id)), content, id);
    assert.equal(planHash(byId(id)), plan, id);
    assert.deepEqual(studyDesign(byId(id)), { kind: 'vignette', vignettesPerRespondent: 1 });
  }
});

test('the shipped conjoint and repeated-vignette examples load with their designs', () => {
  const conjoint = studyDesign(byId('alliance-partner-conjoint'));
  assert.equal(conjoint.kind, 'conjoint');
  if (conjoint.kind === 'conjoint') assert.deepEqual([conjoint.tasks, conjoint.profilesPerTask, conjoint.attributeOrder], [5, 2, 'random-per-respondent']);
  assert.deepEqual(byId('alliance-partner-conjoint').factors.map((f) => f.name), ['regime', 'capability', 'treaty', 'behavior', 'troops', 'trade']);
  assert.deepEqual(studyDesign(byId('protege-bargaining-repeated')), { kind: 'vignette', vignettesPerRespondent: 3 });
});

test('restriction rules: an unknown factor or level is named with the closest real one', () => {
  const add = (rule: object) => conjointWith((d) => d.restrictions.push(rule));
  assert.equal(add({ if: { behaviour: 'evict_troops' }, then: { troops: 'stationed' } }), 'study.json: restrictions[1].if: "behaviour" is not a factor (did you mean "behavior"?)');
  assert.equal(add({ if: { behavior: 'evict_troop' }, then: { troops: 'stationed' } }), 'study.json: restrictions[1].if.behavior: "evict_troop" is not a level of "behavior" (did you mean "evict_troops"?)');
  assert.equal(add({ if: { behavior: 'evict_troops' }, then: { troops: ['statoned'] } }), 'study.json: restrictions[1].then.troops: "statoned" is not a level of "troops" (did you mean "stationed"?)');
  assert.equal(add({ if: { behavior: 'evict_troops' }, then: { party: ['x'] } }), 'study.json: restrictions[1].then: "party" is not a factor (expected one of regime, capability, treaty, behavior, troops, trade)');
  assert.equal(add({ if: { troops: 'none' }, then: { troops: ['stationed'] } }), 'study.json: restrictions[1]: "troops" is named in both "if" and "then"; a rule relates two different factors');
  assert.match(add({ if: {}, then: { troops: ['stationed'] } })!, /^study\.json: restrictions\[1\]\.if: expected at least one factor/);
});

test('restrictions must leave every level a positive probability and some combination allowed', () => {
  assert.equal(
    conjointWith((d) => d.restrictions.push({ if: { behavior: 'evict_troops' }, then: { troops: 'none' } })),
    'study.json: restrictions: level "evict_troops" of "behavior" is never shown: restrictions[0], restrictions[1] rule out every combination with it',
  );
  assert.equal(
    repeatedWith((d) => {
      d.restrictions = [{ if: { troops: 'stationed' }, then: { regime: 'autocracy' } }, { if: { troops: 'stationed' }, then: { regime: 'democracy' } }, { if: { troops: 'none' }, then: { regime: 'autocracy' } }, { if: { troops: 'none' }, then: { regime: 'democracy' } }];
    }),
    'study.json: restrictions: the rules allow no combination at all',
  );
});

test('weights: positive everywhere, whole numbers in vignette designs, and no cell a respondent would need twice', () => {
  assert.equal(conjointWith((d) => (d.factors[0].levels[0].weight = 0)), [
    'study.json: factors[0].levels[0].weight: expected a positive weight (a level that should never be shown is removed instead)',
    // Said with it (every mistake at once): what the zero weight does to the design.
    'study.json: restrictions: level "democracy" of "regime" is never shown: the rules rule out every combination with it',
  ].join('\n'));
  assert.equal(conjointWith((d) => (d.factors[0].levels[0].weight = 1.5)), null, 'a conjoint draws levels by any positive weight');
  assert.match(repeatedWith((d) => (d.factors[0].levels[0].weight = 1.5))!, /^study\.json: factors\[0\]\.levels\[0\]\.weight: a vignette design needs whole-number weights .* 3 : 2 for 1\.5 : 1$/);
  const heavy = repeatedWith((d) => {
    d.factors[0].levels[0].weight = 5;
    d.design.vignettesPerRespondent = 20;
  });
  assert.match(heavy!, /^study\.json: design\.vignettesPerRespondent: cell \{"strategy":"cooperate",.*\} weighs 5 of 76: with 20 vignettes each respondent would need it more than once/);
  const huge = repeatedWith((d) => {
    d.factors[1].levels[0].weight = 97;
    d.factors[2].levels[0].weight = 89;
    d.factors[3].levels[0].weight = 5;
  });
  assert.match(huge!, /^study\.json: factors: the weights make a block of 361620 vignettes \(at most 100000\): use smaller whole-number weights in the same ratios$/);
  const few = repeatedWith((d) => {
    d.design.vignettesPerRespondent = 20;
    d.restrictions.push({ if: { troops: 'none' }, then: { strategy: 'cooperate' } }, { if: { regime: 'autocracy' }, then: { strategy: 'cooperate' } });
  });
  assert.equal(few, 'study.json: design.vignettesPerRespondent: 20 distinct vignettes per respondent, but the design allows only 18 cells');
});

test('each kind requires its own sections', () => {
  assert.equal(conjointWith((d) => (d.vignette = { title: 'x', template: ['{regime}'] })), 'study.json: vignette: a conjoint shows its attributes in a table, not in a vignette: remove "vignette" (task texts go in design.task)');
  assert.equal(conjointWith((d) => delete d.factors[2].text), 'study.json: factors[2]: attribute "treaty" needs a "text": its name as respondents read it in the table');
  assert.equal(conjointWith((d) => (d.design.profilesPerTask = 1)), [
    'study.json: design.outcomes.choice: a forced choice needs two profiles per task (profilesPerTask: 2); with one, ask a rating',
    'study.json: design.task.profileLabels: expected 1 label(s), one per profile of a task',
  ].join('\n'));
  assert.equal(conjointWith((d) => (d.design.outcomes = {})), 'study.json: design.outcomes: expected a "choice", a "rating" or both');
  assert.equal(conjointWith((d) => (d.design.outcomes.rating.name = 'party')), [
    'study.json: design.outcomes.rating.name: "party" is already the name of a factor, page or question',
    // Said with it: the plan's rating outcome is no longer the design's.
    'study.json: analysisPlan.conjoint[0].outcomes[1]: "support_aid_cut" is not an outcome of the conjoint design (chosen, party)',
  ].join('\n'));
  assert.equal(conjointWith((d) => (d.design.attributeOrder = 'random')), 'study.json: design.attributeOrder: expected "random-per-respondent" or "fixed"');
  assert.equal(conjointWith((d) => (d.design.kind = 'maxdiff')), 'study.json: design.kind: kind must be "vignette" or "conjoint"');
  assert.equal(repeatedWith((d) => delete d.vignette), 'study.json: vignette: required: a vignette design needs a template with its factors');
  assert.equal(repeatedWith((d) => (d.factors[0].text = 'Strategy')), 'study.json: factors[0].text: only conjoint attributes have a name shown to respondents; a vignette shows its factors through the template');
});

test('conjoint texts are localizable like every respondent-facing text', () => {
  const message = conjointWith((d) => {
    d.locales = ['en', 'es'];
  });
  assert.match(message!, /missing translation/);
});

test('waves of every design open (conjoint, repeated vignettes); the offline wave simulation refuses a conjoint with its reason', async () => {
  const t = await createTestApp();
  try {
    const { studies } = t;
    // Every design is fielded (conjoints: tests/server/conjoint-wave.test.ts); the offline wave simulation refuses conjoints.
    const conjoint = await studies.createWave({ studyKey: 'alliance-partner-conjoint', target: 10 });
    assert.equal(conjoint.wave.status, 'open');
    assert.throws(() => assertSimulatable(byId('alliance-partner-conjoint')), (e: unknown) => e instanceof DomainError && /is a conjoint: the offline wave of one row per respondent does not apply/.test(e.message));
    const { wave } = await studies.createWave({ studyKey: 'protege-bargaining-repeated', target: 10 });
    assert.equal(wave.status, 'open');
  } finally {
    await t.close();
  }
});

test("a conjoint's generated answer and page names cannot be the study's own names", () => {
  const renamed = (name: string) => conjointWith((d) => d.pages.pretreatment[1].elements.push({ type: 'text', name, title: 'Anything else?' }));
  assert.equal(
    renamed('chosen_t2'),
    'study.json: design.outcomes.choice.name: "chosen_t2" is what task 2 of the conjoint names its answer, table or page, and the study uses it too: rename one',
  );
  assert.match(renamed('support_aid_cut_t5_p2')!, /^study\.json: design\.outcomes\.rating\.name: "support_aid_cut_t5_p2" is what task 5/);
  assert.match(renamed('conjoint_table_t1')!, /^study\.json: design: "conjoint_table_t1" is what task 1/);
  assert.equal(renamed('chosen_t6'), null, 'the flagship has 5 tasks: a sixth name is free');
});

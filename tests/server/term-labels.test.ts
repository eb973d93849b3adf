// Terms in the study's own words (server/domain/plan/term-labels.ts), for the dashboard, the estimates table and
// the codebook; the raw term stays in CSV and JSON.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedTerms } from '../../server/domain/plan/plan-terms.ts';
import { planTermLabels, spellOut, studyLevelLabel, termLabeler } from '../../server/domain/plan/term-labels.ts';
import { alliance, withPlan } from './plan-support.ts';

const hypothesis = (id: string, def = alliance) => def.analysisPlan.hypotheses.find((h) => h.id === id)!;

test("a factor level reads as its study.json label against the reference level left in the hypothesis' subset", () => {
  const label = termLabeler(alliance, hypothesis('H3'));
  assert.equal(label('regimeautocracy'), 'Regime type of the ally: Autocracy (vs. Democracy)');
  assert.equal(label('treatyno_treaty'), 'Formal defence treaty: No treaty (vs. Formal treaty)');
  // H3 keeps the violation arms only: the reference of behaviour is public criticism, not the control.
  assert.equal(label('behaviorskip_exercises'), 'Behaviour of the ally: Skips joint exercises (vs. Publicly criticizes the US)');
  assert.equal(label('(Intercept)'), 'Intercept');
});

test('stacked items, the difference-in-means treatment and unknown terms', () => {
  assert.equal(termLabeler(alliance, hypothesis('H1'))('measureeconomic_sanctions'), 'Measure: Economic sanctions (vs. Public criticism)');
  assert.equal(termLabeler(alliance, hypothesis('H2'))('violated'), 'Behaviour of the ally: any other level (vs. Cooperates (control))');
  assert.equal(termLabeler(alliance, hypothesis('H3'))('regimemonarchy'), 'Regimemonarchy', 'a term it cannot place is only spelled out');
  assert.equal(spellOut('reduce_military_aid'), 'Reduce military aid');
});

test('interactions and moderators: one label per part, joined by ×; a numeric moderator is its name', () => {
  const plan = structuredClone(alliance.analysisPlan);
  const h3 = plan.hypotheses.find((h) => h.id === 'H3')!;
  Object.assign(h3, { formula: '~ regime * capability', moderators: ['party'], terms: undefined, direction: undefined });
  const moderated = withPlan(alliance, plan);
  const label = termLabeler(moderated, hypothesis('H3', moderated));
  assert.equal(
    label('regimeautocracy:capabilityweak:partyrepublican'),
    'Regime type of the ally: Autocracy (vs. Democracy) × Military capability of the ally: Weak (vs. Strong) × Party: Republican (vs. Democrat)',
  );
  const labels = planTermLabels(moderated, (h) => expectedTerms(moderated, h)).H3!;
  assert.equal(Object.keys(labels).length, expectedTerms(moderated, hypothesis('H3', moderated)).length);
});

test('without an intercept the first factor has every level, each a mean: no "vs."', () => {
  const plan = structuredClone(alliance.analysisPlan);
  Object.assign(plan.hypotheses.find((h) => h.id === 'H3')!, { formula: '~ 0 + regime + capability', terms: undefined, direction: undefined });
  const def = withPlan(alliance, plan);
  const label = termLabeler(def, hypothesis('H3', def));
  assert.equal(label('regimedemocracy'), 'Regime type of the ally: Democracy');
  assert.equal(label('capabilityweak'), 'Military capability of the ally: Weak (vs. Strong)');
});

test('a difference in means whose factor has one level besides the control names that level, not "any other level"', () => {
  // Before: "Regime type of the ally: any other level (vs. Democracy)" for a two-level factor (the newcomer9 pass's own study read
  // "Sponsor: any other level (vs. Democrat)" where the only other level is Republican).
  const plan = structuredClone(alliance.analysisPlan);
  const h2 = plan.hypotheses.find((h) => h.id === 'H2')!;
  Object.assign(h2, { treatment: { factor: 'regime', control: ['democracy'], term: 'autocratic' }, direction: undefined, terms: undefined });
  const twoLevels = withPlan(alliance, plan);
  assert.equal(termLabeler(twoLevels, hypothesis('H2', twoLevels))('autocratic'), 'Regime type of the ally: Autocracy (vs. Democracy)');
});

test("a moderator's or a group's level reads as the answer's text the study shows, not its code spelled out", () => {
  // Researcher pass 11: docs/study-definitions.md's school-meals names its third party "Independent or other"; the card
  // and the table said "Party: Independent" (the code) where the conjoint warnings said "Independent or other".
  const plan = structuredClone(alliance.analysisPlan);
  Object.assign(plan.hypotheses.find((h) => h.id === 'H3')!, { formula: '~ regime', moderators: ['party'], terms: undefined, direction: undefined });
  const def = withPlan(alliance, plan);
  const party = def.pages.pretreatment.flatMap((p) => p.elements).find((e) => e.name === 'party') as { choices: { value: string; text: string }[] };
  party.choices = party.choices.map((c) => (c.value === 'independent' ? { ...c, text: 'Independent or other' } : c.value === 'democrat' ? { ...c, text: 'Democrat (any)' } : c));
  const label = termLabeler(def, hypothesis('H3', def));
  assert.equal(label('partyindependent'), 'Party: Independent or other (vs. Democrat (any)) · when Regime type of the ally: Democracy');
  assert.equal(label('regimeautocracy:partyindependent'), 'Regime type of the ally: Autocracy (vs. Democracy) × Party: Independent or other (vs. Democrat (any))');
  assert.equal(studyLevelLabel(def, 'party', 'independent'), 'Independent or other');
  assert.equal(studyLevelLabel(def, 'regime', 'autocracy'), 'Autocracy', "a factor's level keeps its study.json label");
});

test('a term inside an interaction says where it is taken: at the reference level of the other variables (or 0)', () => {
  // Newcomer pass 16: "Scandal: Financial (vs. None)" in `gender * scandal` read like a main effect; it is the effect
  // among the reference gender. R: coef(lm_robust(y ~ regime * capability)) "regimeautocracy" = the regime effect
  // where capability is "strong" (treatment contrasts), and so on for every term a higher-order term contains.
  const plan = structuredClone(alliance.analysisPlan);
  Object.assign(plan.hypotheses.find((h) => h.id === 'H3')!, { formula: '~ regime * capability + treaty', moderators: ['party'], terms: undefined, direction: undefined });
  const def = withPlan(alliance, plan);
  const label = termLabeler(def, hypothesis('H3', def));
  assert.equal(label('regimeautocracy'), 'Regime type of the ally: Autocracy (vs. Democracy) · when Military capability of the ally: Strong, Party: Democrat');
  assert.equal(label('treatyno_treaty'), 'Formal defence treaty: No treaty (vs. Formal treaty) · when Party: Democrat');
  assert.equal(label('regimeautocracy:capabilityweak'), 'Regime type of the ally: Autocracy (vs. Democracy) × Military capability of the ally: Weak (vs. Strong) · when Party: Democrat');
  assert.equal(
    label('regimeautocracy:capabilityweak:partyrepublican'),
    'Regime type of the ally: Autocracy (vs. Democracy) × Military capability of the ally: Weak (vs. Strong) × Party: Republican (vs. Democrat)',
    'the highest-order term is contained in none',
  );
  const additive = withPlan(alliance, structuredClone(alliance.analysisPlan));
  assert.equal(termLabeler(additive, hypothesis('H3', additive))('regimeautocracy'), 'Regime type of the ally: Autocracy (vs. Democracy)', 'no interaction: a main effect');

  Object.assign(plan.hypotheses.find((h) => h.id === 'H3')!, { formula: '~ regime * attention_pass', moderators: undefined });
  const numeric = withPlan(alliance, plan);
  assert.equal(termLabeler(numeric, hypothesis('H3', numeric))('regimeautocracy'), 'Regime type of the ally: Autocracy (vs. Democracy) · when Attention pass = 0');
});

// What an outcome's estimates are measured in (server/domain/plan/outcome-scale.ts), under its words in `vlab
// estimates`' table and on the dashboard's card. Walk-through 29 read 0.364 under "How much do you support or oppose
// the new bus line?" and 0.149 under a share with no word of a unit. Simulated waves: seed 'outcome-scale'.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { surveyLocalization } from 'survey-core';
import '../../public/src/i18n/survey-locales.ts';
import { RESPONDENT_LOCALES } from '../../public/src/i18n/messages.ts';
import { YES_NO_LABELS } from '../../public/src/i18n/yes-no-labels.ts';
import { executePlan } from '../../server/domain/plan/execute-plan.ts';
import { outcomeScale } from '../../server/domain/plan/outcome-scale.ts';
import { hypothesisReports } from '../../server/domain/plan/hypothesis-report.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { simulatedEstimatesTable } from './estimates-table-support.ts';
import { alliance, allianceRows } from './plan-support.ts';

const bus = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'bus-line-funding')!;
const SHARE = 'an estimate is a difference in this share (0.10 = 10 percentage points)';

const table = (def: StudyDefinition): string => simulatedEstimatesTable(def, 300, 'outcome-scale');

test("vlab estimates' table says each outcome's scale under its words: a rating's ends, a coded outcome's share", () => {
  const text = table(bus);
  assert.match(text, /\n {2}outcome: How much do you support or oppose the new bus line\?\n {2}scale: 1 "Strongly oppose" to 5 "Strongly support"; an estimate is a difference in these points\n {2}HC2 standard errors\n {2}term /, text);
  assert.match(text, /\n {2}scale: 1 \(answered "For the plan"\) or 0; an estimate is a difference in this share \(0\.10 = 10\n {4}percentage points\)\n {2}HC2 standard errors\n {2}term /, text);
  // A study whose default language is Spanish: the ends in its words.
  assert.match(table({ ...bus, locales: ['es', 'en'] }), /\n {2}scale: 1 "La rechazo totalmente" to 5 "La apoyo totalmente"; /);
});

test('each card carries its outcomes\' scales; a stacked outcome its items\' common scale', () => {
  const reports = hypothesisReports(alliance, executePlan({ definition: alliance, rows: allianceRows() }));
  const scales = Object.fromEntries(reports.map((r) => [r.id, r.outcomeScales]));
  assert.match(scales.H1!.support!, /^scale: 1 ".+" to 5 ".+"; an estimate is a difference in these points$/);
  assert.match(scales.H2!.alliance_favorability!, /^scale: 1 ".+" to \d+ ".+"; an estimate is a difference in these points$/);
  const busReports = hypothesisReports(bus, executePlan({ definition: bus, rows: simulateWave(bus, { target: 300, seed: 'outcome-scale' }).rows }));
  assert.equal(busReports.find((r) => r.id === 'H3_vote')!.outcomeScales.vote_for, `scale: 1 (answered "For the plan") or 0; ${SHARE}`);
});

test('a yes/no outcome (a SurveyJS boolean, 1 and 0 in the export) is a share of yes, in its own label where it has one', () => {
  const withQuestion = (question: Record<string, unknown>) =>
    ({ ...bus, pages: { ...bus.pages, outcomes: [...bus.pages.outcomes, { name: 'petition_page', elements: [question] }] } }) as StudyDefinition;
  const petition = { type: 'boolean', name: 'sign_petition', title: { en: 'Would you sign?', es: '¿Firmaría?' } };
  assert.equal(outcomeScale(withQuestion(petition), 'sign_petition'), `scale: 1 (answered "Yes") or 0; ${SHARE}`);
  const labelled = { ...petition, labelTrue: { en: 'I would sign', es: 'Firmaría' }, labelFalse: { en: 'I would not', es: 'No firmaría' } };
  assert.equal(outcomeScale(withQuestion(labelled), 'sign_petition'), `scale: 1 (answered "I would sign") or 0; ${SHARE}`);
  // A study whose default language is Spanish: its respondents read SurveyJS's Spanish "Sí" (survey-locales.ts), and
  // so does the scale line, which said "Yes" until page pass 38.
  const spanish = (question: Record<string, unknown>) => ({ ...withQuestion(question), locales: ['es', 'en'] }) as StudyDefinition;
  assert.equal(outcomeScale(spanish(petition), 'sign_petition'), `scale: 1 (answered "Sí") or 0; ${SHARE}`);
  assert.equal(outcomeScale(spanish(labelled), 'sign_petition'), `scale: 1 (answered "Firmaría") or 0; ${SHARE}`);
});

test("a yes/no question's own words in every language the page speaks are SurveyJS's, as the page shows them", () => {
  for (const locale of RESPONDENT_LOCALES) {
    const surveyjs = ['booleanCheckedLabel', 'booleanUncheckedLabel'].map((key) => surveyLocalization.getString(key, locale));
    assert.deepEqual(surveyjs, [YES_NO_LABELS[locale]?.yes, YES_NO_LABELS[locale]?.no], locale);
  }
});

// Walk-through 30: a 1–5 rating with no words per point (rateMin, rateMax, the ends said in its title) read
// 'scale: 1 "1" to 5 "5"'. Its numbers alone now; SurveyJS's end labels (minRateDescription, maxRateDescription),
// which the respondent sees beside the ends, where the study gives them.
test('a rating without words per point: its numbers, or the end labels the respondent saw', () => {
  const withRating = (extra: Record<string, unknown>) => {
    const rating = { type: 'rating', name: 'approval', rateMin: 1, rateMax: 5, title: { en: 'Approve?', es: '¿Aprueba?' }, ...extra };
    return { ...bus, pages: { ...bus.pages, outcomes: [...bus.pages.outcomes, { name: 'approval_page', elements: [rating] }] } } as StudyDefinition;
  };
  assert.equal(outcomeScale(withRating({}), 'approval'), 'scale: 1 to 5; an estimate is a difference in these points');
  const ends = { minRateDescription: { en: 'Strongly disapprove', es: 'Desaprueba totalmente' }, maxRateDescription: { en: 'Strongly approve', es: 'Aprueba totalmente' } };
  assert.equal(outcomeScale(withRating(ends), 'approval'), 'scale: 1 "Strongly disapprove" to 5 "Strongly approve"; an estimate is a difference in these points');
});

// Walk-through 31 stacked three 1–5 ratings, two of them "Strongly oppose" to "Strongly support" and one "Not at all"
// to "Completely": its H3 had no scale line at all, and 0.44 stood without a unit.
test('a stacked outcome whose items share their points but not their end words: the points, and that the words differ', () => {
  const rating = (name: string, min: string, max: string, rateMax = 5) =>
    ({ type: 'rating', name, rateMin: 1, rateMax, title: { en: name, es: name }, minRateDescription: { en: min, es: min }, maxRateDescription: { en: max, es: max } });
  const stacked = (items: unknown[]) => {
    const names = (items as { name: string }[]).map((i) => i.name);
    const h = { id: 'H9', stack: { items: names, itemColumn: 'item', valueColumn: 'score' } };
    return {
      ...bus,
      pages: { ...bus.pages, outcomes: [...bus.pages.outcomes, { name: 'items_page', elements: items }] },
      analysisPlan: { ...bus.analysisPlan, hypotheses: [...bus.analysisPlan.hypotheses, h] },
    } as unknown as StudyDefinition;
  };
  const mixed = stacked([rating('support_mission', 'Strongly oppose', 'Strongly support'), rating('legitimate', 'Not at all', 'Completely')]);
  assert.equal(outcomeScale(mixed, 'score'), 'scale: 1 to 5 on each question (their words at the ends differ); an estimate is a difference in these points');
  // Points that differ (1–5 against 1–7) are no common scale: nothing is said.
  assert.equal(outcomeScale(stacked([rating('support_mission', 'No', 'Yes'), rating('legitimate', 'No', 'Yes', 7)]), 'score'), null);
});

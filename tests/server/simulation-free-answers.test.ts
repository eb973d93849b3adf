// Walk-through 22: `vlab simulate` left every optional number, text and comment box empty, so a simulated wave never
// showed such a column filled in its data, codebook or estimates. freeAnswers fills some, as respondents do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerLimitProblems } from '../../server/domain/answer-limits.ts';
import { cellAssignment, designOf } from '../../server/domain/design.ts';
import { FREE_ANSWER_SHARES, freeAnswers } from '../../server/domain/simulation/free-answers.ts';
import { simulateRespondent } from '../../server/domain/simulation/respondent.ts';
import { simulateWave } from '../../server/domain/simulation/simulated-wave.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const bus = definitions.find((d) => d.id === 'bus-line-funding')!;

/**
 * bus-line-funding with optional boxes no model answers, of every kind freeAnswers meets, on its last page (a page
 * of their own would move where the model's abandoning respondents leave).
 */
const [lastPage, ...earlier] = [...bus.pages.posttreatment].reverse();
const withBoxes: StudyDefinition = {
  ...bus,
  pages: {
    ...bus.pages,
    posttreatment: [
      ...earlier.reverse(),
      {
        ...lastPage!,
        elements: [
          ...lastPage!.elements,
          { type: 'text', inputType: 'number', name: 'age', title: 'Age', min: 18, max: 99 },
          { type: 'text', inputType: 'number', name: 'trips', title: 'Trips a month', validators: [{ type: 'numeric', minValue: 0, maxValue: 30 }] },
          { type: 'text', inputType: 'number', name: 'unbounded', title: 'Any number' },
          { type: 'comment', name: 'remarks', title: 'Anything else?', maxLength: 20 },
          { type: 'text', name: 'short_note', title: 'A word', validators: [{ type: 'text', minLength: 40 }] },
          { type: 'text', name: 'email', title: 'Email', validators: [{ type: 'email' }] },
          { type: 'text', name: 'zip', title: 'ZIP', autocomplete: 'postal-code' },
          { type: 'comment', name: 'why_never', title: 'Why never?', visibleIf: '{bus_use} = "never"' },
        ],
      },
    ],
  } as StudyDefinition['pages'],
};

const N = 4000;
const runs = Array.from({ length: N }, (_, index) => freeAnswers(withBoxes, { seed: 'free-22', index, locale: 'en' }));
const share = (name: string) => runs.filter((a) => name in a).length / N;

test('some respondents answer an optional number or comment box, in the stated shares; the rest leave it empty', () => {
  for (const name of ['age', 'trips', 'unbounded']) assert.ok(Math.abs(share(name) - FREE_ANSWER_SHARES.number) < 0.03, `${name}: ${share(name)}`);
  assert.ok(Math.abs(share('remarks') - FREE_ANSWER_SHARES.text) < 0.03, `remarks: ${share('remarks')}`);
});

test('the answers keep within each question’s limits, so the server takes them', () => {
  const ages = runs.flatMap((a) => (typeof a.age === 'number' ? [a.age] : []));
  assert.deepEqual([Math.min(...ages), Math.max(...ages)], [18, 99]);
  assert.ok(ages.every(Number.isInteger));
  const trips = runs.flatMap((a) => (typeof a.trips === 'number' ? [a.trips] : []));
  assert.deepEqual([Math.min(...trips), Math.max(...trips)], [0, 30]);
  assert.ok(runs.every((a) => a.remarks === undefined || (typeof a.remarks === 'string' && a.remarks.length <= 20)));
  assert.deepEqual(runs.flatMap((a) => answerLimitProblems(withBoxes, a)), []);
});

test('a box whose answer has a form, is shown to some only, or takes no remark that fits stays empty; modelled questions are left to the model', () => {
  for (const name of ['email', 'zip', 'why_never', 'short_note', 'bus_use', 'support_line', 'vote_line', 'consent']) assert.equal(share(name), 0, name);
});

test('remarks are in the survey’s language, and the same seed and index give the same answers', () => {
  const es = Array.from({ length: 200 }, (_, index) => freeAnswers(withBoxes, { seed: 'free-22', index, locale: 'es' }).remarks).filter(Boolean);
  assert.ok(es.includes('Sin comentarios.') || es.includes('Estaba claro.'), es.join(' | '));
  assert.deepEqual(freeAnswers(withBoxes, { seed: 'free-22', index: 7, locale: 'en' }), runs[7]);
  assert.notDeepEqual(runs.slice(0, 20), Array.from({ length: 20 }, (_, index) => freeAnswers(withBoxes, { seed: 'other', index, locale: 'en' })));
});

test('the model’s answers are drawn as before: the boxes take a random stream of their own', () => {
  const condition = cellAssignment(designOf(bus), 1);
  for (let index = 0; index < 50; index++) {
    assert.deepEqual(simulateRespondent(withBoxes, condition, { seed: 'free-22', index }), simulateRespondent(bus, condition, { seed: 'free-22', index }));
  }
});

test('in a repeated design an outcome page’s box is answered under each vignette’s name', () => {
  const repeated = definitions.find((d) => d.id === 'protege-bargaining-repeated')!;
  const outcomes = repeated.pages.outcomes;
  const def = { ...repeated, pages: { ...repeated.pages, outcomes: [{ ...outcomes[0]!, elements: [...outcomes[0]!.elements, { type: 'text', inputType: 'number', name: 'confidence', title: 'How sure, 0–10?', min: 0, max: 10 }] }, ...outcomes.slice(1)] } } as StudyDefinition;
  const names = new Set(Array.from({ length: 100 }, (_, index) => Object.keys(freeAnswers(def, { seed: 's', index, locale: 'en', vignettes: 3 }))).flat());
  assert.deepEqual([...names].sort(), ['confidence__V1', 'confidence__V2', 'confidence__V3']);
});

test('vlab power’s offline waves fill the boxes too, and every other column as before', () => {
  const [plain, boxed] = [simulateWave(bus, { target: 300, seed: 'free-22' }), simulateWave(withBoxes, { target: 300, seed: 'free-22' })];
  assert.equal(boxed.draws, plain.draws);
  const filled = boxed.rows.filter((r) => typeof r.age === 'number').length / boxed.rows.length;
  assert.ok(Math.abs(filled - FREE_ANSWER_SHARES.number) < 0.07, `age filled in ${filled}`);
  for (const [i, row] of plain.rows.entries()) {
    for (const [column, value] of Object.entries(row)) assert.deepEqual(boxed.rows[i]![column], value, `row ${i} ${column}`);
  }
});

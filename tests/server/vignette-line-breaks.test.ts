// Walk-through 34: a list experiment's level text ("- raising gas taxes\n- athletes' salaries\n- …") ran together on
// the respondent's page as one line ("- raising gas taxes - athletes' salaries - …"): HTML folds a newline into a
// space. A line break in a vignette's or consent's text is now a line break on the page (<br>), and the simulated
// respondent still reads the condition back from it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allCells, designOf } from '../../server/domain/design.ts';
import { buildParticipantSurvey } from '../../server/domain/participant-survey.ts';
import { createConditionReader } from '../../server/domain/simulation/condition.ts';
import { parseStudyDefinition } from '../../server/domain/study-definition.ts';
import { paragraphsHtml } from '../../server/domain/vignette.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

test('a newline in a paragraph is a <br>, escaped text around it stays escaped', () => {
  assert.equal(paragraphsHtml(['How many?', '- taxes\n- <salaries> & pay']), '<p>How many?</p><p>- taxes<br>- &#60;salaries&#62; &#38; pay</p>');
});

test('a list in a level text is shown a line an item, and read back by the simulated respondent', () => {
  const raw = structuredClone(loadDefinitionFiles('survey-definitions').find((d) => d.id === 'bus-line-funding')!) as unknown as {
    factors: { levels: { text: Record<string, string> }[] }[];
  };
  raw.factors[0]!.levels[0]!.text = { en: 'The line would be paid:\n- by a sales tax\n- from 2027', es: 'La línea se pagaría:\n- con un impuesto\n- desde 2027' };
  const def = parseStudyDefinition(raw, 'test');
  const read = createConditionReader(def);
  for (const cell of allCells(designOf(def))) {
    const survey = JSON.parse(JSON.stringify(buildParticipantSurvey(def, cell, 'en')));
    if (cell.funding === 'sales_tax') assert.match(JSON.stringify(survey), /The line would be paid:<br>- by a sales tax<br>- from 2027/);
    assert.deepEqual(read(survey), cell);
  }
});

// A text question that asks for the respondent's own data (their town, postal code, email) names its purpose with
// SurveyJS's `autocomplete`, which the page writes on the input (WCAG 1.3.5, Identify Input Purpose): the browser
// can fill it, and assistive technology can mark it. A misspelt purpose ("town") reached the page unchecked, where it
// means nothing to any browser (accessibility pass 18).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DefinitionError, parseStudyDefinition } from '../../server/domain/study-definition.ts';

const FOLDER = 'survey-definitions/bus-line-funding';
const readJson = (file: string) => JSON.parse(readFileSync(`${FOLDER}/${file}`, 'utf8'));

/** bus-line-funding with a text question "town" (its autocomplete `purpose`) after its outcome page's questions. */
function withTown(purpose: unknown): string {
  const study = readJson('study.json');
  study.pages.outcomes[0].elements.push({ type: 'text', name: 'town', title: { en: 'Your town', es: 'Su ciudad' }, autocomplete: purpose });
  try {
    parseStudyDefinition({ ...study, analysisPlan: readJson('analysis-plan.json') }, 'study.json');
  } catch (error) {
    assert.ok(error instanceof DefinitionError, String(error));
    return error.message;
  }
  return '(loaded)';
}

test('a text question’s autocomplete is an HTML autofill field name, or off; anything else is refused in words at the property', () => {
  for (const purpose of ['address-level2', 'postal-code', 'email', 'bday-year', 'off']) assert.equal(withTown(purpose), '(loaded)', purpose);
  for (const purpose of ['town', 'Email', 'zip', 7]) {
    assert.match(
      withTown(purpose),
      /^study\.json: pages\.outcomes\[0\]\.elements\[\d+\]\.autocomplete: expected an HTML autofill field name \(WCAG 1\.3\.5\) such as "address-level2" \(a town\), "postal-code", "email" or "off", got /,
      String(purpose),
    );
  }
});

// Walk-through 34: a plan's `"moderator": "ideology"` (for `moderators`) was refused as `unknown field "moderator"`
// alone, though a required field's misspelling is pointed at ("missing (the file has "titel" there …)"). An unknown
// field one slip from a field the schema takes at that place now names it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DefinitionError, parseStudyDefinition } from '../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const busLine = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'bus-line-funding')!;

function refusal(change: (json: Record<string, any>) => void): string {
  const json = structuredClone(busLine) as unknown as Record<string, any>;
  change(json);
  try {
    parseStudyDefinition(json, 'test');
  } catch (error) {
    assert.ok(error instanceof DefinitionError);
    return error.message;
  }
  return 'accepted';
}

test('an unknown field one slip from a field of its place names it; one near nothing stays as it was', () => {
  assert.match(refusal((j) => { j.analysisPlan.hypotheses[0].moderator = ['bus_use']; }), /hypotheses\[0\]: unknown field "moderator" \(did you mean "moderators"\?\)$/m);
  assert.match(refusal((j) => { j.restriction = []; }), /test: \(root\): unknown field "restriction" \(did you mean "restrictions"\?\)$/m);
  assert.match(refusal((j) => { j.factors[0].levels[0].wieght = 2; }), /levels\[0\]: unknown field "wieght" \(did you mean "weight"\?\)$/m);
  assert.match(refusal((j) => { j.analysisPlan.hypotheses[0].zzz = 1; }), /hypotheses\[0\]: unknown field "zzz"$/m);
});

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

test('an unknown field is placed at its own line and column in its file, not at the object holding it', async () => {
  const { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { loadDefinitionFolder } = await import('../../server/storage/definition-files.ts');
  const dir = mkdtempSync(join(tmpdir(), 'vlab-unknown-field-'));
  try {
    cpSync('survey-definitions/bus-line-funding', join(dir, 'bus-line-funding'), { recursive: true });
    const file = join(dir, 'bus-line-funding', 'analysis-plan.json');
    const plan = JSON.parse(readFileSync(file, 'utf8'));
    plan.hypotheses[0] = { id: plan.hypotheses[0].id, moderator: ['bus_use'], ...plan.hypotheses[0] };
    writeFileSync(file, JSON.stringify(plan, null, 2));
    const [broken] = loadDefinitionFolder(dir).broken;
    // The line the stray key stands on: until walk-through 34 the message named the hypothesis' opening brace.
    const line = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes('"moderator"')) + 1;
    assert.match(broken!.message, new RegExp(`analysis-plan\\.json:${line}:\\d+: hypotheses\\[0\\]: unknown field "moderator" \\(did you mean "moderators"\\?\\)`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

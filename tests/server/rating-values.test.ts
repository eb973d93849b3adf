// A rating's values as the page shows them (SurveyJS's own model) and as the server takes them must be the same, or
// the study must be broken in words: before (attacker pass 11) `rateStep` was passed to the page and ignored by the
// server, so a step of 0.5 showed 1.5 (refused at every save), -1 showed 0, -1, … (refused), 10 over 1–100 showed
// 1, 11, … 91 (the server took every whole number), and `rateCount` with rateMin alone moved rateMax (1 to 10 shown,
// 1 to 5 taken); `autoGenerate: true` showed 1–5 in place of the rateValues.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Model } from 'survey-core';
import { validateAnswers } from '../../server/domain/answers.ts';
import { choiceValues, DefinitionError, parseStudyDefinition, type StudyDefinition } from '../../server/domain/study-definition.ts';

const FOLDER = 'survey-definitions/bus-line-funding';
const readJson = (file: string) => JSON.parse(readFileSync(`${FOLDER}/${file}`, 'utf8'));

/** bus-line-funding with a rating `scale` of these properties added after its outcomes. */
function withRating(props: Record<string, unknown>): StudyDefinition | string {
  const study = readJson('study.json');
  study.pages.outcomes[0].elements.push({ type: 'rating', name: 'scale', ...props });
  try {
    return parseStudyDefinition({ ...study, analysisPlan: readJson('analysis-plan.json') }, 'study.json');
  } catch (error) {
    assert.ok(error instanceof DefinitionError, String(error));
    return error.message;
  }
}

const shown = (props: Record<string, unknown>) =>
  new Model({ pages: [{ elements: [{ type: 'rating', name: 'scale', ...props }] }] }).getQuestionByName('scale').visibleRateValues.map((v: { value: unknown }) => v.value);

const taken = (def: StudyDefinition) => choiceValues(def.pages.outcomes[0]!.elements.at(-1)!);

test('a rating with rateStep takes the values SurveyJS shows; a step that is not whole, not positive or does not divide the range breaks its study', () => {
  const def = withRating({ rateMin: 0, rateMax: 100, rateStep: 10 });
  assert.ok(typeof def !== 'string', String(def));
  assert.deepEqual(taken(def), shown({ rateMin: 0, rateMax: 100, rateStep: 10 }));
  assert.doesNotThrow(() => validateAnswers(def, { scale: 70 }));
  assert.throws(() => validateAnswers(def, { scale: 75 }), /answers\.scale/);
  const refusals: [Record<string, unknown>, RegExp][] = [
    [{ rateStep: 0.5 }, /elements\[2\]\.rateStep: expected a whole number from 1 up .*got 0\.5/],
    [{ rateStep: 0 }, /rateStep: expected a whole number from 1 up .*got 0/],
    [{ rateStep: -1 }, /rateStep: expected a whole number from 1 up .*got -1/],
    [{ rateStep: '2' }, /rateStep: expected a whole number from 1 up .*got "2"/],
    [{ rateMin: 1, rateMax: 100, rateStep: 10 }, /rateStep: 10 does not divide rateMax − rateMin \(100 − 1 = 99\): the scale would stop short of rateMax 100/],
    [{ rateMin: 0, rateMax: 1000, rateStep: 10 }, /rateMax: a rating from 0 to 1000 by 10 has 101 values, and SurveyJS shows at most 20/],
    [{ rateMin: -1e308, rateMax: 1e308 }, /rateMax: a rating from .* has Infinity values/],
    [{ rateMin: 1, rateMax: 12, rateType: 'smileys' }, /rateMax: a rating from 1 to 12 has 12 values, and SurveyJS shows at most 10 smileys/],
    [{ rateMin: 1, rateCount: 10 }, /elements\[2\]\.rateCount: SurveyJS would show 10 values or recompute rateMin or rateMax from it, where the rating has 5/],
    [{ rateValues: [1, 2, 3], autoGenerate: true }, /autoGenerate: SurveyJS would show the numbers from rateMin to rateMax instead of the rateValues/],
  ];
  for (const [props, says] of refusals) assert.match(String(withRating(props)), says, JSON.stringify(props));
});

// Seed 'rating-11': a small xorshift over the properties that decide a rating's values. Every combination either
// breaks its study or takes exactly the values SurveyJS shows.
test('random rating definitions (seed 11): refused at load, or the server takes exactly what SurveyJS shows', () => {
  let state = 11;
  const next = () => ((state ^= state << 13), (state ^= state >>> 17), (state ^= state << 5), (state >>> 0) / 2 ** 32);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const OMIT = undefined;
  let loaded = 0;
  for (let i = 0; i < 400; i++) {
    const props = Object.fromEntries(
      Object.entries({
        rateMin: pick([OMIT, -3, 0, 1, 2, 7]),
        rateMax: pick([OMIT, 3, 5, 7, 10, 11, 21]),
        rateStep: pick([OMIT, 1, 2, 3, 5, 0, 0.5, -1]),
        rateCount: pick([OMIT, OMIT, 3, 5, 10]),
        rateValues: pick([OMIT, OMIT, [1, 2, 3], ['a', 'b']]),
        autoGenerate: pick([OMIT, OMIT, true, false]),
        rateType: pick([OMIT, OMIT, 'smileys', 'stars']),
      }).filter(([, v]) => v !== undefined),
    );
    const def = withRating(props);
    if (typeof def === 'string') continue;
    loaded++;
    assert.deepEqual(taken(def), shown(props), JSON.stringify(props));
  }
  assert.ok(loaded > 40, `only ${loaded} of 400 loaded`);
});

// A wave opened before the rateStep check keeps its snapshot (never parsed again): its rating is read as SurveyJS
// shows it when the step is a positive number, and as before (step 1) otherwise. A step of 0 was, once the server
// read rateStep, an endless list of values: a RangeError, 500, at every save.
test('a snapshot from before the check: a fractional step takes what SurveyJS shows, a step of 0 or less is read as 1, never an endless list', () => {
  const snapshot = (rateStep: unknown) => ({ type: 'rating', name: 'scale', rateMin: 1, rateMax: 3, rateStep }) as unknown as Parameters<typeof choiceValues>[0];
  assert.deepEqual(choiceValues(snapshot(0.5)), shown({ rateMin: 1, rateMax: 3, rateStep: 0.5 }));
  assert.deepEqual(choiceValues(snapshot(0.1)).slice(0, 4), [1, 1.1, 1.2, 1.3]);
  for (const step of [0, -1, 'x', Infinity]) assert.deepEqual(choiceValues(snapshot(step)), [1, 2, 3], String(step));
});

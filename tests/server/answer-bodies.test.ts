// The answer-carrying bodies (server/routes/answer-bodies.ts) are checked by hand in the page's common case and by
// their zod schema otherwise: whatever the body, the route must get what the schema alone would give — the same
// value, or a refusal with the same message. Random bodies with a fixed seed, built from the fields' edge cases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { z } from 'zod';
import { completeBody, completionBody, partialBody, partialSaveBody, quotaBody, quotaStepBody } from '../../server/routes/answer-bodies.ts';
import { parseBody } from '../../server/routes/request-input.ts';

const SEED = 20261203;

const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

const leaf = fc.oneof(fc.constant(''), fc.string({ maxLength: 3 }), fc.constant('x'.repeat(10_000)), fc.constant('x'.repeat(10_001)), fc.integer({ min: -2, max: 3 }),
  fc.constant(2 ** 53), fc.constant(1.5), fc.boolean(), fc.constant(null), fc.constant([]));
const answers = fc.oneof(fc.dictionary(fc.constantFrom('consent', 'age_group', 'do_nothing', '__proto__', 'constructor'), leaf, { maxKeys: 4 }), leaf);
// Every field may be missing; JSON.stringify then JSON.parse, as the server gets a body (JSON.parse makes
// __proto__ an own key like any other).
// saveOrder (a save's place among its page's saves): valid, or wrong in one of the ways the schema refuses.
const saveOrder = fc.oneof(
  leaf,
  fc.record(
    {
      pageSession: fc.oneof(fc.constant('a1b2c3d4e5f6a7b8'), fc.constant('short'), fc.constant('x'.repeat(65)), fc.constant('has space1'), leaf),
      sequence: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constant(2 ** 53), fc.constant(1.5), leaf),
      extra: leaf,
    },
    { requiredKeys: [] },
  ),
);
const bodies = fc
  .record({ answers, honeypot: leaf, currentPage: leaf, saveOrder, extra: leaf, __proto__: leaf }, { requiredKeys: [] })
  .map((body) => JSON.parse(JSON.stringify(body)) as unknown);

const cases: [string, (body: unknown) => unknown, z.ZodType][] = [
  ['completion', completionBody, completeBody],
  ['save', partialSaveBody, partialBody],
  ['quota step', quotaStepBody, quotaBody],
];

for (const [name, fast, schema] of cases) {
  test(`${name}: the hand check gives what the schema gives, for any body (seed ${SEED})`, () => {
    fc.assert(fc.property(bodies, (body) => {
      assert.deepEqual(outcome(() => fast(body)), outcome(() => parseBody(schema, body)));
    }), { seed: SEED, numRuns: 3000 });
  });
}

test('the page’s bodies take the hand check and come back as they were sent', () => {
  const answers = { consent: true, do_nothing: 2 };
  const complete = { answers, honeypot: '' };
  assert.equal(completionBody(complete), complete);
  const save = { answers, currentPage: 4 };
  assert.equal(partialSaveBody(save), save);
  const numbered = { answers, currentPage: 4, saveOrder: { pageSession: 'a1b2c3d4e5f6a7b8', sequence: 3 } };
  assert.equal(partialSaveBody(numbered), numbered);
  const quota = { answers };
  assert.equal(quotaStepBody(quota), quota);
  // Refused as the schema refuses them.
  assert.throws(() => partialSaveBody({ answers }), /currentPage/);
  assert.throws(() => partialSaveBody({ ...numbered, saveOrder: { pageSession: 'a1b2c3d4e5f6a7b8', sequence: 0 } }), /saveOrder\.sequence/);
  assert.throws(() => completionBody({ answers, honeypot: 'x'.repeat(10_001) }), /honeypot/);
  assert.throws(() => quotaStepBody({ answers, honeypot: '' }), /unknown field "honeypot"/);
  assert.throws(() => completionBody(JSON.parse('{"answers": {}, "__proto__": {}}')), /unknown field "__proto__"/);
});

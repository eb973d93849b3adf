import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rake } from '../../analysis/index.ts';
import { rakingTargets, sampleShare } from '../../server/domain/plan/raking-margins.ts';

const margins = {
  source: 'test',
  margins: { gender: { female: 0.51, male: 0.49 }, education: { no_college: 0.62, college: 0.38 } },
  noPopulationShare: { gender: ['nonbinary', 'prefer_not_to_say'] },
};

// 20 respondents: 12 female, 6 male, 1 non-binary, 1 prefer not to say; education alternating.
const rows = [
  ...Array.from({ length: 12 }, (_, i) => ({ gender: 'female', education: i % 3 ? 'college' : 'no_college' })),
  ...Array.from({ length: 6 }, (_, i) => ({ gender: 'male', education: i % 2 ? 'college' : 'no_college' })),
  { gender: 'nonbinary', education: 'no_college' },
  { gender: 'prefer_not_to_say', education: 'college' },
];

test('answers without a population share keep the sample share; the margins divide the rest', () => {
  const targets = rakingTargets(margins, sampleShare(rows));
  assert.deepEqual(Object.keys(targets.gender!), ['female', 'male', 'nonbinary', 'prefer_not_to_say']);
  assert.ok(Math.abs(targets.gender!.female! - 0.51 * 0.9) < 1e-12);
  assert.ok(Math.abs(targets.gender!.male! - 0.49 * 0.9) < 1e-12);
  assert.equal(targets.gender!.nonbinary, 0.05);
  assert.deepEqual(targets.education, margins.margins.education, 'a variable without such answers is unchanged');
  // An answer nobody gave gets no target (rake refuses a margin without respondents).
  assert.deepEqual(Object.keys(rakingTargets(margins, sampleShare(rows.slice(0, 18))).gender!), ['female', 'male']);
});

test('raked to those targets, female:male is 51:49 among those answering either, and the others keep 1/20 each', () => {
  const { weights } = rake({ rows, margins: rakingTargets(margins, sampleShare(rows)) });
  const total = (gender: string) => rows.reduce((s, r, i) => s + (r.gender === gender ? weights[i]! : 0), 0);
  assert.ok(Math.abs(total('female') / (total('female') + total('male')) - 0.51) < 1e-9);
  assert.ok(Math.abs(total('nonbinary') / rows.length - 0.05) < 1e-9);
  assert.ok(Math.abs(total('prefer_not_to_say') / rows.length - 0.05) < 1e-9);
});

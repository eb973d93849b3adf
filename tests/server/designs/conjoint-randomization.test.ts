import fc from 'fast-check';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawConjoint } from '../../../server/domain/conjoint-draws.ts';
import { profileProbability, profileSpace } from '../../../server/domain/conjoint-profiles.ts';
import { allCells, designOf } from '../../../server/domain/design.ts';
import { conjointPlanRows, respondentPlan } from '../../../server/domain/respondent-plan.ts';
import { isAllowed } from '../../../server/domain/restrictions.ts';
import type { Restriction } from '../../../server/domain/study-design.ts';
import type { DesignFactors } from '../../../server/domain/vignette-cells.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';
import { goodnessOfFit } from './chi-square.ts';

const conjoint = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-partner-conjoint')!;
const DRAWS = 10_000;

/** The flagship fielded to 10,000 respondents of the wave seed "conjoint-check": every profile shown. */
const shown = Array.from({ length: DRAWS }, (_, d) => {
  const plan = respondentPlan(conjoint, 'conjoint-check', d);
  if (plan.kind !== 'conjoint') throw new Error('expected a conjoint plan');
  return plan;
});
const profiles = shown.flatMap((plan) => plan.tasks.flat());

test('the restricted combination never appears in 10,000 respondents (100,000 profiles)', () => {
  assert.equal(profiles.length, DRAWS * 5 * 2);
  const evicting = profiles.filter((p) => p.levels.behavior === 'evict_troops');
  assert.ok(evicting.length > 8_000, 'the rule was put to the test'); // expected 100,000 / 11
  assert.ok(evicting.every((p) => p.levels.troops === 'stationed'));
});

test('displayed level frequencies match the exact design probabilities (chi-square p > 0.001 per attribute and per profile)', () => {
  const space = profileSpace(conjoint);
  // Restriction moves troops away from 1/2: 6 of the 11 behaviour × troops combinations have troops stationed.
  assert.ok(Math.abs(space.levelProbability.get('troops')!.get('stationed')! - 6 / 11) < 1e-15);
  assert.ok(Math.abs(space.levelProbability.get('behavior')!.get('evict_troops')! - 1 / 11) < 1e-15);
  for (const { name, levels } of space.attributes) {
    const observed = levels.map((l) => profiles.filter((p) => p.levels[name] === l).length);
    const fit = goodnessOfFit(observed, levels.map((l) => space.levelProbability.get(name)!.get(l)!));
    assert.ok(fit.p > 0.001, `${name}: X² = ${fit.statistic}, df ${fit.df}, p = ${fit.p}`);
  }
  const allowed = allCells(designOf(conjoint)).filter((c) => isAllowed(conjoint.restrictions!, c));
  assert.equal(allowed.length, 176);
  const key = (levels: Record<string, string>) => JSON.stringify(levels);
  const counts = new Map<string, number>();
  for (const p of profiles) counts.set(key(p.levels), (counts.get(key(p.levels)) ?? 0) + 1);
  const fit = goodnessOfFit(allowed.map((c) => counts.get(key(c)) ?? 0), allowed.map((c) => profileProbability(space, c)));
  assert.ok(fit.p > 0.001, `profiles: X² = ${fit.statistic}, df ${fit.df}, p = ${fit.p}`);
});

test('attribute order: drawn once per respondent, the same in every task; each attribute first about equally often', () => {
  const first = new Map<string, number>();
  for (const plan of shown) {
    assert.deepEqual([...plan.attributeOrder].sort(), conjoint.factors.map((f) => f.name).sort());
    first.set(plan.attributeOrder[0]!, (first.get(plan.attributeOrder[0]!) ?? 0) + 1);
  }
  const fit = goodnessOfFit(conjoint.factors.map((f) => first.get(f.name) ?? 0), conjoint.factors.map(() => 1 / 6));
  assert.ok(fit.p > 0.001, `first row: p = ${fit.p}`);
  const rows = conjointPlanRows(conjoint, shown[0]!);
  assert.equal(rows.length, 5 * 2 * 6);
  for (const row of rows) assert.equal(row.position, shown[0]!.attributeOrder.indexOf(row.attribute) + 1);
  const fixed = drawConjoint(profileSpace(conjoint), { tasks: 1, profilesPerTask: 2, attributeOrder: 'fixed' }, conjoint.restrictions!, 's', 0);
  assert.deepEqual(fixed.attributeOrder, conjoint.factors.map((f) => f.name));
});

test('the plan is a function of the seed and the draw index alone', () => {
  assert.deepEqual(respondentPlan(conjoint, 'conjoint-check', 4321), shown[4321]);
  assert.notDeepEqual(respondentPlan(conjoint, 'another-seed', 4321), shown[4321]);
  assert.notDeepEqual(shown[4320], shown[4321]);
});

test('exact probabilities by components equal brute-force enumeration of every profile (fast-check seed 15)', () => {
  const designs = fc
    .array(fc.array(fc.double({ min: 0.25, max: 4, noNaN: true }), { minLength: 2, maxLength: 3 }), { minLength: 2, maxLength: 4 })
    .chain((weights) => {
      const factors = weights.map((levels, i) => ({ name: `a${i}`, label: `A${i}`, levels: levels.map((weight, j) => ({ code: `l${j}`, label: `L${j}`, text: `t${j}`, weight })) }));
      const rule = fc.record({ a: fc.nat(), b: fc.nat(), la: fc.nat(), lb: fc.nat() }).map(({ a, b, la, lb }): Restriction | null => {
        const [fa, fb] = [factors[a % factors.length]!, factors[b % factors.length]!];
        return fa === fb ? null : { if: { [fa.name]: fa.levels[la % fa.levels.length]!.code }, then: { [fb.name]: [fb.levels[lb % fb.levels.length]!.code] } };
      });
      return fc.record({ factors: fc.constant(factors), restrictions: fc.array(rule, { maxLength: 3 }).map((r) => r.filter((x): x is Restriction => x !== null)) });
    });
  fc.assert(
    fc.property(designs, ({ factors, restrictions }) => {
      const def = { factors, restrictions } as DesignFactors;
      const weightOf = (cell: Record<string, string>) => factors.reduce((w, f) => w * f.levels.find((l) => l.code === cell[f.name])!.weight, 1);
      const allowed = allCells(designOf(def)).filter((c) => isAllowed(restrictions, c));
      const total = allowed.reduce((t, c) => t + weightOf(c), 0);
      const space = profileSpace(def);
      for (const cell of allCells(designOf(def))) {
        const expected = isAllowed(restrictions, cell) ? weightOf(cell) / total : 0;
        assert.ok(Math.abs(profileProbability(space, cell) - expected) < 1e-12);
      }
      for (const f of factors) {
        for (const l of f.levels) {
          const expected = allowed.filter((c) => c[f.name] === l.code).reduce((t, c) => t + weightOf(c), 0) / total;
          assert.ok(Math.abs(space.levelProbability.get(f.name)!.get(l.code)! - expected) < 1e-12);
        }
      }
    }),
    { seed: 15, numRuns: 200 },
  );
});

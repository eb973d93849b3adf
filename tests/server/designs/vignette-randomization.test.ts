import fc from 'fast-check';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { permutedBlockCell } from '../../../server/domain/assignment.ts';
import { respondentPlan } from '../../../server/domain/respondent-plan.ts';
import { isAllowed } from '../../../server/domain/restrictions.ts';
import type { Restriction } from '../../../server/domain/study-design.ts';
import { vignetteLevelProbability, vignetteSpace, type DesignFactors } from '../../../server/domain/vignette-cells.ts';
import { drawVignettes, vignetteBlockSize } from '../../../server/domain/vignette-draws.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';
import { goodnessOfFit } from './chi-square.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const repeated = definitions.find((d) => d.id === 'protege-bargaining-repeated')!;

/** A design of 1–3 factors with 2–4 levels, whole-number weights 1–3 and up to two rules, as fast-check draws it. */
const designArbitrary = fc
  .array(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 3 })
  .chain((weights) => {
    const factors = weights.map((levels, i) => ({ name: `f${i}`, label: `F${i}`, levels: levels.map((weight, j) => ({ code: `l${j}`, label: `L${j}`, text: `t${j}`, weight })) }));
    const rule = fc.record({ a: fc.nat(), b: fc.nat(), la: fc.nat(), lb: fc.nat() }).map(({ a, b, la, lb }): Restriction | null => {
      const [fa, fb] = [factors[a % factors.length]!, factors[b % factors.length]!];
      if (fa === fb) return null;
      return { if: { [fa.name]: fa.levels[la % fa.levels.length]!.code }, then: { [fb.name]: [fb.levels[lb % fb.levels.length]!.code] } };
    });
    return fc.record({
      factors: fc.constant(factors),
      restrictions: fc.array(rule, { maxLength: 2 }).map((rules) => rules.filter((r): r is Restriction => r !== null)),
      perRespondent: fc.integer({ min: 1, max: 3 }),
      seed: fc.string(),
    });
  })
  // Designs the loader would refuse: too few cells, or a cell that m respondents' vignettes would need twice.
  .filter(({ factors, restrictions, perRespondent }) => {
    const space = vignetteSpace({ factors, restrictions } as DesignFactors);
    return space.cells.length >= perRespondent && space.cells.every((c) => perRespondent * c.multiplicity <= space.total);
  });

test('one unweighted, unrestricted vignette: exactly the original permuted-block sequence, so existing waves re-derive', () => {
  const alliance = definitions.find((d) => d.id === 'alliance-corrective-measures')!;
  for (const seed of ['vlab-golden', 'wave-7', '']) {
    for (let d = 0; d < 200; d++) {
      const plan = respondentPlan(alliance, seed, d);
      assert.equal(plan.kind, 'vignette');
      if (plan.kind !== 'vignette') return;
      assert.equal(plan.vignettes.length, 1);
      assert.equal(plan.vignettes[0]!.cellIndex, permutedBlockCell(seed, d, 48), `${seed} ${d}`);
      assert.equal(plan.vignettes[0]!.inclusionProbability, 1 / 48);
    }
  }
});

test('random designs (fast-check seed 15): distinct allowed cells, exact balance to the weights after every block, determinism', () => {
  fc.assert(
    fc.property(designArbitrary, ({ factors, restrictions, perRespondent, seed }) => {
      const space = vignetteSpace({ factors, restrictions } as DesignFactors);
      const { respondents, slots } = vignetteBlockSize(space, perRespondent);
      const copies = slots / space.total;
      const counts = new Map<number, number>();
      for (let block = 0; block < 2; block++) {
        for (let j = 0; j < respondents; j++) {
          const d = block * respondents + j;
          const draws = drawVignettes(space, perRespondent, seed, d);
          assert.deepEqual(drawVignettes(space, perRespondent, seed, d), draws, 'the same plan again');
          assert.equal(new Set(draws.map((v) => v.cellIndex)).size, perRespondent, 'distinct cells');
          for (const v of draws) {
            assert.ok(isAllowed(restrictions, v.assignment), 'never a restricted cell');
            counts.set(v.cellIndex, (counts.get(v.cellIndex) ?? 0) + 1);
          }
        }
        for (const c of space.cells) assert.equal(counts.get(c.index) ?? 0, (block + 1) * copies * c.multiplicity, 'balanced to the weights');
      }
    }),
    { seed: 15, numRuns: 150 },
  );
});

test('protégé repeated: 10,000 respondents never see the restricted cells, and each cell shows in proportion to its weight', () => {
  const space = vignetteSpace(repeated);
  const { respondents } = vignetteBlockSize(space, 3);
  const counts = new Map<number, number>();
  for (let d = 0; d < 10_000; d++) {
    const plan = respondentPlan(repeated, 'repeated-check', d);
    if (plan.kind !== 'vignette') throw new Error('expected a vignette plan');
    for (const v of plan.vignettes) {
      assert.ok(!(v.assignment.strategy === 'evict_troops' && v.assignment.troops === 'none'), `restricted cell at draw ${d}`);
      counts.set(v.cellIndex, (counts.get(v.cellIndex) ?? 0) + 1);
    }
  }
  // 10,000 = 192 whole blocks of 52 respondents + 16: whole blocks give exactly 3 · weight per cell and block.
  const whole = Math.floor(10_000 / respondents);
  for (const c of space.cells) {
    const count = counts.get(c.index)!;
    assert.ok(count >= whole * 3 * c.multiplicity && count <= (whole + 1) * 3 * c.multiplicity, `cell ${c.index}: ${count}`);
  }
  assert.equal(space.cells.length, 44);
  assert.equal(vignetteLevelProbability(space, 'strategy', 'cooperate'), 16 / 52);
  assert.equal(vignetteLevelProbability(space, 'troops', 'stationed'), 28 / 52);
});

test('across waves (seeds), each vignette position shows each cell with probability w / L (chi-square p > 0.001, seeds "pos-0" … "pos-5199")', () => {
  const space = vignetteSpace(repeated);
  for (const position of [0, 2]) {
    const counts = new Map(space.cells.map((c) => [c.index, 0]));
    for (let s = 0; s < 5200; s++) {
      // A different respondent of the block each time, so every place and reading position is covered.
      const draws = drawVignettes(space, 3, `pos-${s}`, s % 52);
      counts.set(draws[position]!.cellIndex, counts.get(draws[position]!.cellIndex)! + 1);
    }
    const fit = goodnessOfFit(space.cells.map((c) => counts.get(c.index)!), space.cells.map((c) => c.multiplicity / space.total));
    assert.ok(fit.p > 0.001, `position ${position + 1}: X² = ${fit.statistic}, df ${fit.df}, p = ${fit.p}`);
  }
});

test('inclusion probabilities are m·w / L and add up to m', () => {
  const plan = respondentPlan(repeated, 's', 7);
  if (plan.kind !== 'vignette') throw new Error('expected a vignette plan');
  for (const v of plan.vignettes) {
    assert.equal(v.inclusionProbability, (3 * (v.assignment.strategy === 'cooperate' ? 2 : 1)) / 52);
  }
  const space = vignetteSpace(repeated);
  assert.ok(Math.abs(space.cells.reduce((t, c) => t + (3 * c.multiplicity) / space.total, 0) - 3) < 1e-12);
  assert.deepEqual(plan.vignettes.map((v) => v.position), [1, 2, 3]);
});

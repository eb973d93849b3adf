// Properties any correct OLS / sandwich implementation has, checked on random small designs with fast-check:
// row order does not matter, scaling y scales estimates and standard errors and leaves p-values alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lmRobust, type Row, type SeType } from '../../analysis/index.ts';

const rowArb = fc.record({
  g: fc.constantFrom('a', 'b', 'c'),
  x: fc.integer({ min: -50, max: 50 }).map((v) => v / 10),
  y: fc.integer({ min: -1000, max: 1000 }).map((v) => v / 7),
  cluster: fc.integer({ min: 1, max: 8 }),
});
// Non-degenerate designs only: every group has several distinct x values and y varies, so no leverage is 1.
const dataArb = fc.array(rowArb, { minLength: 30, maxLength: 60 }).filter(
  (rows) =>
    ['a', 'b', 'c'].every((g) => new Set(rows.filter((r) => r.g === g).map((r) => r.x)).size >= 4) &&
    new Set(rows.map((r) => r.y)).size > 10 &&
    new Set(rows.map((r) => r.cluster)).size >= 4,
);

const shuffledArb = dataArb.chain((rows) =>
  fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })),
);

const close = (a: number | null, b: number | null, tolerance = 1e-7): boolean =>
  a === b || (a !== null && b !== null && Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b), 1e-12));

function fit(rows: Row[], seType: SeType, clustered: boolean) {
  return lmRobust({ formula: 'y ~ g * x', rows, levels: { g: ['a', 'b', 'c'] }, seType, clusters: clustered ? 'cluster' : undefined }).estimates;
}

for (const [seType, clustered] of [['HC2', false], ['HC3', false], ['CR2', true], ['stata', true]] as const) {
  test(`${seType}: row order does not change estimates, standard errors or df`, () => {
    fc.assert(
      fc.property(shuffledArb, ([rows, shuffled]) => {
        const one = fit(rows, seType, clustered);
        const two = fit(shuffled, seType, clustered);
        return one.every((row, k) => close(row.estimate, two[k].estimate) && close(row.std_error, two[k].std_error) && close(row.df, two[k].df));
      }),
      { numRuns: 25, seed: 20261122 },
    );
  });

  test(`${seType}: scaling y by c scales estimates and SEs by c and keeps p-values`, () => {
    fc.assert(
      fc.property(dataArb, fc.double({ min: 0.1, max: 50, noNaN: true }), (rows, c) => {
        const base = fit(rows, seType, clustered);
        const scaled = fit(rows.map((r) => ({ ...r, y: r.y * c })), seType, clustered);
        return base.every(
          (row, k) =>
            close((row.estimate as number) * c, scaled[k].estimate) &&
            close((row.std_error as number) * c, scaled[k].std_error) &&
            close(row.p_value, scaled[k].p_value, 1e-6),
        );
      }),
      { numRuns: 25, seed: 20261122 },
    );
  });
}

test('an aliased design never throws and reports NA for the aliased term', () => {
  fc.assert(
    fc.property(dataArb, (rows) => {
      const withCopy = rows.map((r) => ({ ...r, x2: r.x * 3 }));
      const estimates = lmRobust({ formula: 'y ~ g + x + x2', rows: withCopy, levels: { g: ['a', 'b', 'c'] } }).estimates;
      assert.equal(estimates.filter((row) => row.estimate === null).length, 1);
      return true;
    }),
    { numRuns: 25, seed: 20261122 },
  );
});

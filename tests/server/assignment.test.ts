import fc from 'fast-check';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockPermutation, blockRandom, permutedBlockCell } from '../../server/domain/assignment.ts';
import { allCells, cellAssignment, type Design } from '../../server/domain/design.ts';

test('the sequence is a fixed function of the seed (regression lock on the published algorithm)', () => {
  const draws = (n: number, cells: number) => Array.from({ length: n }, (_, d) => permutedBlockCell('vlab-golden', d, cells));
  assert.deepEqual(draws(12, 48), [8, 6, 36, 19, 31, 40, 3, 42, 20, 47, 41, 14]);
  assert.deepEqual(draws(8, 4), [2, 3, 1, 0, 3, 1, 0, 2]);
});

test('each block is a permutation of the cells, and blocks differ', () => {
  fc.assert(
    fc.property(fc.string(), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 60 }), (seed, block, n) => {
      const perm = blockPermutation(seed, block, n);
      assert.deepEqual([...perm].sort((a, b) => a - b), Array.from({ length: n }, (_, i) => i));
    }),
  );
  const blocks = new Set(Array.from({ length: 20 }, (_, b) => blockPermutation('s', b, 48).join(',')));
  assert.equal(blocks.size, 20);
});

test('after any number of draws every cell count is within 1 of the others', () => {
  fc.assert(
    fc.property(fc.string(), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 400 }), (seed, n, draws) => {
      const counts = new Array<number>(n).fill(0);
      for (let d = 0; d < draws; d++) {
        counts[permutedBlockCell(seed, d, n)]! += 1;
        assert.ok(Math.max(...counts) - Math.min(...counts) <= 1);
      }
    }),
    { numRuns: 60 },
  );
});

test('the same seed regenerates the same sequence; another seed gives another', () => {
  const seq = (seed: string) => Array.from({ length: 200 }, (_, d) => permutedBlockCell(seed, d, 48));
  assert.deepEqual(seq('wave-7'), seq('wave-7'));
  assert.notDeepEqual(seq('wave-7'), seq('wave-8'));
});

test('each cell is equally likely at a given position across seeds', () => {
  // 4 cells, 8000 seeds: each cell should appear at position 0 about 2000 times (sd ≈ 39).
  const counts = [0, 0, 0, 0];
  for (let s = 0; s < 8000; s++) counts[permutedBlockCell(`seed-${s}`, 0, 4)]! += 1;
  for (const c of counts) assert.ok(Math.abs(c - 2000) < 200, `counts ${counts.join(', ')}`);
});

test('blockRandom gives numbers in [0, 1)', () => {
  const next = blockRandom('x', 3);
  for (let i = 0; i < 10_000; i++) {
    const u = next();
    assert.ok(u >= 0 && u < 1);
  }
});

test('invalid draw indices and cell counts are refused', () => {
  assert.throws(() => permutedBlockCell('s', -1, 4), /draw index/);
  assert.throws(() => permutedBlockCell('s', 1.5, 4), /draw index/);
  assert.throws(() => blockPermutation('s', 0, 0), /nCells/);
});

test('cells of the full factorial: mixed radix, last factor fastest, first cell all reference levels', () => {
  const design: Design = {
    factors: [
      { name: 'a', levels: ['a0', 'a1'] },
      { name: 'b', levels: ['b0', 'b1', 'b2'] },
    ],
    nCells: 6,
  };
  assert.deepEqual(cellAssignment(design, 0), { a: 'a0', b: 'b0' });
  assert.deepEqual(cellAssignment(design, 1), { a: 'a0', b: 'b1' });
  assert.deepEqual(cellAssignment(design, 5), { a: 'a1', b: 'b2' });
  assert.equal(new Set(allCells(design).map((c) => JSON.stringify(c))).size, 6);
  assert.throws(() => cellAssignment(design, 6), /outside/);
});

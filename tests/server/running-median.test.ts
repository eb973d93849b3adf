// RunningMedian (server/domain/running-median.ts) keeps the speeder rule's median of a wave's completes as they
// arrive; it must equal the median of the same numbers sorted, whatever the order, ties and starting list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { median } from '../../server/domain/quality-flags.ts';
import { RunningMedian } from '../../server/domain/running-median.ts';

test('the running median equals the median of everything added so far, after every addition', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0, max: 1e5, noNaN: true }), { maxLength: 60 }),
      fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e5, noNaN: true })), { maxLength: 200 }),
      (initial, added) => {
        const seen = [...initial];
        const m = RunningMedian.fromSorted([...initial].sort((a, b) => a - b));
        assert.equal(m.size, seen.length);
        assert.equal(m.median(), median(seen));
        for (const value of added) {
          m.add(value);
          seen.push(value);
          assert.equal(m.size, seen.length);
          assert.equal(m.median(), median(seen));
        }
      },
    ),
    { numRuns: 300 },
  );
});

test('empty, one, two values; growth past the initial capacity', () => {
  const m = RunningMedian.fromSorted([]);
  assert.ok(Number.isNaN(m.median()));
  m.add(5);
  assert.equal(m.median(), 5);
  m.add(1);
  assert.equal(m.median(), 3);
  for (let i = 0; i < 10_000; i++) m.add(i % 2 ? 1000 : 0);
  assert.equal(m.size, 10_002);
  // Sorted: 5,000 zeros, 1, 5, 5,000 thousands — the middle two are 1 and 5.
  assert.equal(m.median(), 3);
});

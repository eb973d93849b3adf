// lmRobust's and differenceInMeans's subset (estimatr's subset =, R trial 28): the numbers equal R's in the differential
// test (tests/reference/differential/trial28-designs.ts, group subset-28); these are the words and counts around them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans, lmRobust } from '../../analysis/index.ts';

const rows = Array.from({ length: 40 }, (_, i) => ({ y: (i * 7) % 11 + (i % 3), x: i % 9, z: i % 2, g: i % 4 === 0 ? null : ['a', 'b'][i % 2], cl: Math.floor(i / 4) }));

test('rows outside the subset are not counted as dropped for missing values; those inside with a missing value are', () => {
  const all = lmRobust({ formula: 'y ~ x + g', rows });
  const kept = lmRobust({ formula: 'y ~ x + g', rows, subset: 'x > 2' });
  assert.equal(all.nDropped, 10);
  const inside = rows.filter((r) => r.x > 2);
  assert.equal(kept.nobs, inside.filter((r) => r.g !== null).length);
  assert.equal(kept.nDropped, inside.filter((r) => r.g === null).length);
  const compared = differenceInMeans({ rows, outcome: 'y', treatment: 'z', subset: 'x > 2' });
  assert.deepEqual([compared.nobs, compared.nDropped], [inside.length, 0]);
});

test('a subset that is not a condition, names no column, or meets se type cregg is refused in words', () => {
  assert.throws(() => lmRobust({ formula: 'y ~ x', rows, subset: 'x' }), /lmRobust: subset "x" is not TRUE or FALSE for each row; write a condition/);
  assert.throws(() => lmRobust({ formula: 'y ~ x', rows, subset: 'xx > 1' }), /lmRobust: .*unknown column "xx"/);
  assert.throws(() => lmRobust({ formula: 'y ~ x', rows, subset: 'x >' }), /lmRobust: malformed subset "x >"/);
  assert.throws(() => lmRobust({ formula: 'y ~ x', rows, clusters: 'cl', seType: 'cregg', subset: 'x > 1' }), /subset is lm_robust's argument; se type cregg/);
  assert.throws(() => lmRobust({ formula: 'y ~ x', rows, subset: 'x > 100' }), /no rows without missing values in y, x among the rows of subset "x > 100"/);
  assert.throws(() => differenceInMeans({ rows, outcome: 'y', treatment: 'z', subset: '1' }), /differenceInMeans: subset "1" is not TRUE or FALSE/);
});

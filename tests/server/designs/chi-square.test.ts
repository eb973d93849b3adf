import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chiSquareUpperTail } from './chi-square.ts';

test('the chi-square upper tail equals R', () => {
  // R: options(digits = 16); pchisq(c(10, 3.2, 47.1, 0.5), c(5, 4, 39, 1), lower.tail = FALSE)
  const cases: [number, number, number][] = [[10, 5, 0.0752352461465122], [3.2, 4, 0.5249309467861041], [47.1, 39, 0.1749623674561939], [0.5, 1, 0.4795001221869535]];
  for (const [x, df, expected] of cases) assert.ok(Math.abs(chiSquareUpperTail(x, df) - expected) < 1e-12, `${x}, ${df}`);
});

// formatRNumber against R 4.2.2's as.character (factor labels, deparse, term names), which formats a double with
// at most 15 significant digits (formatReal, digits = 15) but prints fixed notation with sprintf("%.*f") of the
// value itself: an integer-valued double of 16–17 digits keeps every digit, so two long ids stay two levels.
// R: as.character(c(1234567890123456, 1234567890123457, 123456789012345678, 2e15, 0.30000000000000004, 1/3, 1e5, 100000.1, 1e-4, -2.5e-7, 123456))
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRNumber } from '../../analysis/helpers/r-number.ts';

const R: [number, string][] = [
  [1234567890123456, '1234567890123456'],
  [1234567890123457, '1234567890123457'],
  [123456789012345678, '123456789012345680'],
  [2e15, '2e+15'],
  [0.30000000000000004, '0.3'],
  [1 / 3, '0.333333333333333'],
  [1e5, '1e+05'],
  [100000.1, '100000.1'],
  [1e-4, '1e-04'],
  [-2.5e-7, '-2.5e-07'],
  [123456, '123456'],
];

test('numbers are written as R 4.2.2 writes them in as.character (fixed notation prints the value itself)', () => {
  assert.deepEqual(R.map(([x]) => formatRNumber(x)), R.map(([, text]) => text));
});

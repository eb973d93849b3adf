// The estimates table (vlab estimates) and the dashboard's cards write numbers to three significant digits in
// fixed notation. A zero difference in means comes out of the fit as floating-point noise (9.8e-16 on a
// simulated alliance wave): it printed as "0.00000000", eight decimals of nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { significant } from '../../server/cli/commands/estimates-table.ts';
import { fmt } from '../../public/src/dashboard-dom.ts';

test('a number too small for eight decimals keeps its significant digits in R\'s exponent notation, in the table and on the dashboard', () => {
  for (const write of [significant, fmt]) {
    assert.equal(write(9.800126666290866e-16), '9.80e-16');
    assert.equal(write(-1.234e-7), '-1.23e-7');
    assert.equal(write(0.0000123), '0.0000123');
    assert.equal(write(0.0456), '0.0456');
    assert.equal(write(1234.5), '1235');
    assert.equal(write(0), '0');
  }
});

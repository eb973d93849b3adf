import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomCode } from '../../server/domain/random-code.ts';

test('random codes never start with "-" or "_" (CLI options, spreadsheet formulas) and keep their length', () => {
  // Feed draws whose base64url starts with "-" (0xf8…) and "_" (0xfc…) before a usable one.
  const draws = [Buffer.from([0xf8, 1, 2]), Buffer.from([0xfc, 1, 2]), Buffer.from([0x00, 1, 2])];
  let calls = 0;
  const code = randomCode(3, () => draws[calls++]!);
  assert.equal(calls, 3);
  assert.equal(code, Buffer.from([0x00, 1, 2]).toString('base64url'));
  for (let i = 0; i < 2000; i++) {
    const c = randomCode(9);
    assert.match(c, /^[A-Za-z0-9][A-Za-z0-9_-]{11}$/);
  }
});

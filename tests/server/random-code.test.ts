import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pooledRandomBytes, randomCode } from '../../server/domain/random-code.ts';

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

test('pooledRandomBytes hands out each pooled byte once, across refills, and keeps earlier results intact', () => {
  const seen = new Set<string>();
  const kept: [Buffer, string][] = [];
  // 1,000 draws of 16 bytes cross the 4,096-byte pool about four times.
  for (let i = 0; i < 1000; i++) {
    const bytes = pooledRandomBytes(16);
    assert.equal(bytes.length, 16);
    const hex = bytes.toString('hex');
    assert.ok(!seen.has(hex), `draw ${i} repeats an earlier one`);
    seen.add(hex);
    if (i % 100 === 0) kept.push([bytes, hex]);
  }
  for (const [bytes, hex] of kept) assert.equal(bytes.toString('hex'), hex, 'a refill overwrote an earlier draw');
  assert.equal(pooledRandomBytes(5000).length, 5000);
  assert.match(randomCode(16, pooledRandomBytes), /^[A-Za-z0-9][A-Za-z0-9_-]{21}$/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuThrottleRate } from '../e2e/cpu-throttle.ts';

test('VLAB_TEST_CPU_THROTTLE: unset, empty or 1 leaves the browser tests untouched; a factor ≥ 1 is taken; anything else is refused in words', () => {
  assert.equal(cpuThrottleRate(undefined), 1);
  assert.equal(cpuThrottleRate(''), 1);
  assert.equal(cpuThrottleRate('1'), 1);
  assert.equal(cpuThrottleRate('4'), 4);
  assert.equal(cpuThrottleRate('2.5'), 2.5);
  for (const bad of ['0', '0.5', '-4', 'fast', '4x', 'Infinity']) {
    assert.throws(() => cpuThrottleRate(bad), new RegExp(`VLAB_TEST_CPU_THROTTLE: expected a slowdown factor of 1 or more \\(e\\.g\\. 4\\), got "${bad.replace('.', '\\.')}"`));
  }
});

// When the respondent page's "Are you still there?" comes (public/src/lease-warning.ts, docs/respondent-page.md):
// 2 minutes before the quota lease lapses, or halfway through what is left when that is under 4 minutes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timerStepMs, warningLeadSeconds } from '../../public/src/lease-warning.ts';

test('the lease warning comes 2 minutes before the lapse, or halfway when under 4 minutes are left', () => {
  assert.equal(warningLeadSeconds(7200), 120, 'the default 2-hour lease: at 1 h 58 min');
  assert.equal(warningLeadSeconds(240), 120);
  assert.equal(warningLeadSeconds(239), 119.5);
  assert.equal(warningLeadSeconds(8), 4);
});

test('a wait longer than setTimeout can take (VLAB_QUOTA_LEASE_SECONDS allows 30 days) is taken in steps', () => {
  assert.equal(timerStepMs(30 * 86_400_000), 2 ** 31 - 1, 'not at once, as setTimeout would run 2.6e9 ms');
  assert.equal(timerStepMs(4000), 4000);
  assert.equal(timerStepMs(-5), 0);
});

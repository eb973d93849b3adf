// The save sent as the tab is hidden or closed (public/src/keepalive-save.ts): only the answers the server lacks,
// since browsers refuse a keepalive request whose body passes 64 KiB and the answers would be lost with the tab.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answersChangedSince, createServerCopy, fitsKeepalive, KEEPALIVE_BODY_LIMIT } from '../../public/src/keepalive-save.ts';

test('only the answers that differ from the acknowledged ones are sent, a cleared one as its null', () => {
  const acknowledged = { consent: true, age_group: '18-29', topics: ['a', 'b'], note: 'x' };
  const current = { consent: true, age_group: '30-44', topics: ['a', 'b'], note: null, region: 'west' };
  assert.deepEqual(answersChangedSince(current, [acknowledged]), { age_group: '30-44', note: null, region: 'west' });
  assert.deepEqual(answersChangedSince({ topics: ['a', 'c'] }, [{ topics: ['a', 'b'] }]), { topics: ['a', 'c'] });
});

test('an answer changed and changed back while a save was in flight is sent again: that save may land after this one', () => {
  const acknowledged = { age_group: '18-29' };
  const inFlight = { age_group: '30-44' };
  assert.deepEqual(answersChangedSince({ age_group: '18-29' }, [acknowledged, inFlight]), { age_group: '18-29' });
  assert.deepEqual(answersChangedSince({ age_group: '18-29' }, [acknowledged]), {});
});

test('a question named __proto__ is sent as an answer, not set as the prototype', () => {
  const current = JSON.parse('{"__proto__": "yes"}') as Record<string, unknown>;
  const changed = answersChangedSince(current, [{}]);
  assert.equal(Object.hasOwn(changed, '__proto__'), true);
  assert.equal(JSON.stringify(changed), '{"__proto__":"yes"}');
});

test('a body over 64 KiB in UTF-8 does not go as a keepalive request (counted in bytes, not characters)', () => {
  const overhead = JSON.stringify({ answers: { q: '' }, currentPage: 3 }).length;
  assert.equal(fitsKeepalive({ q: 'x'.repeat(KEEPALIVE_BODY_LIMIT - overhead) }, 3), true);
  assert.equal(fitsKeepalive({ q: 'x'.repeat(KEEPALIVE_BODY_LIMIT - overhead + 1) }, 3), false);
  // Five comment boxes of 5,000 characters in a script of three UTF-8 bytes a character: 75,000 bytes.
  const five = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`comment_${i}`, '意'.repeat(5000)]));
  assert.equal(fitsKeepalive(five, 3), false);
  assert.equal(fitsKeepalive({ comment_5: five.comment_5 }, 3), true);
});

test('the body counted against the cap includes the save’s number (saveOrder)', () => {
  const saveOrder = { pageSession: 'a'.repeat(24), sequence: 12 };
  const overhead = JSON.stringify({ answers: { q: '' }, currentPage: 3, saveOrder }).length;
  assert.equal(fitsKeepalive({ q: 'x'.repeat(KEEPALIVE_BODY_LIMIT - overhead) }, 3, saveOrder), true);
  assert.equal(fitsKeepalive({ q: 'x'.repeat(KEEPALIVE_BODY_LIMIT - overhead + 1) }, 3, saveOrder), false);
});

// The server applies no save older than one it applied from the page (docs/api.md, saveOrder).
test('an older save acknowledged after a newer one leaves the page’s copy at the newer one (the server ignored it)', () => {
  const copy = createServerCopy({ age_group: '18-29' });
  const first = copy.sent({ age_group: '30-44' }, 'state-1', false, 1);
  const second = copy.sent({ age_group: '45-64' }, 'state-2', true, 2);
  copy.acknowledged(second);
  copy.settled(second);
  copy.acknowledged(first);
  copy.settled(first);
  assert.equal(copy.holds('state-2'), true);
  assert.equal(copy.holds('state-1'), false);
  // The respondent goes back to 30-44: the server holds 45-64, so the hidden tab's save must carry it.
  assert.deepEqual(copy.changed({ age_group: '30-44' }), { age_group: '30-44' });
});

test('a save given up on may still have landed: its answers count until a newer save is acknowledged', () => {
  const copy = createServerCopy({ age_group: '18-29' });
  const lost = copy.sent({ age_group: '30-44' }, 'state-1', false, 1);
  copy.settled(lost);
  // Back to the acknowledged answer: the save given up on may have stored 30-44 (only its answer was lost).
  assert.deepEqual(copy.changed({ age_group: '18-29' }), { age_group: '18-29' });
  assert.equal(copy.keepaliveOnItsWay('state-1'), false, 'a settled save is on its way no more');
  const next = copy.sent({ age_group: '18-29', region: 'west' }, 'state-2', false, 2);
  copy.acknowledged(next);
  copy.settled(next);
  // Save 1 cannot land now (older than save 2, applied): only what differs from save 2 is sent.
  assert.deepEqual(copy.changed({ age_group: '18-29', region: 'west' }), {});
});

test('a keepalive save of a state is on its way until it settles', () => {
  const copy = createServerCopy({});
  const keepalive = copy.sent({ q: 1 }, 'state-1', true, 1);
  assert.equal(copy.keepaliveOnItsWay('state-1'), true);
  copy.settled(keepalive);
  assert.equal(copy.keepaliveOnItsWay('state-1'), false);
});

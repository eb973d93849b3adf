// The dashboard's coefficient plots put at least two numbers under their intervals (public/src/plot-ticks.ts): on a
// phone the axis' room gave a tick count of 1 or 2, and d3's step for it left "0.0" alone under AMCEs from −0.18 to
// 0.19 (walk-through 24). The browser check is tests/e2e/dashboard-conjoint-browser.test.ts at 390 and 320 px.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ticks as d3Ticks } from 'd3-array';
import { axisTicks } from '../../public/src/plot-ticks.ts';

test("the axis' ticks are d3-array's for the count chosen, never −0", () => {
  assert.deepEqual(d3Ticks(-0.18, 0.19, 2), [0]); // what the axis showed alone (d3's step for the room's count)
  assert.deepEqual(axisTicks([-0.18, 0.19], 173, 1), d3Ticks(-0.18, 0.19, 3));
  for (const area of [100, 200, 300, 400]) for (const t of axisTicks([-0.95, 0.95], area, 1) ?? []) assert.ok(!Object.is(t, -0), `no negative zero at ${area} px`);
});

test('axisTicks: the room\'s ticks, or the next count\'s that give two numbers where two fit; none for a span of nothing', () => {
  // 173 px of axis at 16-px text: room for 2, which gave 0 alone; 3 gives three, 47 px apart.
  assert.deepEqual(axisTicks([-0.178, 0.188, 0, 0.137, -0.127], 173, 1), [-0.1, 0, 0.1]);
  assert.deepEqual(axisTicks([0.386, 0.62, 0.5], 116, 1), [0.4, 0.6]); // marginal means around h0 = 0.5 at 320 px
  assert.deepEqual(axisTicks([-0.596, 0.57, 0], 173, 1), [-0.5, 0, 0.5]); // the room's count kept where it gives two
  // At 32-px text (em 2) on a 320-px phone, 90 px of axis: two numbers 36 × 2 px apart do not fit, Plot's count stays.
  assert.equal(axisTicks([-0.178, 0.188, 0], 90, 2), undefined);
  assert.equal(axisTicks([0.5, 0.5], 173, 1), undefined);
  assert.equal(axisTicks([Number.NaN], 173, 1), undefined);
  for (let seed = 1; seed <= 200; seed++) {
    // Spans from 0.001 to 1000 wide on 100 to 700 px: two numbers at least 36 px apart, all inside the span, or none.
    const lo = -((seed * 7919) % 1000) / 10 ** (seed % 4);
    const hi = lo + (((seed * 104729) % 997) + 1) / 10 ** (seed % 5);
    const area = 100 + ((seed * 31) % 600);
    const ticks = axisTicks([lo, hi], area, 1);
    if (ticks === undefined) continue;
    assert.ok(ticks.length >= 2 && ticks[0]! >= lo && ticks.at(-1)! <= hi, `${lo}..${hi}: ${ticks.join(' ')}`);
    if (Math.floor(area / 80) <= 1 || d3Ticks(lo, hi, Math.floor(area / 80)).length < 2) {
      assert.ok(((ticks[1]! - ticks[0]!) / (hi - lo)) * area >= 36, `${lo}..${hi} on ${area} px: ${ticks.join(' ')}`);
    }
  }
});

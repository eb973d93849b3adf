import { ticks as d3Ticks } from 'd3-array';

/**
 * The numbers under a coefficient plot. Plot was given a tick count for the axis' room (about one per 80 px), and
 * d3 turns a count into a step of 1, 2 or 5 × 10^k near range / count: on a phone the count is 1 or 2, and a step
 * as wide as the intervals' whole range left one number under them ("0.0" under AMCEs from −0.18 to 0.19, walk-through
 * 24), nothing to read a magnitude by. These are d3's ticks for the count, or for the smallest larger count that puts
 * two numbers on the axis (d3-array's own `ticks`, which Plot draws with: already in the bundle through it).
 */

// About one number per 80 px of axis, as Plot was asked for before; two numbers need their centres 36 px apart
// ("−0.20" is about 30 px in Plot's 10-px text). Both grow with the reader's text (em).
const PX_PER_TICK = 80;
const MIN_GAP = 36;

/**
 * The x axis' ticks of a plot of `values` (estimates and interval ends; h0 among them) on an axis `areaPx` wide at
 * text scale `em`: d3's ticks for the room, or, where they are one number alone, those of the next count that gives
 * two when two fit; undefined where the values span nothing or two do not fit (at 32-px text on a 320-px phone two
 * overlapped): Plot's own ticks for the room then.
 *
 * @example axisTicks([-0.178, 0.188, 0], 173, 1) // [-0.1, 0, 0.1]
 */
export function axisTicks(values: readonly number[], areaPx: number, em: number): number[] | undefined {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  if (!(hi > lo)) return undefined;
  const room = Math.max(1, Math.floor(areaPx / (PX_PER_TICK * em)));
  for (let count = room; count <= room + 10; count++) {
    // + 0: d3 gives −0 for a tick at zero reached from below (Math.ceil(−0.9)), which the axis would draw "−0.0".
    const ticks = d3Ticks(lo, hi, count).map((t) => t + 0);
    if (ticks.length < 2) continue;
    const gap = ((ticks[1]! - ticks[0]!) / (hi - lo)) * areaPx;
    return count === room || gap >= MIN_GAP * em ? ticks : undefined;
  }
  return undefined;
}

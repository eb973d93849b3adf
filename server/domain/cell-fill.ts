/** A cell of a wave's progress: its completes and its share of the target (wave-lifecycle.ts). */
type Cell = { completes: number; targetCompletes: number };

/** A cell's target as a count of completes, rounded up (weights and repeated vignettes make it fractional). */
export function cellTarget(c: Cell): number {
  return Math.ceil(c.targetCompletes - 1e-9);
}

/**
 * Where the cells' targets differ (weighted levels), how full each is against its own target: "filled 93%–95% of
 * each cell's target (70 of 75 to 72 of 75)"; null where every target is equal, so that counts compare. Until
 * walk-through 34 a 3-arm study with its control weighted 2 read "fewest 70, most 143, spread 73" on the dashboard and
 * "min 70, max 143" in `vlab wave status`, an imbalance of 73 where every cell stood at 93–96 % of its target.
 */
export function weightedFillWords(cells: readonly Cell[]): string | null {
  const targets = cells.map(cellTarget);
  if (!cells.length || Math.min(...targets) === Math.max(...targets)) return null;
  const share = (c: Cell) => c.completes / Math.max(1, cellTarget(c));
  const byShare = [...cells].sort((a, b) => share(a) - share(b));
  const [low, high] = [byShare[0]!, byShare.at(-1)!];
  const percent = (c: Cell) => `${Math.round(share(c) * 100)}%`;
  return `filled ${percent(low)}–${percent(high)} of each cell's target (${low.completes} of ${cellTarget(low)} to ${high.completes} of ${cellTarget(high)})`;
}

/** The lowest and highest cell targets: "target 63 completes each" or "targets 75–150 completes by weight". */
export function cellTargetsWords(cells: readonly Cell[]): string {
  const targets = cells.map(cellTarget);
  const [lowest, highest] = [Math.min(...targets), Math.max(...targets)];
  return lowest === highest ? `target ${lowest} completes each` : `targets ${lowest}–${highest} completes by weight`;
}

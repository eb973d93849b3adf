import { blockRandom, shuffleInPlace } from './assignment.ts';
import type { Assignment } from './design.ts';
import { gcd, type VignetteSpace } from './vignette-cells.ts';

/**
 * Balanced randomization of vignette designs by permuted blocks over the allowed cells (vignette-cells.ts),
 * for m vignettes per respondent:
 *
 * 1. A block of the multiset holds each allowed cell k·w times (w its multiplicity, L = Σ w, k = m / gcd(L, m)
 *    so that m divides the block's k·L slots); the block serves s = k·L / m respondents.
 * 2. With the block's generator (assignment.ts `blockRandom(seed, b)`): Q, a Fisher–Yates shuffle of the
 *    respondent places 0..s−1; then, only when m > 1, P, a shuffle of the allowed cells (ascending index).
 * 3. The slots are laid out cell by cell in P's order (ascending index when m = 1), each cell's k·w copies side
 *    by side. Place q holds the slots q, q + s, …, q + (m−1)·s: m distinct cells, because a cell's copies are
 *    side by side and never more than s (m·w ≤ L is validated).
 * 4. Respondent j of the block (draw index d = b·s + j) reads the cells of place Q[j] in an order shuffled by
 *    the same generator (respondents in order 0..s−1; no draw at all when m = 1).
 *
 * Each block shows every allowed cell exactly k·w times, so counts stay balanced to the weights. A
 * respondent's inclusion probability of cell c is exactly m·w_c / L (it is in k·w_c of the s places), each of
 * their vignettes shows c with probability w_c / L, and with equal weights their set of cells is a uniformly
 * random m-subset of the allowed cells. With one vignette, no restriction and no weight this is exactly the
 * original permuted-block sequence (`permutedBlockCell`), so existing waves re-derive unchanged.
 */

export interface VignetteDraw {
  /** 1-based order in which the respondent reads it. */
  position: number;
  /** Index of the cell in the full factorial (design.ts). */
  cellIndex: number;
  assignment: Assignment;
  /** P(this respondent's vignettes include this cell) = m·w / L; with one vignette, the assignment probability. */
  inclusionProbability: number;
}

/** The block's size in respondents and in slots for m vignettes per respondent. */
export function vignetteBlockSize(space: VignetteSpace, perRespondent: number): { respondents: number; slots: number } {
  const copies = perRespondent / gcd(space.total, perRespondent);
  return { respondents: (copies * space.total) / perRespondent, slots: copies * space.total };
}

/** The cell indices of every respondent of block `block`, each in reading order. */
export function vignetteBlock(space: VignetteSpace, perRespondent: number, seed: string, block: number): number[][] {
  const { respondents, slots } = vignetteBlockSize(space, perRespondent);
  const copies = slots / space.total;
  const next = blockRandom(seed, block);
  const places = shuffleInPlace(Array.from({ length: respondents }, (_, i) => i), next);
  const cells = perRespondent > 1 ? shuffleInPlace([...space.cells], next) : space.cells;
  const layout = cells.flatMap((c) => new Array<number>(copies * c.multiplicity).fill(c.index));
  return places.map((place) =>
    shuffleInPlace(Array.from({ length: perRespondent }, (_, i) => layout[place + i * respondents]!), next),
  );
}

// Draws come in order of arrival (a wave's starts, a simulated wave's respondents), so consecutive draws share a
// block: the last block is kept, which makes a draw about 100 times cheaper than laying out its block anew.
let lastBlock: { space: VignetteSpace; perRespondent: number; seed: string; block: number; cells: number[][] } | undefined;
const cellsByIndex = new WeakMap<VignetteSpace, Map<number, VignetteSpace['cells'][number]>>();

/** The vignettes of the respondent with draw index `drawIndex` of a wave with `seed`. */
export function drawVignettes(space: VignetteSpace, perRespondent: number, seed: string, drawIndex: number): VignetteDraw[] {
  if (!Number.isInteger(drawIndex) || drawIndex < 0) {
    throw new RangeError(`drawVignettes: draw index must be a non-negative integer, got ${drawIndex}`);
  }
  const { respondents } = vignetteBlockSize(space, perRespondent);
  const block = Math.floor(drawIndex / respondents);
  const last = lastBlock;
  const blockCells =
    last && last.space === space && last.perRespondent === perRespondent && last.seed === seed && last.block === block
      ? last.cells
      : (lastBlock = { space, perRespondent, seed, block, cells: vignetteBlock(space, perRespondent, seed, block) }).cells;
  const cells = blockCells[drawIndex % respondents]!;
  let byIndex = cellsByIndex.get(space);
  if (!byIndex) cellsByIndex.set(space, (byIndex = new Map(space.cells.map((c) => [c.index, c]))));
  return cells.map((index, i) => {
    const cell = byIndex.get(index)!;
    return { position: i + 1, cellIndex: index, assignment: cell.assignment, inclusionProbability: (perRespondent * cell.multiplicity) / space.total };
  });
}

import { createHash } from 'node:crypto';

/**
 * Block randomization with permuted blocks of all the cells. Draw d of a wave falls in block b = floor(d / nCells);
 * each block is a Fisher–Yates shuffle of the cells 0..nCells-1 driven by a PRNG seeded from
 * sha256("vlab-permuted-blocks:v1:<wave seed>:<b>"). So the whole sequence follows from the wave seed alone
 * (anyone can regenerate and audit it), every cell is drawn exactly once per block, and after any number of
 * draws the cell counts differ by at most one.
 */
export function permutedBlockCell(seed: string, drawIndex: number, nCells: number): number {
  if (!Number.isInteger(drawIndex) || drawIndex < 0) {
    throw new RangeError(`permutedBlockCell: draw index must be a non-negative integer, got ${drawIndex}`);
  }
  const block = Math.floor(drawIndex / nCells);
  return blockPermutation(seed, block, nCells)[drawIndex % nCells]!;
}

/** The order in which block `block` of a wave visits the cells. */
export function blockPermutation(seed: string, block: number, nCells: number): number[] {
  if (!Number.isInteger(nCells) || nCells < 1) {
    throw new RangeError(`blockPermutation: nCells must be a positive integer, got ${nCells}`);
  }
  return shuffleInPlace(Array.from({ length: nCells }, (_, i) => i), blockRandom(seed, block));
}

/**
 * Fisher–Yates: for i from n−1 down to 1, swap item i with item floor(u·(i+1)), u the next uniform. Every
 * draw of the platform shuffles this way, so one description in docs/api.md re-derives them all.
 */
export function shuffleInPlace<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    // A 2^-32 granularity: the bias against any permutation is below 1e-8 for designs of realistic size.
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Uniform numbers in [0, 1) from sfc32 (Doty-Humphrey's small fast counter), seeded from the block's hash. */
export function blockRandom(seed: string, block: number): () => number {
  const digest = createHash('sha256').update(`vlab-permuted-blocks:v1:${seed}:${block}`).digest();
  let a = digest.readUInt32BE(0);
  let b = digest.readUInt32BE(4);
  let c = digest.readUInt32BE(8);
  let d = digest.readUInt32BE(12);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // the first outputs of a freshly seeded sfc32 are poorly mixed
  return next;
}

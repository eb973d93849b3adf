// Shared by tests/ and bench/: neither imports from the other.

/**
 * Mulberry32: a small seeded PRNG, so tests and benchmarks fit the same data on every run and machine. Not the
 * server's generator (sfc32 seeded by sha256, server/domain/assignment.ts): the stored expectations of
 * tests/analysis/eigen and tests/reference/differential were computed on this stream.
 *
 * @example const random = seededRandom(1); random() // 0.6270739405881613, then the same sequence on every run
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

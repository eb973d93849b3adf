// bench/lib/paired-runs.ts: how bench:against reads a bench:ingest run and sums alternated pairs. The sign test's
// p-values are R's: binom.test(6, 6)$p.value = 0.03125, binom.test(5, 6)$p.value = 0.21875,
// binom.test(3, 6)$p.value = 1, binom.test(1, 8)$p.value = 0.0703125.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median } from '../../bench/lib/median.ts';
import { type IngestFigures, pairedSummary, parseIngestFigures, signTestP } from '../../bench/lib/paired-runs.ts';

// The medians block bench/ingest-sqlite.ts printed on 2026-12-07 (one round).
const OUTPUT = `medians over 1 rounds (min–max):
  req/s: (a) 623 (623–623), (a′) 4631 (4631–4631)
  completion / (a′), like for like: 0.47 (0.47–0.47)   target ≥ 0.80
  server CPU µs per request: (a′) 253 (253–253), start 560 (560–560), quota step 397 (397–397), completion 438 (438–438)
  (a′) / completion in server CPU per request: 0.58 (0.58–0.58)
`;

test('a run\'s server CPU per request and like-for-like ratio are read from its medians block', () => {
  assert.deepEqual(parseIngestFigures(OUTPUT, '/tree'), { grouped: 253, start: 560, quota: 397, completion: 438, likeForLike: 0.47 });
});

test('an output without the lines is refused naming the tree, not read as zeros', () => {
  assert.throws(() => parseIngestFigures('round 1 of 1\n', '/tmp/old-tree'), /bench:ingest in \/tmp\/old-tree printed no "server CPU/);
});

test('the sign test equals R\'s binom.test for a fair coin', () => {
  assert.equal(signTestP(6, 6), 0.03125);
  assert.equal(signTestP(5, 6), 0.21875);
  assert.equal(signTestP(1, 6), 0.21875);
  assert.equal(signTestP(3, 6), 1);
  assert.equal(signTestP(1, 8), 0.0703125);
  assert.equal(signTestP(0, 0), 1);
});

test('the summary gives each side\'s median, the median paired difference and how many pairs were dearer', () => {
  const f = (completion: number, quota = 300): IngestFigures => ({ grouped: 200, start: 400, quota, completion, likeForLike: 0.6 });
  const earlier = [f(300), f(320), f(340), f(310)];
  const current = [f(330), f(350), f(345), f(300)];
  const lines = pairedSummary(earlier, current);
  const completion = lines.find((l) => l.startsWith('completion'))!;
  // differences 30, 30, 5, -10: median 17.5 → "+18 µs" of a median 315 → +6 %; dearer in 3 of 4.
  assert.match(completion, /^completion\s+315 \(300–340\)\s+338 \(300–350\)\s+\+18 µs \(\+6 %\)\s+3 of 4 pairs \(sign test p = 0\.63\)$/);
  // equal figures: no untied pair, p 1.
  assert.match(lines.find((l) => l.startsWith('quota step'))!, /\+0 µs \(\+0 %\)\s+0 of 0 pairs \(sign test p = 1\.00\)/);
  assert.match(lines.at(-2)!, /^like for like \(target ≥ 0\.80\): earlier 0\.60 \(0\.60–0\.60\), current 0\.60/);
  assert.throws(() => pairedSummary(earlier, current.slice(1)), /same, non-zero, number of runs/);
  assert.equal(median([3, 1, 2, 10]), 2.5);
});

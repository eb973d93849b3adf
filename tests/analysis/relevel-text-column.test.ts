// relevel() of a text column: R ≥ 4 reads text as character (read.csv's stringsAsFactors = FALSE), and relevel() is
// for factors only, so lm_robust stops; the platform's replication package (replicate.R, which reads the data so)
// stopped on a formula vlab had fitted. vlab refuses it in words and names the two spellings R takes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';

const rows = [1, 3, 2, 5, 4, 6].map((y, i) => ({ y, g: ['a', 'b', 'c'][i % 3] }));

test('relevel() of a text column is refused as R refuses it, with the spellings R accepts', () => {
  // R: d <- data.frame(y = c(1, 3, 2, 5, 4, 6), g = c("a", "b", "c", "a", "b", "c")); lm_robust(y ~ relevel(g, ref = "b"), data = d)
  // Error in relevel.default(g, ref = "b") : 'relevel' only for (unordered) factors
  assert.throws(
    () => lmRobust({ formula: 'y ~ relevel(g, ref = "b")', rows }),
    (error: Error) => error.name === 'AnalysisError'
      && error.message.includes(`relevel(g, ref = "b"): 'relevel' only for (unordered) factors, and "g" is text`)
      && error.message.includes('relevel(factor(g), ref = "b")')
      && error.message.includes('declare the levels of "g"'),
  );
});

test('relevel() of factor(g), or of g with declared levels, is what R fits', () => {
  // R: tidy(lm_robust(y ~ relevel(factor(g), ref = "b"), data = d)): (Intercept) 3.5 (SE 0.5), a −0.5 and c 0.5 (SE 2.061553)
  const factor = lmRobust({ formula: 'y ~ relevel(factor(g), ref = "b")', rows }).estimates;
  assert.deepEqual(factor.map((row) => [row.term, row.estimate]), [['(Intercept)', 3.5], ['relevel(factor(g), ref = "b")a', -0.5], ['relevel(factor(g), ref = "b")c', 0.5]]);
  assert.ok(Math.abs((factor[1].std_error as number) - 2.061553) < 1e-6);
  // R: d$g <- factor(d$g, levels = c("a", "b", "c")); lm_robust(y ~ relevel(g, ref = "b"), data = d): the same numbers.
  const declared = lmRobust({ formula: 'y ~ relevel(g, ref = "b")', rows, levels: { g: ['a', 'b', 'c'] } }).estimates;
  assert.deepEqual(declared.map((row) => row.estimate), factor.map((row) => row.estimate));
});

// freqs with a missing value in some features: each feature is counted over the rows where IT is present, as the R
// an analyst types counts it — table(d$a) and chisq.test per feature, and cregg::cj_freqs (reshape to long, svytable
// of each level) — not over the rows complete in every feature (17/13/17 for a here, where R's table() says 18/14/18).
// Data: 60 profiles drawn once (Python random.seed(7100900)), a NA in a for 10 rows and in b for 3.
// R: d <- read.csv("fq.csv"); for (f in c("a", "b")) { t <- table(d[[f]]); chisq.test(as.numeric(t), p = rep(1 / length(t), length(t))) }
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freqs, rowsFromCsv } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const A = 'NA x NA x z x y z y x z y z NA NA z NA y NA y NA x x y x x x x z x z z NA z y x z NA y x y z x NA z y x z x z y y z y z x z z y x';
const B = 'q q p q p p q p q q p p p q q q q q q p p q q q q q q q p q q q p q q NA NA q q p q q q p p q q q p p NA q q q q q q p q q';

test('freqs counts each feature over the rows where it is present (R: table() per feature, cregg::cj_freqs)', () => {
  const a = A.split(' ');
  const b = B.split(' ');
  const csv = ['respondent,a,b', ...a.map((level, i) => `R${Math.floor(i / 3)},${level},${b[i]}`)].join('\n');
  const third = 1 / 3;
  const result = freqs({ formula: '~ a + b', rows: rowsFromCsv(csv), probabilities: { a: { x: third, y: third, z: third }, b: { p: 0.5, q: 0.5 } } });
  const counts = Object.fromEntries(result.map((row) => [`${row.feature}=${row.level}`, row.count]));
  const R = { 'a=x': 18, 'a=y': 14, 'a=z': 18, 'b=p': 17, 'b=q': 40 };
  assert.deepEqual(counts, R);
  const p = Object.fromEntries(result.map((row) => [row.feature, row.p]));
  assertCloseToR(p.a, 0.726149037073691, 'a: chisq.test p', true);
  assertCloseToR(p.b, 0.00231580690989059, 'b: chisq.test p', true);
});

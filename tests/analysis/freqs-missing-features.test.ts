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

// R trial 39: the design-based test (weights or an id) of a feature with missing cells runs on the rows showing it as
// a domain of the whole design, as survey's subset(des, !is.na(a)) does: a row (or a respondent) missing the feature
// keeps its place in the variance's n/(n − 1). vlab dropped those rows from the design, so its df and p moved by
// about 1/n (trial 39's conjoint designs: 2.6e-5 in df); an id all of whose rows miss the feature counts too.
// R: Rscript tests/analysis/r/freqs-missing-features-design.R (svygofchisq(~a, p, subset(svydesign(...), !is.na(a))))
test('weighted and clustered freqs test a feature with missing cells on its rows as a domain of the design', () => {
  const a = A.split(' ').map((level, i) => (i < 3 ? 'NA' : level));
  const csv = ['respondent,a,w', ...a.map((level, i) => `R${Math.floor(i / 3)},${level},${1 + (i % 4) / 2}`)].join('\n');
  const third = 1 / 3;
  const probabilities = { a: { x: third, y: third, z: third } };
  const R = {
    rows: [0.619318181818182, 1.98931181746953, 2.00803221705839, 0.855301654430055],
    respondents: [0.619318181818182, 1.82109309687263, 1.65977411318915, 0.794233445262889],
  };
  for (const [design, id] of [['rows', undefined], ['respondents', 'respondent']] as const) {
    const [row] = freqs({ formula: '~ a', rows: rowsFromCsv(csv), weights: 'w', id, probabilities });
    const [chisq, df, scale, p] = R[design];
    assertCloseToR(row.chisq, chisq, `${design}: X²`);
    assertCloseToR(row.df, df, `${design}: df`);
    assertCloseToR(row.scale, scale, `${design}: scale`);
    assertCloseToR(row.p, p, `${design}: p`, true);
  }
});

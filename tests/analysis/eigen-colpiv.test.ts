// Our ColPivHouseholderQR against Eigen 3.3.9's own (the version estimatr 1.0.0 is built with), bit for bit: rank,
// pivot order and every double of m_qr, on 120 seeded matrices full of exact ties between collinear columns.
// Expected lines: tests/analysis/eigen/generate.ts (compiles tests/analysis/eigen/colpiv-trace.cpp against RcppEigen).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { colPivHouseholderQr } from '../../analysis/helpers/col-piv-householder-qr.ts';
import { eigenTestMatrices, fingerprint } from './eigen/matrices.ts';

test("ColPivHouseholderQR reproduces Eigen's factorization bit for bit, ties included", () => {
  const expected = readFileSync(new URL('./fixtures/eigen_colpiv.expected.txt', import.meta.url), 'utf8').trim().split('\n');
  const matrices = eigenTestMatrices();
  assert.equal(expected.length, matrices.length);
  let deficient = 0;
  matrices.forEach(({ n, p, x }, m) => {
    const qr = colPivHouseholderQr(x, n, p);
    assert.equal(`${qr.rank} ${Array.from(qr.perm).join(' ')} ${fingerprint(qr.qr)}`, expected[m], `matrix ${m} (${n} × ${p})`);
    if (qr.rank < Math.min(n, p)) deficient++;
  });
  assert.ok(deficient >= 15, `${deficient} rank-deficient matrices`);
});

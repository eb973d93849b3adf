// lm_robust on an outcome the covariates fit exactly: every residual is rounding, and so are the SEs, t statistics
// and p-values (R, estimatr 1.0.0: lm_robust(y ~ x, data.frame(x = 1:10, y = 2 + 3 * (1:10))) prints SE 3.6e-16,
// t 8.3e15, p 5e-125 without a word). R's summary(lm()) warns "essentially perfect fit: summary may be unreliable"
// (summary.lm: residual variance below 1e-30 × (mean(fitted)² + var(fitted))); vlab says the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lmRobust } from '../../analysis/index.ts';

const exact = Array.from({ length: 10 }, (_, i) => ({ x: i + 1, y: 2 + 3 * (i + 1), c: `k${i % 5}`, w: 1 + (i + 1) / 7 }));

test('an essentially perfect fit is said in R words, under every se type, weighted or clustered', () => {
  for (const extra of [{}, { seType: 'classical' as const }, { clusters: 'c', seType: 'CR2' as const }, { weights: 'w' }]) {
    const { warnings } = lmRobust({ formula: 'y ~ x', rows: exact, ...extra });
    assert.ok(warnings.some((w) => w.includes('essentially perfect fit: summary may be unreliable')), `${JSON.stringify(extra)}: ${warnings.join(' | ')}`);
  }
});

test('an ordinary fit and a fit with a small but real residual are not flagged', () => {
  // Residuals ±1e-6 around the line: summary(lm()) does not warn (1e-12 > 1e-30 × 300).
  const near = exact.map((row, i) => ({ ...row, y: row.y + (i % 2 ? 1e-6 : -1e-6) }));
  for (const rows of [near, exact.map((row, i) => ({ ...row, y: row.y + ((i * 7) % 3) }))]) {
    assert.ok(!lmRobust({ formula: 'y ~ x', rows }).warnings.some((w) => w.includes('perfect fit')));
  }
});

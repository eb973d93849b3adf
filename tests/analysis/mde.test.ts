// The one minimum-detectable-effect computation (analysis/mde.ts) against R's power.t.test. Each R value
// (Rscript tests/analysis/r/mde.R):
//   power.t.test(n = n, sd = sd, power = power, sig.level = alpha, strict = strict, tol = 1e-12)$delta
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnalysisError, minimumDetectableEffect, normalQuantile, powerAnalysis } from '../../analysis/index.ts';

const R_CASES = [
  { n: 3, sd: 1, power: 0.8, alpha: 0.05, strict: false, delta: 3.07089284377061 },
  { n: 20, sd: 1, power: 0.8, alpha: 0.05, strict: false, delta: 0.909130127626943 },
  { n: 100, sd: 1, power: 0.8, alpha: 0.05, strict: false, delta: 0.398138624874291 },
  { n: 400, sd: 1, power: 0.8, alpha: 0.05, strict: false, delta: 0.198340795701625 },
  { n: 750, sd: 1, power: 0.8, alpha: 0.05, strict: false, delta: 0.144766070389201 },
  { n: 50, sd: 2.5, power: 0.9, alpha: 0.01, strict: false, delta: 1.962073663761 },
  { n: 100, sd: 1, power: 0.8, alpha: 0.005, strict: false, delta: 0.521191042113942 },
  { n: 5, sd: 1, power: 0.8, alpha: 0.05, strict: true, delta: 2.02443933938419 },
  { n: 250, sd: 1.2, power: 0.8, alpha: 0.05, strict: false, delta: 0.301279104129382 },
];

test('the MDE of two arms of n equals power.t.test(n, sd, power)$delta to 1e-10', () => {
  for (const c of R_CASES) {
    const mde = minimumDetectableEffect({ se: c.sd * Math.sqrt(2 / c.n), df: 2 * c.n - 2, alpha: c.alpha, power: c.power, strict: c.strict });
    assert.ok(Math.abs(mde - c.delta) < 1e-10 * c.delta, `n ${c.n}: ${mde} vs R ${c.delta}`);
  }
});

test('powerAnalysis solves for the effect with the same computation (vlab power)', () => {
  for (const c of R_CASES) {
    const { effect } = powerAnalysis({ sd: c.sd, n: c.n, power: c.power, alpha: c.alpha, strict: c.strict });
    const mde = minimumDetectableEffect({ se: c.sd * Math.sqrt(2 / c.n), df: 2 * c.n - 2, alpha: c.alpha, power: c.power, strict: c.strict });
    assert.equal(effect, mde);
  }
});

test('a normal-theory estimate (df null) has the MDE (z₁₋α/₂ + z_power)·se, and it is linear in se', () => {
  const z = normalQuantile(0.975) + normalQuantile(0.8);
  assert.ok(Math.abs(minimumDetectableEffect({ se: 0.3, df: null }) - 0.3 * z) < 1e-12);
  const one = minimumDetectableEffect({ se: 1, df: 40 });
  assert.ok(Math.abs(minimumDetectableEffect({ se: 0.01, df: 40 }) - 0.01 * one) < 1e-14);
});

test('impossible inputs are AnalysisErrors naming minimumDetectableEffect', () => {
  for (const bad of [{ se: 0, df: 10 }, { se: 1, df: 0 }, { se: 1, df: 10, alpha: 1 }, { se: 1, df: 10, power: 0.01 }]) {
    assert.throws(() => minimumDetectableEffect(bad), (e: unknown) => e instanceof AnalysisError && /^minimumDetectableEffect: /.test(e.message));
  }
});

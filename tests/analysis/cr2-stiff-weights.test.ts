// Weighted CR2 with "stiff" clusters: a singleton of weighted leverage within ~1e-7 of 1 (weights 0.01 to 100), so
// its adjustment scales one direction by ~2.6e4. The Bell–McCaffrey df summed P_st² for s ≠ t through the quadratic
// form of a running Σ z_t z_t', which cancels ε‖z‖⁴ there: df moved with the row order (intercept 1.0002 to 1.0021
// for 1.00067) and went negative with zero weights (−0.22; 0.016 for 2.0019). SEs were and are stable.
// Expected values: the 60-digit computation of estimatr's formula, python3 tests/analysis/r/cr2-stiff-weights.py
// FILE (mpmath); Rscript tests/analysis/r/cr2-stiff-weights.R prints estimatr's, which agree with it to 2e-7 on the
// first file and are themselves off by up to 3e-3 on the second (quoted below).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { lmRobust, rowsFromCsv } from '../../analysis/index.ts';
import { assertCloseToR } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const read = (name: string) => rowsFromCsv(readFileSync(join(here, 'fixtures', name), 'utf8'));
const fit = (rows: ReturnType<typeof read>) => lmRobust({ formula: 'y ~ f * x', rows, clusters: 'cl', weights: 'w', seType: 'CR2' });

/** The file's order, reversed, and two seeded shuffles. */
const orders = <T>(rows: T[]) =>
  [['file', rows], ['reversed', rows.slice().reverse()], ['seed 7', shuffled(rows, 7)], ['seed 2026', shuffled(rows, 2026)]] as const;

/** The rows in a seeded random order (Fisher–Yates driven by a 32-bit LCG; seed stated by the caller). */
function shuffled<T>(rows: T[], seed: number): T[] {
  const out = rows.slice();
  let state = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

// [term, SE, df] at 60 digits; estimatr (R) prints the same to < 2e-7, vlab to 2e-7 over 50 row orders.
const stiff = [
  ['(Intercept)', 1.04590542742285, 1.00067124449426],
  ['flo', 1.13161313733466, 1.99309061456517],
  ['fmid', 1.09264730332442, 2.50241202473389],
  ['fvery hi', 3.88299355338077, 1.68749840274596],
  ['x', 0.154708889835528, 1.00634269205537],
  ['flo:x', 0.211275269980853, 1.84229475811137],
  ['fmid:x', 0.166469214457964, 2.25026265508891],
  ['fvery hi:x', 0.406134372742832, 2.00385505278136],
] as const;

test('weighted CR2 df with a stiff singleton cluster equal the 60-digit value (and estimatr) in any row order', () => {
  const rows = read('cr2_stiff_weights.csv');
  for (const [label, order] of orders(rows)) {
    const { estimates } = fit(order);
    stiff.forEach(([term, se, df], k) => {
      assert.equal(estimates[k].term, term);
      assertCloseToR(estimates[k].std_error, se, `${label} ${term} SE`);
      assertCloseToR(estimates[k].df, df, `${label} ${term} df`);
    });
  }
});

// Weights 0 (7 rows) and 1e-9 to 1.7e5. estimatr keeps zero-weight rows (they enter the clusters' adjustments, so
// SEs differ from the fit without them) and prints df 1.00031, 1.83655, 2.00216, 1.15098, 1.00289, 1.83176, 1.88832,
// 1.25811 — up to 2.9e-3 off the 60-digit values below, and SEs up to 6.8e-4 off. vlab is held to 5e-4: its own SEs
// move by up to 8e-5 and its df by 1.6e-4 over 50 row orders here (adjustment eigenvalues near the 1e-12 cut-off).
const zero = [
  ['(Intercept)', 0.668484996609578, 1.0000000156683],
  ['flo', 14.6594776085645, 1.83655429088522],
  ['fmid', 0.806244358748717, 2.00186376986039],
  ['fvery hi', 11.4383241654676, 1.1509376383658],
  ['x', 0.10094046813961, 1.00000014732224],
  ['flo:x', 5.34504897604444, 1.8317622760801],
  ['fmid:x', 0.132204355471266, 1.88631849367264],
  ['fvery hi:x', 1.17152761790156, 1.25774822480985],
] as const;

test('weighted CR2 with zero weights keeps every df positive and near the 60-digit value in any row order', () => {
  const rows = read('cr2_zero_weights.csv');
  for (const [label, order] of orders(rows)) {
    const { estimates } = fit(order);
    zero.forEach(([term, se, df], k) => {
      assert.equal(estimates[k].term, term);
      const got = estimates[k].df;
      assert.ok(got !== null && got > 0, `${label} ${term} df ${got}`);
      assert.ok(Math.abs(got - df) <= 5e-4 * df, `${label} ${term} df ${got}, expected ${df}`);
      const gotSe = estimates[k].std_error;
      assert.ok(gotSe !== null && Math.abs(gotSe - se) <= 5e-4 * se, `${label} ${term} SE ${gotSe}, expected ${se}`);
    });
  }
});

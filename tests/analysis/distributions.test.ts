import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import {
  noncentralTCdf,
  normalQuantile,
  normalTwoSidedP,
  normalUpperTail,
  studentQuantile,
  studentTwoSidedP,
  studentUpperTail,
} from '../../analysis/index.ts';

function close(actual: number, expected: number, rel: number, what: string): void {
  const ok = expected === 0 ? actual === 0 : Math.abs(actual - expected) <= rel * Math.abs(expected);
  assert.ok(ok, `${what}: got ${actual}, expected ${expected}`);
}

// R: mapply(function(t, df) pt(t, df), c(-40, -12, -5, -1.5, 0.3, 3, -82.6, -200, -8), c(10, 1250, 1.3942, 3, 7.5, 1e6, 1250, 30, 2))
const PT: [number, number, number][] = [
  [-40, 10, 1.1404288715428737e-12],
  [-12, 1250, 8.8487546541685876e-32],
  [-5, 1.3942, 0.037156558338857497],
  [-1.5, 3, 0.11529193262241141],
  [0.3, 7.5, 0.61383867071561093],
  [3, 1e6, 0.99865006872928919],
  [-82.6, 1250, 0],
  [-200, 30, 9.5481355861553844e-49],
  [-8, 2, 0.0076340360826690698],
];

test('Student t lower tail equals R pt, far into the tail and for fractional or huge df', () => {
  for (const [t, df, expected] of PT) close(studentUpperTail(-t, df), expected, 1e-12, `pt(${t}, ${df})`);
});

test('two-sided t p-value equals 2 * pt(-|t|, df)', () => {
  close(studentTwoSidedP(-40, 10), 2 * 1.1404288715428737e-12, 1e-12, 'p(40, 10)');
  close(studentTwoSidedP(12, 1250), 2 * 8.8487546541685876e-32, 1e-12, 'p(12, 1250)');
});

test('normal tail equals R pnorm out to the underflow limit', () => {
  // R: pnorm(c(-1, -6, -9, -20, -37.5, 2.5))
  const cases: [number, number][] = [
    [-1, 0.15865525393145705],
    [-6, 9.8658764503769809e-10],
    [-9, 1.1285884059538408e-19],
    [-20, 2.7536241186062337e-89],
    [-37.5, 4.6053530095819552e-308],
    [2.5, 0.99379033467422384],
  ];
  for (const [z, expected] of cases) close(normalUpperTail(-z), expected, 1e-12, `pnorm(${z})`);
});

// Rscript tests/analysis/r/distribution-tails.R: pt over t = -3 … -200 and qt over p = 1e-3 … 1e-100, each for df
// 1 … 1e5 (fractional too), pnorm to z = -37.5 and qnorm to p = 1e-100. The largest difference on 2026-12-02 was
// 2.1e-12 relative (pt(-3, 1e5)); jstat 1.9.6 on the same grid: docs/analysis.md, "Distributions".
const TAILS = JSON.parse(readFileSync(new URL('fixtures/distribution_tails.json', import.meta.url), 'utf8')) as Record<'pt' | 'qt' | 'pnorm' | 'qnorm', number[][]>;

test('far tails equal R on a grid: pt, qt (down to p = 1e-100, where 1 − p rounds to 1), pnorm, qnorm', () => {
  for (const [t, df, p] of TAILS.pt) close(studentUpperTail(-t!, df!), p!, 1e-11, `pt(${t}, ${df})`);
  for (const [p, df, q] of TAILS.qt) close(studentQuantile(p!, df!), q!, 1e-11, `qt(${p}, ${df})`);
  for (const [z, p] of TAILS.pnorm) close(normalUpperTail(-z!), p!, 1e-11, `pnorm(${z})`);
  for (const [p, q] of TAILS.qnorm) close(normalQuantile(p!), q!, 1e-11, `qnorm(${p})`);
  assert.equal(TAILS.qt.length, 48);
});

// R (tests/analysis/r/t-moderate-df-digits.R): pt(t, df) at df 7 … 13, where lbeta takes three lgammas below 10.
const PT_MODERATE_DF: [number, number, number][] = [
  [-1, 7, 0.17530833141010374],
  [-1.5, 7, 0.088649243494985014],
  [-1, 9, 0.17171819806895677],
  [-1.5, 9, 0.08392532802853743],
  [-1, 12.3, 0.16828894020896257],
  [-1.5, 12.3, 0.079419423382755525],
  [-1, 13, 0.16778063893271139],
];

test('pt at moderate df equals R to 3e-15 (the Lanczos logGamma left 4e-15 … 2e-14 there)', () => {
  for (const [t, df, expected] of PT_MODERATE_DF) close(studentUpperTail(-t, df), expected, 3e-15, `pt(${t}, ${df})`);
});

// R (the same script): pt(t, df) at df 15 … 19, where lbeta took three lgammas and the incomplete beta's continued
// fraction was a product of Lentz ratios (up to 9e-15 off, R trial 27; mpmath's betainc agrees with R's to 2e-16).
const PT_DF_15_19: [number, number, number][] = [
  [-1, 15, 0.16658506795773814],
  [-1.5, 15.5, 0.076853419249048635],
  [-1.5, 16, 0.076543825892440326],
  [-1.5, 17, 0.075978524414550039],
  [-1.5, 18, 0.075475226092133696],
  [-1.5, 19, 0.07502426537113574],
  [-3, 17, 0.0040273484046047517],
  [-1, 19, 0.16493840046056252],
];

test('pt at df 15 to 19 equals R to 2.5e-15 (lbeta as R forms it, the fraction summed backwards)', () => {
  for (const [t, df, expected] of PT_DF_15_19) close(studentUpperTail(-t, df), expected, 2.5e-15, `pt(${t}, ${df})`);
});

test('t and normal quantiles equal R qt and qnorm', () => {
  // R: mapply(qt, c(0.975, 0.975, 0.999, 1e-10, 0.6, 0.975), c(1.39424697978069, 29, 3, 15, 4.5, 1e7))
  const qt: [number, number, number][] = [
    [0.975, 1.39424697978069, 6.6992776883181033],
    [0.975, 29, 2.0452296421327034],
    [0.999, 3, 10.214531852407383],
    [1e-10, 15, -14.968364341187275],
    [0.6, 4.5, 0.2687518355421753],
    [0.975, 1e7, 1.9599642217672049],
  ];
  for (const [p, df, expected] of qt) close(studentQuantile(p, df), expected, 1e-12, `qt(${p}, ${df})`);
  // R: qnorm(c(0.975, 1e-10, 0.5000001, 1e-300))
  const qnorm: [number, number][] = [
    [0.975, 1.9599639845400536],
    [1e-10, -6.3613409024040557],
    [0.5000001, 2.5066282733116488e-7],
    [1e-300, -37.047096299361201],
  ];
  for (const [p, expected] of qnorm) close(normalQuantile(p), expected, 1e-11, `qnorm(${p})`);
});

test('noncentral t CDF equals R pt with ncp', () => {
  // R: mapply(function(t, df, ncp) pt(t, df, ncp), c(1.98, 2.5, -1, 0.5, 3), c(98, 10, 20, 3.5, 40), c(2.5, 1, -2, 4, 7))
  const cases: [number, number, number, number][] = [
    [1.98, 98, 2.5, 0.30156385541959146],
    [2.5, 10, 1, 0.89654560439762354],
    [-1, 20, -2, 0.84138115399940339],
    [0.5, 3.5, 4, 0.00025768482956730325],
    [3, 40, 7, 7.1414647154085885e-5],
  ];
  // R's pnt (AS 243) sums its series to an absolute error of 1e-12, so that is the yardstick.
  for (const [t, df, ncp, expected] of cases) {
    const got = noncentralTCdf(t, df, ncp);
    assert.ok(Math.abs(got - expected) <= 1e-12, `pt(${t}, ${df}, ncp = ${ncp}): got ${got}, expected ${expected}`);
  }
});

// Rscript tests/analysis/r/distribution-tails-28.R (R trial 28): pt at CR2's fractional df, below 1 too, out to t = -1e6;
// pt at df 15 … 400 where p is 1e-7 … 1e-62; qt at the interval quantiles of extreme levels (alpha / 2 = 5e-15 … 0.4995);
// qnorm of those; pnorm where R's branches change. Largest differences on 2026-12-05: pt 2.1e-14 (df 400, t = -15: exp of
// a log front near -92 keeps its rounding), qt 9.6e-14 (df 0.2, quantiles near 1e69), qnorm within 1e-15.
const TAILS_28 = JSON.parse(readFileSync(new URL('fixtures/distribution_tails_28.json', import.meta.url), 'utf8')) as Record<'pt_small_df' | 'pt_mid_df' | 'qt' | 'qnorm' | 'pnorm', number[][]>;

test('R trial 28: pt and qt at fractional df below 1 and extreme interval levels, pnorm to its last branch, equal R', () => {
  for (const [t, df, p] of TAILS_28.pt_small_df) close(studentUpperTail(-t!, df!), p!, 1e-14, `pt(${t}, ${df})`);
  for (const [t, df, p] of TAILS_28.pt_mid_df) close(studentUpperTail(-t!, df!), p!, 5e-14, `pt(${t}, ${df})`);
  for (const [p, df, q] of TAILS_28.qt) close(studentQuantile(p!, df!), q!, 2e-13, `qt(${p}, ${df})`);
  for (const [p, q] of TAILS_28.qnorm) close(normalQuantile(p!), q!, 2e-15, `qnorm(${p})`);
  // R's pnorm is exactly 0 from z = -37.5193 on (pnorm.c), where erfc gives subnormals (1.9e-308 at -37.5193).
  for (const [z, p] of TAILS_28.pnorm) close(normalUpperTail(-z!), p!, 1e-14, `pnorm(${z})`);
  assert.equal(TAILS_28.pnorm.filter(([, p]) => p === 0).length, 2);
  assert.equal(normalTwoSidedP(37.6), 0, '2 * pnorm(-37.6) is 0 in R');
});

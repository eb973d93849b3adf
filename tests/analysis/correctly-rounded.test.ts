// R's log() and exp() are glibc's, within 0.52 ulp; V8's Math.log and Math.exp are fdlibm's, within 1 ulp, and an ulp off
// R's for a few per cent of inputs (exp: one in eight) — enough for R trial 27's t27-random-37 to alias another of two
// collinear dummies than estimatr. logR, expR and powR (R's ^) round correctly. Expected values:
// tests/analysis/r/correctly-rounded-log.R, -exp.R and -power.R (R 4.2.2, glibc 2.36), printed exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tableFromCsv } from '../../analysis/index.ts';
import { modelDesign } from './design-support.ts';
import { expR } from '../../analysis/helpers/correctly-rounded-exp.ts';
import { logR } from '../../analysis/helpers/correctly-rounded-log.ts';
import { powR } from '../../analysis/helpers/correctly-rounded-power.ts';
import { log10R, log2R } from '../../analysis/helpers/correctly-rounded-log-bases.ts';

/** A C99 hex float ('0x1.8p+1', '-0x1.62e42fefa39efp-1', '0x0.0000000000001p-1022') as its double. */
function hexFloat(text: string): number {
  const match = /^(-?)0x([01])\.?([0-9a-f]*)p([+-]\d+)$/.exec(text);
  assert.ok(match, text);
  const [, sign, lead, fraction, exponent] = match;
  const significand = Number(BigInt(`0x${lead}${fraction}`));
  const power = Number(exponent) - 4 * fraction.length;
  // Two steps keep 2^power representable down to the subnormals.
  const half = Math.trunc(power / 2);
  return (sign ? -1 : 1) * significand * 2 ** half * 2 ** (power - half);
}

const R_LOGS: [string, string][] = [
  ['0x1.6666666666666p+0', '0x1.588c2d913348fp-2'],
  ['0x1.999999999999ap+0', '0x1.e148a1a2726cfp-2'],
  ['0x1.2666666666666p+1', '0x1.aa73108717b69p-1'],
  ['0x1.4cccccccccccdp+1', '0x1.e938cbceb16ddp-1'],
  ['0x1.8p+1', '0x1.193ea7aad030bp+0'],
  ['0x1.ccccccccccccdp+1', '0x1.47eb47ce995d9p+0'],
  ['0x1p-1', '-0x1.62e42fefa39efp-1'],
  ['0x1.000000006df38p+0', '0x1.b7cdffffa18d8p-34'],
  ['0x1.56e1fc2f8f359p-997', '-0x1.5963447f87fb5p+9'],
  ['0x0.0000000000001p-1022', '-0x1.74385446d71c3p+9'],
  ['0x1.fffffffffffffp+1023', '0x1.62e42fefa39efp+9'],
];

test('log equals R where V8 is an ulp off (1.4, 1.6, 2.3, 2.6, 3, 3.6) and at the edges', () => {
  for (const [x, want] of R_LOGS) assert.equal(logR(hexFloat(x)), hexFloat(want), `log(${hexFloat(x)})`);
  assert.equal(R_LOGS.slice(0, 6).filter(([x, want]) => Math.log(hexFloat(x)) !== hexFloat(want)).length, 6, 'Math.log differs on the first six');
  assert.deepEqual([logR(0), logR(-1), logR(Infinity), logR(1)], [-Infinity, NaN, Infinity, 0]);
});

test('where glibc misrounds a log within 0.0003 ulp of a midpoint, logR is the correctly rounded value', () => {
  // R: log(2.5582256237976253) is 0x1.e0edc0779685fp-1; mpmath (200 bits) puts the exact log 0.5003 ulp above it.
  assert.equal(logR(hexFloat('0x1.4773efefp+1')), hexFloat('0x1.e0edc07796860p-1'));
});

const R_EXPS: [string, string][] = [
  ['-0x1.199999999999ap+2', '0x1.924dcaaeca7f7p-7'],
  ['-0x1.999999999999ap+1', '0x1.4dec899fffb47p-5'],
  ['-0x1.7333333333333p+1', '0x1.c2c00e553650dp-5'],
  ['-0x1.3333333333333p+0', '0x1.346c4167a12dfp-2'],
  ['-0x1.3333333333333p-1', '0x1.18fdd6b9604e3p-1'],
  ['0x1.b333333333333p+0', '0x1.5e552770df8a7p+2'],
  ['0x1.0cccccccccccdp+1', '0x1.0551439081d4fp+3'],
  ['0x1.7333333333333p+2', '0x1.4a4caff54f223p+8'],
  ['0x1.b7cdfd9d7bdbbp-34', '0x1.000000006df38p+0'],
  ['-0x1.5ep+9', '0x1.14f2b0fb9307fp-1010'],
  ['0x1.61cp+9', '0x1.a1d2317f485aap+1020'],
  ['0x0p+0', '0x1p+0'],
];

test('exp equals R where V8 is an ulp off (-4.4, -3.2, -2.9, -1.2, -0.6, 1.7, 2.1, 5.8) and at the edges', () => {
  for (const [x, want] of R_EXPS) assert.equal(expR(hexFloat(x)), hexFloat(want), `exp(${hexFloat(x)})`);
  assert.equal(R_EXPS.slice(0, 8).filter(([x, want]) => Math.exp(hexFloat(x)) !== hexFloat(want)).length, 8, 'Math.exp differs on the first eight');
  assert.deepEqual([expR(-Infinity), expR(NaN), expR(800), expR(-800)], [0, NaN, Infinity, 0]);
});

test('exp() and log() in a formula are R\'s: the columns equal R\'s bit for bit', () => {
  const table = tableFromCsv(Buffer.from(['y,x', ...['1.4', '1.6', '2.3', '-2.9', '-0.6', '1.7'].map((x, i) => `${i},${x}`)].join('\n')));
  const [logs] = modelDesign(table, 'y ~ log(abs(x))').columns;
  const [exps] = modelDesign(table, 'y ~ exp(x)').columns;
  assert.deepEqual(logs.slice(0, 3), R_LOGS.slice(0, 3).map(([, want]) => hexFloat(want)));
  assert.deepEqual(exps.slice(3), [R_EXPS[2], R_EXPS[4], R_EXPS[5]].map(([, want]) => hexFloat(want)));
});

const R_POWERS: [string, string, string][] = [
  ['0x1.4cccccccccccdp+0', '0x1.8p+0', '0x1.7b734c33413adp+0'],
  ['0x1p+1', '0x1.8p+0', '0x1.6a09e667f3bcdp+1'],
  ['0x1.2p+2', '0x1.8p+0', '0x1.31785a67b5a75p+3'],
  ['0x1.6666666666666p-1', '0x1.4p+1', '0x1.a3cd72ed9866dp-2'],
  ['0x1.4cccccccccccdp+1', '0x1.4p+1', '0x1.5cce3681fc753p+3'],
  ['0x1.199999999999ap+0', '-0x1.8p+0', '0x1.bbcb228f37875p-1'],
  ['0x1.599999999999ap+1', '-0x1.8p+0', '0x1.cd9ea2af2a121p-3'],
  ['0x1.b333333333333p+1', '0x1.5555555555555p-2', '0x1.80f22109df4e9p+0'],
  ['0x1.4p+2', '0x1.5555555555555p-2', '0x1.b5c0fbcfec4d3p+0'],
  ['-0x1.b333333333333p+0', '0x1.8p+1', '-0x1.3a6e978d4fdf3p+2'],
  ['-0x1.b333333333333p+0', '-0x1p+1', '0x1.6253443526171p-2'],
];

test('x ^ y equals R where V8 is an ulp off (2^1.5, 1.3^1.5, 0.7^2.5, 1.1^-1.5, 5^(1/3), …), with R\'s special cases', () => {
  for (const [x, y, want] of R_POWERS) assert.equal(powR(hexFloat(x), hexFloat(y)), hexFloat(want), `${hexFloat(x)}^${hexFloat(y)}`);
  assert.equal(R_POWERS.slice(0, 9).filter(([x, y, want]) => hexFloat(x) ** hexFloat(y) !== hexFloat(want)).length, 9, '** differs on the first nine');
  // R: 1^NA and NA^0 are 1, (-8)^(1/3) is NaN; x^2 is x*x.
  assert.deepEqual([powR(1, NaN), powR(NaN, 0), powR(-8, 1 / 3), powR(0.1, 2)], [1, 1, NaN, 0.1 * 0.1]);
  const table = tableFromCsv(Buffer.from('y,x\n0,1.3\n1,2\n2,4.5\n'));
  assert.deepEqual(modelDesign(table, 'y ~ I(x^1.5)').columns[0], R_POWERS.slice(0, 3).map(([, , want]) => hexFloat(want)));
});

// log10 and log2 (polish20): tests/analysis/r/correctly-rounded-log-bases.R. R's log10 is fdlibm's algorithm on glibc's
// log (V8's Math.log10 the same on V8's log: 198 of 30,000 values differ from R's, log10R 1, a glibc log misrounding);
// R's log2 is glibc's own, within 0.55 ulp (Math.log2: 40 differ, log2R, correctly rounded: 4).
const R_LOG10S: [string, string][] = [
  ['0x1.5c28f5c28f5c3p-3', '-0x1.8a029956904d2p-1'],
  ['0x1.5c28f5c28f5c3p-1', '-0x1.5705913262b4ap-3'],
  ['0x1.170a3d70a3d71p+0', '0x1.32990e1514cedp-5'],
  ['0x1.3ae147ae147aep+0', '0x1.7040579601d77p-4'],
  ['0x1.999999999999ap+0', '0x1.a209a84fbcff9p-3'],
  ['0x1.9c28f5c28f5c3p+0', '0x1.a794532c2fcf7p-3'],
  ['0x1.f4p+9', '0x1.8p+1'],
  ['0x1.0624dd2f1a9fcp-10', '-0x1.8p+1'],
  ['0x1.56e1fc2f8f359p-997', '-0x1.2cp+8'],
  ['0x0.0000000000001p-1022', '-0x1.434e6420f4374p+8'],
  ['0x1.fffffffffffffp+1023', '0x1.34413509f79ffp+8'],
];

const R_LOG2S: [string, string][] = [
  ['0x1.0f5c28f5c28f6p+0', '0x1.5853c54075e4bp-4'],
  ['0x1.4cccccccccccdp+0', '0x1.83988d0c1f60dp-2'],
  ['0x1.5c28f5c28f5c3p+0', '0x1.c640d27180db2p-2'],
  ['0x1.7851eb851eb85p+0', '0x1.1c93ef61280adp-1'],
  ['0x1.7d70a3d70a3d7p+0', '0x1.268f567a937fp-1'],
  ['0x1.470a3d70a3d71p+2', '0x1.2d39b2963ad85p+1'],
  ['0x1p+3', '0x1.8p+1'],
  ['0x1p+10', '0x1.4p+3'],
  ['0x0.0000000000001p-1022', '-0x1.0c8p+10'],
  ['0x1.8p+1', '0x1.95c01a39fbd68p+0'],
  ['0x1.fffffffffffffp+1023', '0x1p+10'],
];

test('log10 and log2 equal R where V8 is an ulp off (log10 of 0.17, 0.68, 1.09, 1.23, 1.6, 1.61; log2 of 1.06, 1.3, 1.36, 1.47, 1.49, 5.11) and at the edges', () => {
  for (const [x, want] of R_LOG10S) assert.equal(log10R(hexFloat(x)), hexFloat(want), `log10(${hexFloat(x)})`);
  for (const [x, want] of R_LOG2S) assert.equal(log2R(hexFloat(x)), hexFloat(want), `log2(${hexFloat(x)})`);
  assert.equal(R_LOG10S.slice(0, 6).filter(([x, want]) => Math.log10(hexFloat(x)) !== hexFloat(want)).length, 6, 'Math.log10 differs on the first six');
  assert.equal(R_LOG2S.slice(0, 6).filter(([x, want]) => Math.log2(hexFloat(x)) !== hexFloat(want)).length, 6, 'Math.log2 differs on the first six');
  for (const f of [log10R, log2R]) assert.deepEqual([f(0), f(-0), f(-1), f(Infinity), f(1), f(NaN)], [-Infinity, -Infinity, NaN, Infinity, 0, NaN]);
  // In a formula: log10(), log2() and log(x, 10), log(x, 2) (R's logbase calls them).
  const table = tableFromCsv(Buffer.from(['y,x', ...['0.17', '0.68', '1.09', '1.3', '1.36', '5.11'].map((x, i) => `${i},${x}`)].join('\n')));
  const tens = R_LOG10S.slice(0, 3).map(([, want]) => hexFloat(want));
  const twos = [R_LOG2S[1]!, R_LOG2S[2]!, R_LOG2S[5]!].map(([, want]) => hexFloat(want));
  assert.deepEqual(modelDesign(table, 'y ~ log10(x)').columns[0]!.slice(0, 3), tens);
  assert.deepEqual(modelDesign(table, 'y ~ log(x, 10)').columns[0]!.slice(0, 3), tens);
  assert.deepEqual(modelDesign(table, 'y ~ log2(x)').columns[0]!.slice(3), twos);
  assert.deepEqual(modelDesign(table, 'y ~ log(x, base = 2)').columns[0]!.slice(3), twos);
});

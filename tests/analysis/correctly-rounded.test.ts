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

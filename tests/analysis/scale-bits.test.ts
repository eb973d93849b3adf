// scale(x) with R's last bits: R's scale.default takes colMeans and sum(v^2), both accumulated in long double and
// rounded once; vlab summed in doubles, so every value of scale(x) could differ from R's in the last bit. That is
// invisible at 1e-6 until the bit decides which of two exactly collinear columns the QR aliases: the eighth R trial
// (2026-12-03) drew y ~ b:x + g/x + scale(x, center = F) (bFALSE:x + bTRUE:x = x, a multiple of scale(x)), where
// estimatr aliased bFALSE:x and vlab bTRUE:x, and every estimate of that set differed (scale's by 11 %).
// R 4.2.2:
//   x <- c(6.647, 4.814, 5.173, 0.125, 2.05, 3.128, 2.481, 2.002, -1.02, 4.651, 3.534, -0.028)
//   sprintf("%a", scale(x)); sprintf("%a", scale(x, center = FALSE))
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFormula } from '../../analysis/helpers/formula.ts';
import { modelFrame } from '../../analysis/helpers/model-frame.ts';

const x = [6.647, 4.814, 5.173, 0.125, 2.05, 3.128, 2.481, 2.002, -1.02, 4.651, 3.534, -0.028];
const centred = `0x1.a7774eb4d6acep+0 0x1.bbc3f85112a6cp-1 0x1.055d1543989d5p+0 -0x1.25c9aa9873d93p+0 -0x1.4858e57968cefp-2 0x1.23b9c9e8828f8p-3
  -0x1.15809b11ddcb7p-3 -0x1.5d765d26e6a53p-2 -0x1.a3b565a1be484p+0 0x1.97e9efc7d4fd9p-1 0x1.447623e509a68p-2 -0x1.369d25f6b41ffp+0`;
const uncentred = `0x1.c79a0dc3baac6p+0 0x1.49f6a37bec23cp+0 0x1.6291f725b57bp+0 0x1.122b7c3f675c9p-5 0x1.19062c27638bbp-1 0x1.accd3a21a0a23p-1
  0x1.541b9358615f4p-1 0x1.1271ac3e7172fp-1 -0x1.17a73c2c311bep-2 0x1.3eca7fa311146p+0 0x1.e475495ea05e3p-1 -0x1.eb4ff9469c8d5p-8`;

/** A C99 hexadecimal float (R's sprintf("%a")) as its double, exactly. */
function fromHex(text: string): number {
  const [, sign, lead, fraction, exponent] = /^(-?)0x([01])\.?([0-9a-f]*)p([+-]\d+)$/.exec(text) as RegExpExecArray;
  const mantissa = Number(lead) + (fraction ? parseInt(fraction, 16) / 16 ** fraction.length : 0);
  return (sign ? -1 : 1) * mantissa * 2 ** Number(exponent);
}

for (const [formula, expected] of [['y ~ scale(x)', centred], ['y ~ scale(x, center = FALSE)', uncentred]] as const) {
  test(`${formula}: every value has R's bits`, () => {
    const rows = x.map((v, i) => ({ y: i, x: v }));
    const frame = modelFrame('lmRobust', rows, parseFormula('lmRobust', formula), undefined, {});
    const column = (frame.variables[0] as { columns: Float64Array[] }).columns[0];
    assert.deepEqual(Array.from(column), expected.trim().split(/\s+/).map(fromHex));
  });
}

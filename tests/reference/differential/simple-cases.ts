// p.adjust and power.t.test cases: no data file, the inputs are in the case itself.
import { P_ADJUST_METHODS } from '../../../analysis/index.ts';
import type { PAdjustCase, PowerCase } from './case-types.ts';
import { Draw } from './random-data.ts';

/** p-value vectors: random, tied, with NA, n = 1 and 2, long, extreme (0, 1, 1e-300), all equal. */
function pVectors(): [string, (number | null)[]][] {
  const draw = new Draw(5100);
  const random = (n: number, power: number) => Array.from({ length: n }, () => Number((draw.uniform() ** power).toFixed(8)));
  return [
    ['random-10', random(10, 2)],
    ['random-small-25', random(25, 6)],
    ['ties', [0.01, 0.02, 0.02, 0.05, 0.01, 0.2, 0.05, 0.02]],
    ['with-na', [0.04, null, 0.001, 0.3, null, 0.02, 0.7]],
    ['n-1', [0.03]],
    ['n-1-with-na', [null, 0.2, null]],
    ['n-2', [0.01, 0.04]],
    ['n-3', [0.04, 0.01, 0.03]],
    ['long-60', random(60, 3)],
    ['extremes', [0, 1, 1e-300, 0.5, 1e-10, 0.999999]],
    ['all-equal', [0.03, 0.03, 0.03, 0.03]],
  ];
}

/** Every method of R's p.adjust on every vector. */
export function pAdjustCases(): PAdjustCase[] {
  return pVectors().flatMap(([name, p]) =>
    P_ADJUST_METHODS.map((method): PAdjustCase => ({ kind: 'p_adjust', id: `p-adjust-${name}-${method}`, group: 'p-adjust', p, method })),
  );
}

type PowerInput = Omit<PowerCase, 'kind' | 'id' | 'group' | 'solve' | 'alpha' | 'strict'> & { alpha?: number; strict?: boolean };

/** power.t.test: power given n (negative effects too), n given power (below 2, above 1e7), the MDE; extremes. */
export function powerCases(): PowerCase[] {
  const cases: [string, PowerInput][] = [
    ['power-basic', { effect: 0.5, sd: 1, n: 50 }],
    ['power-negative', { effect: -0.5, sd: 1, n: 30 }],
    ['power-negative-small', { effect: -0.1, sd: 2, n: 200, alpha: 0.1 }],
    ['power-negative-strict', { effect: -0.3, sd: 1.2, n: 20, alpha: 0.01, strict: true }],
    ['power-strict', { effect: 0.3, sd: 1.2, n: 20, alpha: 0.01, strict: true }],
    ['power-tiny-effect', { effect: 0.001, sd: 1, n: 100 }],
    ['power-n-below-2', { effect: 3, sd: 1, n: 1.5 }],
    ['power-huge-n', { effect: 0.01, sd: 1, n: 2e6 }],
    ['power-large-ncp', { effect: 2, sd: 1, n: 800 }],
    ['power-alpha-0.001', { effect: 0.4, sd: 1, n: 120, alpha: 0.001 }],
    ['n-basic', { effect: 0.5, sd: 1, power: 0.8 }],
    ['n-negative', { effect: -0.25, sd: 1, power: 0.9 }],
    ['n-below-2', { effect: 10, sd: 1, power: 0.8 }],
    ['n-below-2-huge-effect', { effect: 100, sd: 1, power: 0.99 }],
    ['n-above-1e7', { effect: 0.001, sd: 1, power: 0.8 }],
    ['n-above-1e7-negative', { effect: -0.0005, sd: 1, power: 0.9 }],
    ['n-strict-alpha', { effect: 0.2, sd: 1.5, power: 0.95, alpha: 0.01, strict: true }],
    ['n-low-power', { effect: 0.3, sd: 1, power: 0.1 }],
    ['effect-basic', { n: 100, sd: 1, power: 0.8 }],
    ['effect-small-n', { n: 3, sd: 1, power: 0.8 }],
    ['effect-n-2e8', { n: 2e8, sd: 1, power: 0.8 }],
    ['effect-alpha-0.1', { n: 500, sd: 2.5, power: 0.9, alpha: 0.1 }],
    ['effect-high-power', { n: 1000, sd: 1, power: 0.999 }],
    ['effect-strict', { n: 15, sd: 1, power: 0.5, alpha: 0.05, strict: true }],
  ];
  return cases.map(([name, input]): PowerCase => {
    const solve = input.n === undefined ? 'n' : input.power === undefined ? 'power' : 'effect';
    return { kind: 'power', id: `power-${name}`, group: 'power', solve, ...input, alpha: input.alpha ?? 0.05, strict: input.strict ?? false };
  });
}

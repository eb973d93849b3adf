import { elementwise, matchArguments, type ModelFunction } from './model-function-arguments.ts';

/** f(x) of one argument x, element by element (NaN outside its domain, with R's "NaNs produced" warning). */
const unary = (f: (v: number) => number): ModelFunction => (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, f);

/**
 * R's trigonometric and hyperbolic functions (radians), which analysts type for cyclic terms (`sin(2 * pi * month / 12)`)
 * and squashing (`tanh(x)`); vlab refused them until 2026-12-05 ('unknown function "sin"', R trial 24).
 */
export const TRIG_FUNCTIONS: Readonly<Record<string, ModelFunction>> = {
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tan: unary(Math.tan),
  asin: unary(Math.asin),
  acos: unary(Math.acos),
  atan: unary(Math.atan),
  sinh: unary(Math.sinh),
  cosh: unary(Math.cosh),
  tanh: unary(Math.tanh),
  asinh: unary(Math.asinh),
  acosh: unary(Math.acosh),
  atanh: unary(Math.atanh),
};

import { AnalysisError } from '../errors.ts';
import { matchArguments, type Call, type ModelFunction } from './model-function-arguments.ts';
import { evaluate, numbers, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/**
 * Functions of the rows' order, which R computes over every row of the data in the order of the file (model.frame
 * evaluates before na.omit): seq_along(x) (the row number: a time trend) and cumsum(x) (missing from the first NA on,
 * as R). vlab refused both until 2026-12-05 ('unknown function "seq_along"', R trial 24).
 */
export const ROW_ORDER_FUNCTIONS: Readonly<Record<string, ModelFunction>> = {
  seq_along: seqAlong,
  cumsum,
};

function seqAlong(context: EvaluationContext, call: Call): Evaluated {
  const x = evaluate(context, matchArguments(context, call, ['along.with'])['along.with'] as Expr);
  if (x.kind === 'scalar' || x.kind === 'matrix') {
    throw new AnalysisError(context.fn, `${deparseR(call)} does not give one number per row (R: "variable lengths differ"); write seq_along of a column`);
  }
  return { kind: 'numeric', values: Float64Array.from({ length: context.table.length }, (_, i) => i + 1) };
}

/**
 * R's cumsum: a running sum, NA from the first missing value on. R accumulates in long double; the running sum here is
 * compensated (TwoSum), so each partial sum is rounded once, as R's in practice.
 */
function cumsum(context: EvaluationContext, call: Call): Evaluated {
  const x = numbers(context, matchArguments(context, call, ['x']).x as Expr, deparseR(call));
  if (x.kind === 'scalar') return x;
  const out = new Float64Array(x.values.length);
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < out.length; i++) {
    const v = x.values[i];
    const s = hi + v;
    if (!Number.isFinite(s)) {
      // Inf, -Inf or NaN (NA) from here on, as R's sum gives them; the compensation would turn Inf into NaN.
      hi = s;
      lo = 0;
      out[i] = s;
      continue;
    }
    const bb = s - hi;
    lo += hi - (s - bb) + (v - bb);
    hi = s;
    out[i] = hi + lo;
  }
  return { kind: 'numeric', values: out };
}

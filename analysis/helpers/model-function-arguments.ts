import { AnalysisError } from '../errors.ts';
import { evaluate, numbers, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/** A call in a formula, and a function of MODEL_FUNCTIONS that evaluates one over the data's rows. */
export type Call = Expr & { type: 'call' };
export type ModelFunction = (context: EvaluationContext, call: Call) => Evaluated;

/** Arguments by R's rules without partial names: exact names first, then the others in order. */
export function matchArguments(context: EvaluationContext, call: Call, formals: string[]): Record<string, Expr | undefined> {
  const matched: Record<string, Expr | undefined> = {};
  for (const [k, arg] of matchArgumentList(context, call, formals).entries()) matched[formals[k]] = arg?.value;
  if (matched[formals[0]] === undefined) throw new AnalysisError(context.fn, `${deparseR(call)}: argument "${formals[0]}" is missing`);
  return matched;
}

export function matchArgumentList(context: EvaluationContext, call: Call, formals: string[]): ({ value: Expr } | undefined)[] {
  const out: ({ value: Expr } | undefined)[] = formals.map(() => undefined);
  for (const arg of call.args) {
    if (arg.name === undefined) continue;
    const k = formals.indexOf(arg.name);
    if (k < 0) throw new AnalysisError(context.fn, `${deparseR(call)}: unsupported argument "${arg.name}" (supported: ${formals.join(', ')})`);
    out[k] = arg;
  }
  for (const arg of call.args) {
    if (arg.name !== undefined) continue;
    const k = out.indexOf(undefined);
    if (k < 0) throw new AnalysisError(context.fn, `${deparseR(call)}: too many arguments (supported: ${formals.join(', ')})`);
    out[k] = arg;
  }
  return out;
}

export function scalarArgument(context: EvaluationContext, call: Call, expr: Expr, name: string): number {
  const value = evaluate(context, expr);
  if (value.kind !== 'scalar') throw new AnalysisError(context.fn, `${deparseR(call)}: "${name}" must be a number`);
  return value.value;
}

/** T and F are R's TRUE and FALSE (raw = T) unless the data has a column of that name, which R would find first. */
export function isSpelledLogical(context: EvaluationContext, expr: Expr | undefined): expr is Expr & { type: 'name' } {
  return expr?.type === 'name' && (expr.name === 'T' || expr.name === 'F') && !context.table.column(expr.name);
}

export function logicalArgument(context: EvaluationContext, call: Call, expr: Expr | undefined, name: string, otherwise: boolean): boolean {
  if (expr === undefined) return otherwise;
  if (expr.type === 'logical') return expr.value;
  if (isSpelledLogical(context, expr)) return expr.name === 'T';
  throw new AnalysisError(context.fn, `${deparseR(call)}: "${name}" must be TRUE or FALSE`);
}

/**
 * f(x) element by element; a NaN from a value that was not NaN is counted in a warning, as R warns. Whether those rows
 * are dropped depends on what encloses the call (rank(log(u)) keeps them, as R), so the model frame finishes the
 * warning from `producedNaN`; without it the warning says only what R says.
 */
export function elementwise(context: EvaluationContext, call: Call, expr: Expr | undefined, f: (v: number) => number): Evaluated {
  const x = numbers(context, expr as Expr, deparseR(call));
  if (x.kind === 'scalar') return { kind: 'scalar', value: f(x.value) };
  const rows = new Uint8Array(x.values.length);
  let produced = 0;
  const values = x.values.map((v, i) => {
    const y = f(v);
    if (Number.isNaN(y) && !Number.isNaN(v)) {
      produced++;
      rows[i] = 1;
    }
    return y;
  });
  if (produced > 0) {
    const message = `${context.fn}: ${deparseR(call)} gives NaN for ${produced} row${produced === 1 ? '' : 's'} (R: "NaNs produced")`;
    // Warned at every evaluation (factor() of the call must see it to refuse), once in the model frame's warnings.
    const earlier = context.producedNaN?.get(message);
    if (earlier === undefined) context.producedNaN?.set(message, rows);
    else rows.forEach((r, i) => (earlier[i] |= r));
    context.warn(message);
  }
  return { kind: 'numeric', values };
}

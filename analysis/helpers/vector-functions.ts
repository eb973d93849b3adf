import { AnalysisError } from '../errors.ts';
import { recode } from './data.ts';
import { ifelse } from './ifelse-function.ts';
import { isNa } from './match-functions.ts';
import { CHARACTER_NAN, evaluateRefusingNaN, refuseNaNCells } from './nan-levels.ts';
import { elementwise, logicalArgument, matchArguments, scalarArgument, type Call, type ModelFunction } from './model-function-arguments.ts';
import { evaluate, numbers, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { readRNumber } from './parse-decimal.ts';
import { rRound, rSignif } from './r-arithmetic.ts';
import { formatRNumber } from './r-number.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/**
 * The vector functions an analyst types into a formula besides math: the round family, pmin/pmax, ifelse,
 * as.numeric/as.integer/as.character/as.logical, sign, droplevels and is.na, each as R computes it over all the data's
 * rows (model.frame evaluates before rows with missing values are dropped).
 */
export const VECTOR_FUNCTIONS: Readonly<Record<string, ModelFunction>> = {
  round: (context, call) => roundTo(context, call, 0, rRound),
  signif: (context, call) => roundTo(context, call, 6, rSignif),
  floor: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, Math.floor),
  ceiling: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, Math.ceil),
  trunc: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, Math.trunc),
  pmin: (context, call) => parallel(context, call, Math.min),
  pmax: (context, call) => parallel(context, call, Math.max),
  ifelse,
  'as.numeric': (context, call) => asNumber(context, call, false),
  'as.double': (context, call) => asNumber(context, call, false),
  'as.integer': (context, call) => asNumber(context, call, true),
  'as.character': asCharacter,
  'as.logical': asLogical,
  // sign(-0) is 0 in R.
  sign: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, (v) => Math.sign(v) + 0),
  droplevels,
  'is.na': isNa,
};

/** round(x, digits = 0) and signif(x, digits = 6): digits one number, as analysts write it. */
function roundTo(context: EvaluationContext, call: Call, otherwise: number, f: (x: number, digits: number) => number): Evaluated {
  const args = matchArguments(context, call, ['x', 'digits']);
  const digits = args.digits ? scalarArgument(context, call, args.digits, 'digits') : otherwise;
  return elementwise(context, call, args.x, (v) => f(v, digits));
}

/** pmin(…) and pmax(…) of numbers, row by row; NA where any is NA unless na.rm = TRUE, as R. */
function parallel(context: EvaluationContext, call: Call, f: (a: number, b: number) => number): Evaluated {
  const naRm = call.args.find((a) => a.name === 'na.rm');
  const rest = call.args.filter((a) => a !== naRm);
  const named = rest.find((a) => a.name !== undefined);
  if (named) throw new AnalysisError(context.fn, `${deparseR(call)}: unsupported argument "${named.name}" (supported: ..., na.rm)`);
  if (rest.length === 0) throw new AnalysisError(context.fn, `${deparseR(call)}: no arguments`);
  const dropNA = logicalArgument(context, call, naRm?.value, 'na.rm', false);
  const operands = rest.map((a) => numbers(context, a.value, deparseR(call)));
  const at = (i: number): number[] => operands.map((o) => (o.kind === 'scalar' ? o.value : o.values[i]));
  const combine = (values: number[]): number => {
    const present = dropNA ? values.filter((v) => !Number.isNaN(v)) : values;
    return present.length === 0 ? NaN : present.some(Number.isNaN) ? NaN : present.reduce((a, b) => f(a, b));
  };
  if (operands.every((o) => o.kind === 'scalar')) return { kind: 'scalar', value: combine(at(0)) };
  return { kind: 'numeric', values: Float64Array.from({ length: context.table.length }, (_, i) => combine(at(i))) };
}

/**
 * as.numeric(x) and as.integer(x) (toward zero; NA beyond ±2147483647): of numbers or TRUE/FALSE their values, of a
 * factor its codes 1..L (R's as.numeric(factor(k)) counts levels, it does not read them), of text the numbers
 * written (NA, with a warning, where none is).
 */
function asNumber(context: EvaluationContext, call: Call, integer: boolean): Evaluated {
  const x = evaluate(context, matchArguments(context, call, ['x']).x as Expr);
  const label = deparseR(call);
  if (x.kind === 'matrix') throw new AnalysisError(context.fn, `cannot compute ${label}: its argument is a matrix`);
  let values: Float64Array | number;
  if (x.kind === 'scalar') values = x.value;
  else if (x.kind === 'numeric' || x.kind === 'logical') values = x.values;
  else if (x.kind === 'factor') values = Float64Array.from(x.codes, (c) => (c < 0 ? NaN : c + 1));
  else {
    const read = x.labels.map((text) => readRNumber(text) ?? NaN);
    const unread = x.labels.filter((_, k) => Number.isNaN(read[k]) && !/^\s*NaN\s*$/.test(x.labels[k]));
    const shown = unread.slice(0, 3).map((t) => JSON.stringify(t)).join(', ');
    if (unread.length > 0) context.warn(`${context.fn}: ${label}: text that is no number (${shown}) is NA and its rows are dropped (R: "NAs introduced by coercion")`);
    if (unread.length > 0) context.madeMissing?.push(coercedToNA(label, shown, unread.length === x.labels.length));
    values = Float64Array.from(x.codes, (c) => (c < 0 ? NaN : read[c]));
  }
  const toInteger = (v: number): number => (Math.abs(v) < 2147483648 ? Math.trunc(v) + 0 : NaN);
  if (typeof values === 'number') return { kind: 'scalar', value: integer ? toInteger(values) : values };
  return { kind: 'numeric', values: integer ? values.map(toInteger) : values };
}

/**
 * Why as.numeric() of text left rows missing, for the refusal when none is left: R coerces it to NA too (and then lm
 * stops: "0 (non-NA) cases"; lm_robust returns NA for every coefficient), and the levels' codes are another call.
 */
function coercedToNA(label: string, shown: string, every: boolean): string {
  const codes = label.replace(/^(as\.(?:numeric|integer)\()(.*)\)$/s, '$1factor($2))');
  return `${label} is NA ${every ? 'on every row' : 'where the text is no number'}: R's ${label.slice(0, label.indexOf('('))}() coerces text that is no number (${shown}) to NA with the warning "NAs introduced by coercion"; for the codes of its sorted values write ${codes}`;
}

/** as.character(x): a text variable (a factor in the model with its levels sorted as text: "1" < "10" < "2"). */
function asCharacter(context: EvaluationContext, call: Call): Evaluated {
  const arg = matchArguments(context, call, ['x']).x as Expr;
  refuseNaNCells(context, arg, deparseR(call), CHARACTER_NAN);
  const x = evaluateRefusingNaN(context, arg, deparseR(call), CHARACTER_NAN);
  if (x.kind === 'character') return x;
  if (x.kind === 'factor') return { kind: 'character', labels: x.levels, codes: x.codes };
  if (x.kind === 'scalar' || x.kind === 'matrix') throw new AnalysisError(context.fn, `${deparseR(call)}: x must be a column`);
  const distinct = [...new Set(x.values)].filter((v) => !Number.isNaN(v));
  const labels = distinct.map((v) => (x.kind === 'logical' ? (v === 1 ? 'TRUE' : 'FALSE') : formatRNumber(v)));
  const index = new Map(distinct.map((v, k) => [v, k]));
  return { kind: 'character', labels, codes: Int32Array.from(x.values, (v) => index.get(v) ?? -1) };
}

/**
 * as.logical(x): a number is TRUE unless 0; text "TRUE", "true", "True", "T" (and the FALSE spellings) as R reads
 * them, anything else NA (its rows dropped); a factor by its levels' text, as R.
 */
function asLogical(context: EvaluationContext, call: Call): Evaluated {
  const x = evaluate(context, matchArguments(context, call, ['x']).x as Expr);
  if (x.kind === 'matrix') throw new AnalysisError(context.fn, `${deparseR(call)}: x must be a column`);
  if (x.kind === 'scalar') return { kind: 'scalar', value: Number.isNaN(x.value) ? NaN : x.value !== 0 ? 1 : 0 };
  if (x.kind === 'numeric' || x.kind === 'logical') return { kind: 'logical', values: x.values.map((v) => (Number.isNaN(v) ? NaN : v !== 0 ? 1 : 0)) };
  const read = (x.kind === 'factor' ? x.levels : x.labels).map((t) => (/^(?:TRUE|true|True|T)$/.test(t) ? 1 : /^(?:FALSE|false|False|F)$/.test(t) ? 0 : NaN));
  return { kind: 'logical', values: Float64Array.from(x.codes, (c) => (c < 0 ? NaN : read[c])) };
}

/** droplevels(f): the factor without its unused levels (R has no droplevels for text or numbers). */
function droplevels(context: EvaluationContext, call: Call): Evaluated {
  const x = evaluate(context, matchArguments(context, call, ['x']).x as Expr);
  if (x.kind !== 'factor') throw new AnalysisError(context.fn, `${deparseR(call)}: x must be a factor (R has no droplevels for other values), as droplevels(factor(x))`);
  const used = new Set(x.codes);
  const levels = x.levels.filter((_, k) => used.has(k));
  return { ...x, levels, codes: recode(x.codes, Int32Array.from(x.levels, (l) => levels.indexOf(l))) };
}

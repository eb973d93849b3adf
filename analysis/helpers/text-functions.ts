import { AnalysisError } from '../errors.ts';
import { CHARACTER_NAN, evaluateRefusingNaN, refuseNaNCells } from './nan-levels.ts';
import { matchArguments, type Call, type ModelFunction } from './model-function-arguments.ts';
import type { Evaluated, EvaluationContext } from './model-variables.ts';
import { formatRNumber } from './r-number.ts';
import { lowerCaseR, upperCaseR } from './simple-case.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/**
 * R's text functions analysts type to clean or combine labels in a formula — tolower, toupper, trimws, nchar, paste and
 * paste0 — over every row of the data; a text result is a factor in the model (levels sorted as text, as R's C locale).
 * vlab refused them until 2026-12-05 ('unknown function "paste"', R trial 24).
 */
export const TEXT_FUNCTIONS: Readonly<Record<string, ModelFunction>> = {
  tolower: (context, call) => mapText(context, call, lowerCaseR),
  toupper: (context, call) => mapText(context, call, upperCaseR),
  trimws,
  nchar,
  paste: (context, call) => paste(context, call, ' '),
  paste0: (context, call) => paste(context, call, ''),
};

/** x as R's as.character sees it, row by row (null where missing); a number or string is one value for every row. */
function textValues(context: EvaluationContext, call: Call, expr: Expr): (string | null)[] | string | null {
  if (expr.type === 'string') return expr.value;
  refuseNaNCells(context, expr, deparseR(call), CHARACTER_NAN);
  const x: Evaluated = evaluateRefusingNaN(context, expr, deparseR(call), CHARACTER_NAN);
  const number = (v: number, logical: boolean): string | null => (Number.isNaN(v) ? null : logical ? (v === 1 ? 'TRUE' : 'FALSE') : formatRNumber(v));
  switch (x.kind) {
    case 'scalar':
      return number(x.value, false);
    case 'matrix':
      throw new AnalysisError(context.fn, `${deparseR(call)}: ${deparseR(expr)} must be a column`);
    case 'numeric':
    case 'logical':
      return Array.from(x.values, (v) => number(v, x.kind === 'logical'));
    case 'factor':
      return Array.from(x.codes, (c) => (c < 0 ? null : x.levels[c]));
    case 'character':
      return Array.from(x.codes, (c) => (c < 0 ? null : x.labels[c]));
  }
}

/** Text of every row as a character variable: labels in order of appearance, −1 where missing. */
function characterColumn(rows: (string | null)[]): Evaluated {
  const index = new Map<string, number>();
  const codes = Int32Array.from(rows, (t) => {
    if (t === null) return -1;
    if (!index.has(t)) index.set(t, index.size);
    return index.get(t) as number;
  });
  return { kind: 'character', labels: [...index.keys()], codes };
}

function columnOf(context: EvaluationContext, call: Call, expr: Expr): (string | null)[] {
  const values = textValues(context, call, expr);
  if (values === null || typeof values === 'string') throw new AnalysisError(context.fn, `${deparseR(call)}: x must be a column`);
  return values;
}

function mapText(context: EvaluationContext, call: Call, f: (text: string) => string): Evaluated {
  const x = columnOf(context, call, matchArguments(context, call, ['x']).x as Expr);
  return characterColumn(x.map((t) => (t === null ? null : f(t))));
}

/** trimws(x, which = "both"): R's whitespace [ \t\r\n] from both ends, the left or the right. */
function trimws(context: EvaluationContext, call: Call): Evaluated {
  const args = matchArguments(context, call, ['x', 'which']);
  const which = args.which === undefined ? 'both' : args.which.type === 'string' ? args.which.value : '';
  const patterns: Record<string, RegExp> = { both: /^[ \t\r\n]+|[ \t\r\n]+$/g, left: /^[ \t\r\n]+/, right: /[ \t\r\n]+$/ };
  if (!Object.hasOwn(patterns, which)) throw new AnalysisError(context.fn, `${deparseR(call)}: "which" must be "both", "left" or "right"`);
  const x = columnOf(context, call, args.x as Expr);
  return characterColumn(x.map((t) => (t === null ? null : t.replace(patterns[which], ''))));
}

/** nchar(x): the number of characters (code points) of each value, NA where x is missing (R's type = "chars"). */
function nchar(context: EvaluationContext, call: Call): Evaluated {
  const x = columnOf(context, call, matchArguments(context, call, ['x']).x as Expr);
  return { kind: 'numeric', values: Float64Array.from(x, (t) => (t === null ? NaN : Array.from(t).length)) };
}

/**
 * paste(…, sep = " ") and paste0(…): the values of every row joined; a missing value is the text "NA", as R pastes it
 * (so the row stays). collapse would give one string for all rows: refused, as R's model.frame stops on it.
 */
function paste(context: EvaluationContext, call: Call, defaultSep: string): Evaluated {
  if (call.args.some((a) => a.name === 'collapse')) {
    throw new AnalysisError(context.fn, `${deparseR(call)} is one value, not one per row (R: "variable lengths differ"); leave out collapse`);
  }
  const sepArg = call.args.find((a) => a.name === 'sep');
  const named = call.args.find((a) => a.name !== undefined && (a.name !== 'sep' || defaultSep === ''));
  if (named) throw new AnalysisError(context.fn, `${deparseR(call)}: unsupported argument "${named.name}" (supported: ...${defaultSep === '' ? '' : ', sep'})`);
  if (sepArg && sepArg.value.type !== 'string') throw new AnalysisError(context.fn, `${deparseR(call)}: sep must be a string`);
  const sep = sepArg && sepArg.value.type === 'string' ? sepArg.value.value : defaultSep;
  const parts = call.args.filter((a) => a.name === undefined).map((a) => textValues(context, call, a.value));
  if (!parts.some(Array.isArray)) throw new AnalysisError(context.fn, `${deparseR(call)} is one value, not one per row (R: "variable lengths differ")`);
  const rows = Array.from({ length: context.table.length }, (_, i) =>
    parts.map((p) => (Array.isArray(p) ? p[i] : p) ?? 'NA').join(sep),
  );
  return characterColumn(rows);
}

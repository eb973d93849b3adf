import { AnalysisError } from '../errors.ts';
import { recode } from './data.ts';
import { logicalArgument, type Call } from './model-function-arguments.ts';
import { MODEL_FUNCTIONS } from './model-functions.ts';
import { evaluate, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/**
 * R's interaction(f1, f2, …, sep = ".", drop = FALSE, lex.order = FALSE): one factor of the combinations, built as R
 * builds it, from the last factor to the first: by default the FIRST factor varies fastest (levels a1.b1, a2.b1,
 * a1.b2, …), with lex.order = TRUE the last (a1.b1, a1.b2, …). Each argument is made a factor as as.factor() makes it
 * (levels sorted; a factor's own levels kept). Combinations that print alike ("a.b" + "c" and "a" + "b.c", or any
 * with sep = "") are one level, at the first's place, as R merges them; drop = TRUE keeps only combinations present.
 *
 * @example interaction(context, parseR(fail, 'interaction(a, b)')) // levels ['u.p', 'v.p', 'u.q', …]
 */
export function interaction(context: EvaluationContext, call: Call): Evaluated {
  const label = deparseR(call);
  const option = (name: string): Expr | undefined => call.args.find((a) => a.name === name)?.value;
  const named = call.args.find((a) => a.name !== undefined && !['sep', 'drop', 'lex.order'].includes(a.name));
  if (named) throw new AnalysisError(context.fn, `${label}: unsupported argument "${named.name}" (supported: ..., sep, drop, lex.order)`);
  const lexOrder = logicalArgument(context, call, option('lex.order'), 'lex.order', false);
  const sepExpr = option('sep');
  if (sepExpr && sepExpr.type !== 'string') throw new AnalysisError(context.fn, `${label}: "sep" must be a string`);
  const sep = sepExpr?.type === 'string' ? sepExpr.value : '.';
  const drop = logicalArgument(context, call, option('drop'), 'drop', false);
  const factors = call.args.filter((a) => a.name === undefined).map((a) => asFactor(context, a.value, drop));
  if (factors.length === 0) throw new AnalysisError(context.fn, `${label}: no factors specified`);
  let { levels, codes } = factors[factors.length - 1];
  for (const next of factors.slice(0, -1).reverse()) {
    const [width, count] = [levels.length, next.levels.length];
    const old = levels;
    levels = lexOrder ? next.levels.flatMap((a) => old.map((b) => `${a}${sep}${b}`)) : old.flatMap((b) => next.levels.map((a) => `${a}${sep}${b}`));
    codes = codes.map((c, i) => (c < 0 || next.codes[i] < 0 ? -1 : lexOrder ? c + width * next.codes[i] : c * count + next.codes[i]));
    ({ levels, codes } = mergeAlike({ levels, codes }));
    if (drop) ({ levels, codes } = dropUnused({ levels, codes }));
  }
  return { kind: 'factor', levels, codes };
}

/** Levels that print alike become one, at the first one's place (R's "fix them up" loop in interaction()). */
function mergeAlike(factor: { levels: string[]; codes: Int32Array }): { levels: string[]; codes: Int32Array } {
  const levels = [...new Set(factor.levels)];
  if (levels.length === factor.levels.length) return factor;
  return { levels, codes: recode(factor.codes, Int32Array.from(factor.levels, (l) => levels.indexOf(l))) };
}

/** The levels some row has, in their order, and the codes into them. */
function dropUnused(factor: { levels: string[]; codes: Int32Array }): { levels: string[]; codes: Int32Array } {
  const used = [...new Set(factor.codes)].filter((c) => c >= 0).sort((a, b) => a - b);
  const to = new Map(used.map((c, k) => [c, k]));
  return { levels: used.map((c) => factor.levels[c]), codes: factor.codes.map((c) => to.get(c) ?? -1) };
}

/** as.factor(x)[, drop = drop]: a factor as it is (unused levels dropped if asked), anything else by factor(x). */
function asFactor(context: EvaluationContext, expr: Expr, drop: boolean): { levels: string[]; codes: Int32Array } {
  const value = evaluate(context, expr);
  const factor = value.kind === 'factor' ? value : MODEL_FUNCTIONS.factor(context, { type: 'call', fn: 'factor', args: [{ value: expr }] });
  if (factor.kind !== 'factor') throw new AnalysisError(context.fn, `${deparseR(expr)} cannot be made a factor`);
  return drop && value.kind === 'factor' ? dropUnused(factor) : factor;
}

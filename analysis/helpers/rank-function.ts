import { AnalysisError } from '../errors.ts';
import { matchArg } from './match-arg.ts';
import { isSpelledLogical, logicalArgument, matchArguments, type Call } from './model-function-arguments.ts';
import { characterFactor, evaluate, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { deparseR, type Expr } from './r-syntax.ts';

const TIES = ['average', 'first', 'last', 'random', 'max', 'min'] as const;
type Ties = Exclude<(typeof TIES)[number], 'random'>;
/** rank()'s na.last: TRUE (missing values take the last ranks), FALSE (the first), 'keep' (stay NA), or NA (removed). */
type NaLast = boolean | 'keep' | 'remove';

/**
 * R's rank(x, na.last = TRUE, ties.method = "average") over every row of the data, as model.frame evaluates it before
 * na.omit. A missing x is no missing rank: with na.last = TRUE (R's default) the missing values take the ranks after
 * the others, in the order of their rows (`rank(c(2, NA, 1))` is 2 3 1), so `y ~ rank(x)` keeps the rows where x is
 * NA while `y ~ x + rank(x)` drops them for x; rows dropped for a missing outcome still count in the ranks of the
 * others. A factor is ranked by its codes and text by its sorted levels (code-point order, with the level-order
 * warning), as R's rank() does in the C locale. ties.method "random" draws from R's RNG and is refused; na.last = NA
 * removes the missing values, so the variable is shorter than the data and R's model.frame stops, as vlab does.
 *
 * @example rank(context, parseR(fail, 'rank(x)')) // x = 2, NA, 1: { kind: 'numeric', values: [2, 3, 1] }
 */
export function rank(context: EvaluationContext, call: Call): Evaluated {
  const args = matchArguments(context, call, ['x', 'na.last', 'ties.method']);
  const label = deparseR(call);
  const ties = tiesMethod(context, call, args['ties.method']);
  const naLast = naLastArgument(context, call, args['na.last']);
  const values = rankedValues(context, label, args.x as Expr);
  if (typeof values === 'number') return { kind: 'scalar', value: Number.isNaN(values) && naLast === 'keep' ? NaN : 1 };
  const missing = values.reduce((count, v) => count + (Number.isNaN(v) ? 1 : 0), 0);
  if (naLast === 'remove' && missing > 0) {
    throw new AnalysisError(context.fn, `${label} leaves out the ${missing} missing value${missing === 1 ? '' : 's'} of x, so it has fewer values than the data has rows (R: "variable lengths differ"); leave na.last out (missing values take the last ranks) or write na.last = "keep" (their rows are dropped)`);
  }
  return { kind: 'numeric', values: ranks(values, ties, naLast, missing) };
}

/** x as the numbers R ranks: numbers, TRUE/FALSE as 1/0, a factor's codes, text by its sorted levels. */
function rankedValues(context: EvaluationContext, label: string, expr: Expr): Float64Array | number {
  const x = evaluate(context, expr);
  switch (x.kind) {
    case 'scalar':
      return x.value;
    case 'numeric':
    case 'logical':
      return x.values;
    case 'matrix':
      throw new AnalysisError(context.fn, `${label}: x must be a column`);
    case 'factor':
      return Float64Array.from(x.codes, (c) => (c < 0 ? NaN : c));
    case 'character': {
      const codes = characterFactor(context, x, deparseR(expr)).codes;
      return Float64Array.from(codes, (c) => (c < 0 ? NaN : c));
    }
  }
}

/** ties.method by match.arg (an abbreviation R accepts: "av", "mi"); "random" refused in words. */
function tiesMethod(context: EvaluationContext, call: Call, expr: Expr | undefined): Ties {
  if (expr === undefined) return 'average';
  const choice = expr.type === 'string' ? matchArg(expr.value, TIES) : undefined;
  if (choice === 'random') {
    throw new AnalysisError(context.fn, `${deparseR(call)}: ties.method "random" breaks ties by R's random numbers (runif), so the fit changes with the seed; write ties.method = "first", "min", "max" or leave it out ("average")`);
  }
  if (choice === undefined) throw new AnalysisError(context.fn, `${deparseR(call)}: "ties.method" should be one of ${TIES.map((t) => `"${t}"`).join(', ')} (as R's match.arg says)`);
  return choice;
}

function naLastArgument(context: EvaluationContext, call: Call, expr: Expr | undefined): NaLast {
  if (expr?.type === 'na') return 'remove';
  if (expr?.type === 'string' && expr.value === 'keep') return 'keep';
  if (expr === undefined || expr.type === 'logical' || isSpelledLogical(context, expr)) return logicalArgument(context, call, expr, 'na.last', true);
  throw new AnalysisError(context.fn, `${deparseR(call)}: "na.last" must be TRUE, FALSE, NA or "keep"`);
}

/**
 * The ranks of the values present (ties as `ties`: their mean rank, the lowest, the highest, in row order, or in
 * reverse row order), then of the missing ones as `naLast` says.
 */
function ranks(values: Float64Array, ties: Ties, naLast: NaLast, missing: number): Float64Array {
  const present: number[] = [];
  const absent: number[] = [];
  values.forEach((v, i) => (Number.isNaN(v) ? absent : present).push(i));
  // A stable sort by value: tied rows stay in row order, which "first" and "last" need.
  present.sort((i, j) => values[i] - values[j] || i - j);
  const out = new Float64Array(values.length);
  const shift = naLast === false ? missing : 0;
  for (let start = 0; start < present.length; ) {
    let end = start;
    while (end + 1 < present.length && values[present[end + 1]] === values[present[start]]) end++;
    for (let p = start; p <= end; p++) out[present[p]] = shift + tiedRank(ties, start, end, p);
    start = end + 1;
  }
  absent.forEach((i, k) => (out[i] = naLast === 'keep' ? NaN : naLast === false ? k + 1 : present.length + k + 1));
  return out;
}

/** The rank (1-based) of the value at sorted position p among ties at positions start..end. */
function tiedRank(ties: Ties, start: number, end: number, p: number): number {
  switch (ties) {
    case 'average':
      return (start + end + 2) / 2;
    case 'min':
      return start + 1;
    case 'max':
      return end + 1;
    case 'first':
      return p + 1;
    case 'last':
      return start + end - p + 1;
  }
}

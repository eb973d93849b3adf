import { AnalysisError } from '../errors.ts';
import { expR } from './correctly-rounded-exp.ts';
import { logR } from './correctly-rounded-log.ts';
import { log10R, log2R } from './correctly-rounded-log-bases.ts';
import { cut } from './cut-function.ts';
import { interaction } from './interaction-function.ts';
import { VECTOR_VALUED_FUNCTIONS } from './number-vectors.ts';
import { SUMMARY_FUNCTIONS } from './summary-functions.ts';
import { VECTOR_FUNCTIONS } from './vector-functions.ts';
import { recode } from './data.ts';
import { meanAsR, sumAsR } from './mean.ts';
import { characterFactor, evaluate, numbers, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { polynomialColumns } from './poly.ts';
import { rank } from './rank-function.ts';
import { ROW_ORDER_FUNCTIONS } from './row-order-functions.ts';
import { xor } from './logical-operators.ts';
import { gammaR, lgammaR } from './gamma-function.ts';
import { ROW_SUMMARIES } from './row-sums.ts';
import { COLUMN_AS_VECTOR } from './column-as-vector.ts';
import { TEXT_FUNCTIONS } from './text-functions.ts';
import { TRIG_FUNCTIONS } from './trig-functions.ts';
import { labelledLevels } from './factor-labels.ts';
import { evaluateRefusingNaN, FACTOR_NAN, refuseNaNCells } from './nan-levels.ts';
import { formatRNumber } from './r-number.ts';
import { deparseR, type Expr } from './r-syntax.ts';
import { elementwise, isSpelledLogical, logicalArgument, matchArguments, scalarArgument, type Call, type ModelFunction } from './model-function-arguments.ts';


/**
 * The R functions a formula may use, each as R computes it over the data's rows (before rows with missing
 * values are dropped, as model.frame evaluates): math, `I()`, `scale()`, orthogonal `poly()`, `factor()`,
 * `relevel()`, `interaction()`, `cut()`, `rank()`, the vector functions (round, ifelse, pmin, as.numeric, …), the summaries
 * (mean, median, min, max, sd, var, sum, length, weighted.mean), rev(), seq(), quantile(), range() (cut()'s breaks), the
 * trigonometric and hyperbolic functions, seq_along(), cumsum(), the text functions (paste, tolower, trimws, nchar, …),
 * gamma(), lgamma(), factorial(), rowSums()/rowMeans() of cbind(), and as.vector() and c() of one column.
 * `offset()` is the formula's own and handled by the model frame.
 */
export const MODEL_FUNCTIONS: Readonly<Record<string, ModelFunction>> = {
  I: (context, call) => evaluate(context, matchArguments(context, call, ['x']).x as Expr),
  log: (context, call) => {
    const args = matchArguments(context, call, ['x', 'base']);
    // R's log and exp are glibc's, correctly rounded nearly always; V8's are an ulp off for a few per cent of x (logR, expR).
    if (!args.base) return elementwise(context, call, args.x, logR);
    const base = scalarArgument(context, call, args.base, 'base');
    // R's logbase (arithmetic.c): log10 and log2 for those bases, not the quotient, which is an ulp off for many x
    // (log(1000) / log(10) = 2.9999999999999996) — enough to change which of two collinear columns is aliased.
    if (base === 10) return elementwise(context, call, args.x, log10R);
    if (base === 2) return elementwise(context, call, args.x, log2R);
    const divisor = logR(base);
    return elementwise(context, call, args.x, (v) => logR(v) / divisor);
  },
  log2: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, log2R),
  log10: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, log10R),
  log1p: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, Math.log1p),
  exp: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, expR),
  expm1: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, Math.expm1),
  sqrt: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, Math.sqrt),
  abs: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, Math.abs),
  gamma: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, gammaR),
  lgamma: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, lgammaR),
  // R's factorial is function(x) gamma(x + 1): 3.5! is Γ(4.5), and NaN (with a warning) at the negative integers.
  factorial: (context, call) => elementwise(context, call, matchArguments(context, call, ['x']).x, (v) => gammaR(v + 1)),
  scale,
  poly,
  factor: (context, call) => factor(context, call, false),
  'as.factor': (context, call) => {
    matchArguments(context, call, ['x']);
    return factor(context, call, false);
  },
  // ordered(x, levels) is factor(x, levels, ordered = TRUE): polynomial contrasts (contr.poly) in the model matrix.
  ordered: (context, call) => factor(context, call, true),
  'as.ordered': (context, call) => {
    matchArguments(context, call, ['x']);
    return factor(context, call, true);
  },
  relevel,
  interaction,
  cut,
  rank,
  ...VECTOR_FUNCTIONS,
  ...SUMMARY_FUNCTIONS,
  ...VECTOR_VALUED_FUNCTIONS,
  ...TRIG_FUNCTIONS,
  ...ROW_ORDER_FUNCTIONS,
  ...TEXT_FUNCTIONS,
  xor,
  ...ROW_SUMMARIES,
  ...COLUMN_AS_VECTOR,
};

/**
 * R's scale(x, center, scale) of one column: minus the mean (or the number given as center), divided by the SD (root
 * mean square if uncentred; or the number given as scale).
 */
function scale(context: EvaluationContext, call: Call): Evaluated {
  const args = matchArguments(context, call, ['x', 'center', 'scale']);
  const x = numbers(context, args.x as Expr, deparseR(call));
  if (x.kind === 'scalar') throw new AnalysisError(context.fn, `${deparseR(call)}: x must be a variable`);
  const center = logicalOrNumber(context, call, args.center, 'center');
  const scaled = logicalOrNumber(context, call, args.scale, 'scale');
  // R's scale.default: colMeans and sum() accumulate in long double (meanAsR and sumAsR round as they do), so the
  // columns have R's last bits, which can decide which of two collinear columns is aliased.
  let values = x.values;
  if (center !== false) {
    const mean = center === true ? meanAsR(values.filter((v) => !Number.isNaN(v))) : center;
    values = values.map((v) => v - mean);
  }
  if (scaled !== false) {
    const present = values.filter((v) => !Number.isNaN(v));
    const sd = scaled === true ? Math.sqrt(sumAsR(present.map((v) => v * v)) / Math.max(1, present.length - 1)) : scaled;
    values = values.map((v) => v / sd);
  }
  return { kind: 'numeric', values };
}

/** scale()'s center and scale: TRUE (the default), FALSE, or one number (R also takes one per column). */
function logicalOrNumber(context: EvaluationContext, call: Call, expr: Expr | undefined, name: string): boolean | number {
  if (expr === undefined || expr.type === 'logical' || isSpelledLogical(context, expr)) return logicalArgument(context, call, expr, name, true);
  const value = evaluate(context, expr);
  // A column (center = x) is refused as R refuses it; the message names both kinds of value allowed.
  if (value.kind !== 'scalar') throw new AnalysisError(context.fn, `${deparseR(call)}: "${name}" must be TRUE, FALSE or one number`);
  return value.value;
}

/** R's poly(x, degree, raw): columns named 1..degree, so terms read `poly(x, 2)1`. */
function poly(context: EvaluationContext, call: Call): Evaluated {
  const args = matchArguments(context, call, ['x', 'degree', 'raw']);
  const label = deparseR(call);
  const x = numbers(context, args.x as Expr, label);
  if (x.kind === 'scalar') throw new AnalysisError(context.fn, `${label}: x must be a variable`);
  const degree = args.degree ? scalarArgument(context, call, args.degree, 'degree') : 1;
  if (!(Number.isInteger(degree) && degree >= 1)) throw new AnalysisError(context.fn, `${label}: "degree" must be a positive integer`);
  const raw = logicalArgument(context, call, args.raw, 'raw', false);
  // R refuses missing values only in the orthogonal branch; raw powers of NA are NA, and na.omit drops the row.
  if (!raw && x.values.some(Number.isNaN)) throw new AnalysisError(context.fn, `${label}: missing values are not allowed in 'poly' (as in R)`);
  if (!raw && degree >= new Set(x.values).size) throw new AnalysisError(context.fn, `${label}: 'degree' must be less than number of unique points`);
  return { kind: 'matrix', columns: polynomialColumns(x.values, degree, raw), names: Array.from({ length: degree }, (_, j) => String(j + 1)) };
}

/**
 * R's factor(x), factor(x, levels = c(...)) and factor(x, ordered = TRUE) (`ordered`: ordered() and as.ordered()):
 * levels sorted (numbers by value), unused ones dropped. An ordered factor of an ordered one stays ordered, as R's
 * default `ordered = is.ordered(x)`.
 */
function factor(context: EvaluationContext, call: Call, ordered: boolean): Evaluated {
  const args = matchArguments(context, call, ['x', 'levels', 'labels', 'exclude', 'ordered']);
  const label = deparseR(call);
  refuseNaNCells(context, args.x as Expr, label, FACTOR_NAN);
  const x = evaluateRefusingNaN(context, args.x as Expr, label, FACTOR_NAN);
  if (args.exclude) throw new AnalysisError(context.fn, `${label}: unsupported argument "exclude" (supported: x, levels, labels, ordered); a missing value drops its row, as lm_robust's na.omit does`);
  if (x.kind === 'scalar' || x.kind === 'matrix') throw new AnalysisError(context.fn, `${label}: x must be a column`);
  const isOrdered = ordered || logicalArgument(context, call, args.ordered, 'ordered', x.kind === 'factor' && x.ordered === true);
  // Each value's label, and the sorted labels of the values present.
  let labels: string[];
  let codes: Int32Array;
  let sorted: () => string[];
  if (x.kind === 'character') {
    ({ labels, codes } = x);
    sorted = () => characterFactor(context, x, deparseR(args.x as Expr)).levels;
  } else if (x.kind === 'factor') {
    ({ levels: labels, codes } = x);
    const used = new Set(codes);
    sorted = () => labels.filter((_, k) => used.has(k));
  } else {
    const distinct = [...new Set(x.values)].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    labels = distinct.map((v) => (x.kind === 'logical' ? (v === 1 ? 'TRUE' : 'FALSE') : formatRNumber(v)));
    const index = new Map(distinct.map((v, k) => [v, k]));
    codes = Int32Array.from(x.values, (v) => index.get(v) ?? -1);
    sorted = () => labels;
  }
  let levels = args.levels ? literalLevels(context, call, args.levels) : sorted();
  // Declared levels must be distinct (R stops); sorted ones may print alike (0.3 and 0.30000000000000004: one level).
  const twice = args.levels ? levels.findIndex((level, k) => levels.indexOf(level) !== k) : -1;
  if (twice >= 0) throw new AnalysisError(context.fn, `${label}: factor level [${twice + 1}] is duplicated (as R says)`);
  const position = new Map(levels.map((level, k) => [level, k]));
  let recoded = recode(codes, Int32Array.from(labels, (l) => position.get(l) ?? -1));
  if (args.labels) ({ levels, codes: recoded } = labelledLevels(context.fn, label, levels, recoded, literalLevels(context, call, args.labels)));
  return isOrdered ? { kind: 'factor', levels, codes: recoded, ordered: true } : { kind: 'factor', levels, codes: recoded };
}

/**
 * The labels of `levels = c(...)` as R's factor() matches them (as.character of the vector): strings, TRUE/FALSE, and
 * numbers, also written as arithmetic on numbers — c(-1, 2), c(1e3, -0.5) — which R evaluates before matching.
 */
function literalLevels(context: EvaluationContext, call: Call, expr: Expr): string[] {
  const items = expr.type === 'call' && expr.fn === 'c' ? expr.args.map((a) => a.value) : [expr];
  return items.flatMap((item) => {
    if (item.type === 'string') return [item.value];
    if (item.type === 'logical') return [item.value ? 'TRUE' : 'FALSE'];
    if (item.type === 'call' && item.fn === ':' && item.args.length === 2) return sequence(context, call, item.args[0].value, item.args[1].value);
    const value = item.type === 'name' ? undefined : evaluate(context, item);
    if (value?.kind === 'scalar') return [formatRNumber(value.value)];
    throw new AnalysisError(context.fn, `${deparseR(call)}: levels must be strings or numbers, as c("a", "b")`);
  });
}

/** R's from:to (levels = 5:1): from, from ± 1, … while not past to. */
function sequence(context: EvaluationContext, call: Call, fromExpr: Expr, toExpr: Expr): string[] {
  const [from, to] = [scalarArgument(context, call, fromExpr, 'levels'), scalarArgument(context, call, toExpr, 'levels')];
  const count = Math.floor(Math.abs(to - from) + 1e-10) + 1;
  if (!(count <= 10_000)) throw new AnalysisError(context.fn, `${deparseR(call)}: levels ${from}:${to} are too many`);
  return Array.from({ length: count }, (_, k) => formatRNumber(from + (to >= from ? k : -k)));
}

/** relevel() of text: R's refusal, and the two spellings R accepts (factor() around it, or declared levels). */
function relevelTextMessage(label: string, text: string): string {
  const head = `relevel(${text}`;
  const spelled = label.startsWith(head) ? `relevel(factor(${text})${label.slice(head.length)}` : `relevel(factor(${text}), ref = …)`;
  return `${label}: 'relevel' only for (unordered) factors, and "${text}" is text (R reads text as character): write ${spelled}, or declare the levels of "${text}" (levels, --levels or --codebook)`;
}

/** R's relevel(f, ref): `ref` (a level, or its position) first, the others in their order. */
function relevel(context: EvaluationContext, call: Call): Evaluated {
  const args = matchArguments(context, call, ['x', 'ref']);
  const label = deparseR(call);
  const x = evaluate(context, args.x as Expr);
  // R ≥ 4 reads text as character, and relevel() of it stops; so does the replication package's R script. Until
  // 2026-12-04 vlab made it a factor and fitted a formula R refuses.
  if (x.kind === 'character') throw new AnalysisError(context.fn, relevelTextMessage(label, deparseR(args.x as Expr)));
  if (x.kind !== 'factor' || x.ordered) throw new AnalysisError(context.fn, `${label}: 'relevel' only for (unordered) factors`);
  if (!args.ref) throw new AnalysisError(context.fn, `${label}: argument "ref" is missing`);
  const ref = args.ref.type === 'string' ? x.levels.indexOf(args.ref.value) : scalarArgument(context, call, args.ref, 'ref') - 1;
  if (!(ref >= 0 && ref < x.levels.length && Number.isInteger(ref))) {
    throw new AnalysisError(context.fn, `${label}: 'ref' must be an existing level (levels: ${x.levels.join(', ')})`);
  }
  const order = [ref, ...x.levels.keys()].filter((k, i) => i === 0 || k !== ref);
  const to = new Int32Array(x.levels.length);
  order.forEach((k, position) => (to[k] = position));
  return { kind: 'factor', levels: order.map((k) => x.levels[k]), codes: recode(x.codes, to) };
}

import { AnalysisError } from '../errors.ts';
import { recode } from './data.ts';
import { logicalArgument, matchArguments, scalarArgument, type Call } from './model-function-arguments.ts';
import { numbers, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { numberVector } from './number-vectors.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/**
 * R's cut(x, breaks, labels = NULL, include.lowest = FALSE, right = TRUE, dig.lab = 3, ordered_result = FALSE): a
 * factor of the intervals (a,b] (or [a,b) with right = FALSE), labelled as R labels them (formatC of the breaks to
 * dig.lab significant digits, more until they differ), every interval a level. `breaks` is a vector c(…) or a number
 * of equal intervals over the range of x (widened by 1/1000 of it at both ends, as R). Values outside the breaks are
 * NA and their rows dropped (with a warning; R is silent). `labels = c(…)` names the intervals, `labels = FALSE`
 * gives their numbers.
 *
 * @example cut(context, parseR(fail, 'cut(x, c(0, 1, 5))')) // levels ['(0,1]', '(1,5]']
 */
export function cut(context: EvaluationContext, call: Call): Evaluated {
  const args = matchArguments(context, call, ['x', 'breaks', 'labels', 'include.lowest', 'right', 'dig.lab', 'ordered_result']);
  const label = deparseR(call);
  const x = numbers(context, args.x as Expr, label);
  if (x.kind === 'scalar') throw new AnalysisError(context.fn, `${label}: x must be a variable`);
  if (!args.breaks) throw new AnalysisError(context.fn, `${label}: argument "breaks" is missing`);
  const right = logicalArgument(context, call, args.right, 'right', true);
  const includeLowest = logicalArgument(context, call, args['include.lowest'], 'include.lowest', false);
  const breaks = breakPoints(context, call, args.breaks, x.values);
  const codes = binCodes(x.values, breaks, right, includeLowest);
  const outside = x.values.filter((v, i) => !Number.isNaN(v) && codes[i] < 0).length;
  if (outside > 0) context.warn(`${context.fn}: ${outside} value${outside === 1 ? '' : 's'} of ${label} outside the breaks became missing and their rows are dropped, as in R`);
  if (args.labels?.type === 'logical' && !args.labels.value) return { kind: 'numeric', values: Float64Array.from(codes, (c) => (c < 0 ? NaN : c + 1)) };
  const digits = args['dig.lab'] ? scalarArgument(context, call, args['dig.lab'], 'dig.lab') : 3;
  const labels = args.labels ? givenLabels(context, call, args.labels, breaks.length - 1) : intervalLabels(breaks, right, includeLowest, digits);
  // factor(code, seq_along(labels), labels), as cut.default ends: intervals given one label are one level.
  const levels = [...new Set(labels)];
  const merged = recode(codes, Int32Array.from(labels, (l) => levels.indexOf(l)));
  const ordered = logicalArgument(context, call, args.ordered_result, 'ordered_result', false);
  return ordered ? { kind: 'factor', levels, codes: merged, ordered: true } : { kind: 'factor', levels, codes: merged };
}

/** The sorted breaks: c(…), seq(…), quantile(x), range(x) as given, or a number k of equal intervals over range(x) as cut.default makes them. */
function breakPoints(context: EvaluationContext, call: Call, expr: Expr, x: Float64Array): number[] {
  const given = numberVector(context, call, expr);
  let breaks: number[];
  if (given.length === 1) {
    const count = given[0];
    if (!(count >= 2)) throw new AnalysisError(context.fn, `${deparseR(call)}: invalid number of intervals`);
    breaks = equalBreaks(x, Math.trunc(count + 1));
  } else {
    breaks = [...given].sort((a, b) => a - b);
  }
  if (breaks.some(Number.isNaN)) throw new AnalysisError(context.fn, `${deparseR(call)}: breaks must not be missing`);
  if (breaks.some((b, k) => k > 0 && b === breaks[k - 1])) throw new AnalysisError(context.fn, `${deparseR(call)}: 'breaks' are not unique (as R says)`);
  return breaks;
}

/** cut.default's breaks for a number of intervals: seq.int(min, max, length.out = nb), the ends moved out by range/1000. */
function equalBreaks(x: Float64Array, nb: number): number[] {
  const present = x.filter((v) => !Number.isNaN(v));
  const [lo, hi] = [Math.min(...present), Math.max(...present)];
  let dx = hi - lo;
  if (dx === 0) {
    dx = lo !== 0 ? Math.abs(lo) : 1;
    return sequence(lo - dx / 1000, hi + dx / 1000, nb);
  }
  const breaks = sequence(lo, hi, nb);
  breaks[0] = lo - dx / 1000;
  breaks[nb - 1] = hi + dx / 1000;
  return breaks;
}

/** R 4.2's seq.int(from, to, length.out = n): from + i·by, the last one `to` itself (checked against R's breaks). */
function sequence(from: number, to: number, n: number): number[] {
  const by = (to - from) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? to : from + i * by));
}

/** R's .bincode: the interval of each x (0-based), −1 outside the breaks or where x is missing. */
function binCodes(x: Float64Array, breaks: number[], right: boolean, includeLowest: boolean): Int32Array {
  const last = breaks.length - 1;
  return Int32Array.from(x, (v) => {
    if (Number.isNaN(v) || v < breaks[0] || breaks[last] < v || (v === breaks[right ? 0 : last] && !includeLowest)) return -1;
    let [lo, hi] = [0, last];
    while (hi - lo >= 2) {
      const middle = (hi + lo) >> 1;
      if (v > breaks[middle] || (!right && v === breaks[middle])) lo = middle;
      else hi = middle;
    }
    return lo;
  });
}

/** "(0,1]" … from formatC(breaks, digits = d, width = 1), d from dig.lab up to 12 until neighbours differ. */
function intervalLabels(breaks: number[], right: boolean, includeLowest: boolean, digLab: number): string[] {
  let text: string[] = [];
  let ok = false;
  for (let digits = digLab; digits <= Math.max(12, digLab) && !ok; digits++) {
    text = breaks.map((b) => formatG(b + 0, digits));
    ok = text.every((t, k) => k === 0 || t !== text[k - 1]);
  }
  if (!ok) return breaks.slice(1).map((_, k) => `Range_${k + 1}`);
  const labels = text.slice(1).map((t, k) => (right ? `(${text[k]},${t}]` : `[${text[k]},${t})`));
  if (includeLowest && right) labels[0] = `[${labels[0].slice(1)}`;
  if (includeLowest && !right) labels[labels.length - 1] = `${labels[labels.length - 1].slice(0, -1)}]`;
  return labels;
}

/** C's printf("%.*g", digits, x): `digits` significant digits, trailing zeros dropped, e-notation below 1e-4 or from 10^digits. */
export function formatG(x: number, digits: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const precision = Math.max(1, digits);
  x = tieToEven(x, precision);
  const [mantissa, exponentText] = x.toExponential(precision - 1).split('e');
  const exponent = Number(exponentText);
  const strip = (t: string): string => (t.includes('.') ? t.replace(/\.?0+$/, '') : t);
  if (exponent < -4 || exponent >= precision) return `${strip(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return strip(x.toFixed(precision - 1 - exponent));
}

/**
 * C rounds an exact decimal tie (10.25 to 3 digits) to even, JavaScript's toExponential away from zero: where x is such
 * a tie and the digit kept is even, x is replaced by its truncation, which both print alike.
 */
function tieToEven(x: number, precision: number): number {
  const [mantissa, exponent] = Math.abs(x).toExponential(Math.min(100, precision + 40)).split('e');
  const digits = mantissa.replace('.', '');
  if (!/^50*$/.test(digits.slice(precision)) || Number(digits[precision - 1]) % 2 !== 0) return x;
  return Math.sign(x) * Number(`${digits.slice(0, precision)}e${Number(exponent) - precision + 1}`);
}

/** labels = c("low", "high"): one per interval (a label given twice makes its intervals one level, as in R). */
function givenLabels(context: EvaluationContext, call: Call, expr: Expr, count: number): string[] {
  const items = expr.type === 'call' && expr.fn === 'c' ? expr.args.map((a) => a.value) : [expr];
  if (!items.every((item) => item.type === 'string')) throw new AnalysisError(context.fn, `${deparseR(call)}: labels must be strings, as c("low", "high"), or FALSE`);
  const labels = items.map((item) => (item as { value: string }).value);
  if (labels.length !== count) throw new AnalysisError(context.fn, `${deparseR(call)}: number of intervals (${count}) and length of 'labels' (${labels.length}) differ`);
  return labels;
}

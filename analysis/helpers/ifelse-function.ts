import { AnalysisError } from '../errors.ts';
import { matchArguments, type Call } from './model-function-arguments.ts';
import { evaluate, numbers, type Evaluated, type EvaluationContext } from './model-variables.ts';
import { formatRNumber } from './r-number.ts';
import { deparseR, type Expr } from './r-syntax.ts';

/** One branch of ifelse as R's vector types see it: per row, a number (NaN for NA) or a text (null for NA). */
type Branch = { type: 'logical' | 'number'; at: (i: number) => number } | { type: 'character'; at: (i: number) => string | null };
const RANK = { logical: 0, number: 1, character: 2 } as const;

/**
 * R's ifelse(test, yes, no): the answer starts as the test (NA where it is NA), then takes yes where the test is TRUE
 * (a number unless 0) and no where it is FALSE, each assignment raising the answer's type as R's `[<-` does
 * (logical < number < text). A factor branch gives its codes 1..L (R's ifelse keeps no levels: `ifelse(t, f, "none")`
 * is the text "1", "2", "none"); a branch no row takes does not set the type (`ifelse(x > 100, "big", 0)` is numeric
 * when no x is above 100). Numbers and TRUE/FALSE become text as as.character writes them.
 *
 * @example ifelse(context, parseR(fail, 'ifelse(z > 0, a, b)')) // text: a where z > 0, else b
 */
export function ifelse(context: EvaluationContext, call: Call): Evaluated {
  const args = matchArguments(context, call, ['test', 'yes', 'no']);
  const label = deparseR(call);
  if (!args.yes || !args.no) throw new AnalysisError(context.fn, `${label}: argument "${args.yes ? 'no' : 'yes'}" is missing`);
  const test = numbers(context, args.test as Expr, label);
  if (test.kind === 'scalar') throw new AnalysisError(context.fn, `${label}: the test is one value, so R's ifelse gives one value, not one per row (R: "variable lengths differ")`);
  const choice = Int8Array.from(test.values, (t) => (Number.isNaN(t) ? -1 : t !== 0 ? 0 : 1));
  const used = [choice.includes(0), choice.includes(1)];
  const branches = [args.yes, args.no].map((e) => branchOf(context, e, label));
  const type = branches.filter((_, k) => used[k]).reduce<Branch['type']>((t, b) => (RANK[b.type] > RANK[t] ? b.type : t), 'logical');
  if (type === 'character') {
    const texts = Array.from(choice, (k, i) => (k < 0 ? null : textAt(branches[k], i)));
    const labels = [...new Set(texts.filter((t): t is string => t !== null))];
    const index = new Map(labels.map((t, k) => [t, k]));
    return { kind: 'character', labels, codes: Int32Array.from(texts, (t) => (t === null ? -1 : (index.get(t) as number))) };
  }
  const values = Float64Array.from(choice, (k, i) => (k < 0 ? NaN : (branches[k].at(i) as number)));
  return { kind: type === 'logical' ? 'logical' : 'numeric', values };
}

/** A branch's value in row i as text, as R's as.character writes a number or TRUE/FALSE. */
function textAt(branch: Branch, i: number): string | null {
  if (branch.type === 'character') return branch.at(i);
  const v = branch.at(i);
  return Number.isNaN(v) ? null : branch.type === 'logical' ? (v !== 0 ? 'TRUE' : 'FALSE') : formatRNumber(v);
}

function branchOf(context: EvaluationContext, expr: Expr, label: string): Branch {
  if (expr.type === 'string') return { type: 'character', at: () => expr.value };
  if (expr.type === 'na') return expr.mode === 'character' ? { type: 'character', at: () => null } : { type: expr.mode, at: () => NaN };
  const value = evaluate(context, expr);
  switch (value.kind) {
    case 'scalar': {
      const isLogical = expr.type === 'logical' || (expr.type === 'name' && (expr.name === 'T' || expr.name === 'F'));
      return { type: isLogical ? 'logical' : 'number', at: () => value.value };
    }
    case 'numeric':
    case 'logical':
      return { type: value.kind === 'logical' ? 'logical' : 'number', at: (i) => value.values[i] };
    case 'factor':
      // R assigns a factor's integer codes; its levels are lost.
      return { type: 'number', at: (i) => (value.codes[i] < 0 ? NaN : value.codes[i] + 1) };
    case 'character':
      return { type: 'character', at: (i) => (value.codes[i] < 0 ? null : value.labels[value.codes[i]]) };
    case 'matrix':
      throw new AnalysisError(context.fn, `cannot compute ${label}: ${deparseR(expr)} is a matrix`);
  }
}

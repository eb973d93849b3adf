import { AnalysisError } from '../errors.ts';
import { closestName } from '../helpers/did-you-mean.ts';
import { parseFormula } from '../helpers/formula.ts';

/** A conjoint formula as cregg reads one: an outcome, features (factors), and two-way design constraints. */
export interface ConjointFormula {
  outcome: string;
  /** Features in formula order (R's `all.vars` of the right-hand side). */
  features: string[];
  /** `a * b` pairs: the design never shows some a × b combinations (cregg's constrained AMCE). */
  constraints: [string, string][];
}

/**
 * Reads `y ~ a + b * c + d` the way cregg's `amce`/`mm` do: every right-hand variable is a data column taken as a
 * factor; `a * b` marks a two-way constraint; each feature is in at most one constraint and nothing is of higher
 * order (cregg stops on both). Anything else (`0 +`, `a:b` alone, `log(x)`, `offset()`) is refused with a message.
 *
 * @example conjointFormula('amce', 'y ~ a + b * c', ['y', 'a', 'b', 'c']) // { outcome: 'y', features: ['a', 'b', 'c'], constraints: [['b', 'c']] }
 */
export function conjointFormula(fn: string, source: string, columns: readonly string[]): ConjointFormula {
  const formula = parseFormula(fn, source, columns);
  const fail = (problem: string): AnalysisError => new AnalysisError(fn, `formula "${source}": ${problem}`);
  if (!columns.includes(formula.response)) throw fail(`the outcome must be a data column (unknown column "${formula.response}")`);
  if (formula.offsets.length > 0) throw fail('offset() has no place in a conjoint formula');
  if (!formula.intercept) throw fail('drop "0 +" / "- 1": conjoint estimators choose the intercept themselves');
  for (const name of formula.variables) {
    if (!columns.includes(name)) {
      const closest = closestName(name, columns);
      throw fail(`"${name}" is not a data column (${closest ? `did you mean "${closest}"? ` : ''}features are plain columns, read as factors)`);
    }
  }
  if (formula.variables.length === 0) throw fail('no features on the right-hand side');
  const higher = formula.terms.find((t) => t.length > 2);
  if (higher) throw fail(`"${higher.map((k) => formula.variables[k]).join(':')}": only two-way constraints are allowed (as in cregg)`);
  const mains = new Set(formula.terms.filter((t) => t.length === 1).map((t) => t[0]));
  const constraints: [string, string][] = [];
  const constrained = new Set<number>();
  for (const term of formula.terms) {
    if (term.length === 1) continue;
    const label = term.map((k) => formula.variables[k]).join(':');
    if (!term.every((k) => mains.has(k))) throw fail(`"${label}" without both main effects: write the constraint as "a * b"`);
    for (const k of term) {
      if (constrained.has(k)) throw fail(`"${formula.variables[k]}" is in two constraints; each feature may be in one (as in cregg)`);
      constrained.add(k);
    }
    constraints.push([formula.variables[term[0]], formula.variables[term[1]]]);
  }
  return { outcome: formula.response, features: [...formula.variables], constraints };
}

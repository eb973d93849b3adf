import type { Formula } from './formula.ts';
import { factorCodes, isFactorColumn, numericColumn, type Levels, type Row } from './data.ts';

/** A design matrix stored column-major (column j is `x.subarray(j * n, (j + 1) * n)`), with R's column names. */
export interface DesignMatrix {
  x: Float64Array;
  n: number;
  p: number;
  names: string[];
}

type Variable = { kind: 'numeric'; values: Float64Array } | { kind: 'factor'; levels: string[]; codes: Int32Array };

/**
 * Builds the model matrix as R's `model.matrix` does with treatment contrasts. A factor inside a term is coded
 * by contrasts (levels 2..L) when the term without it is already in the model (or is empty), otherwise by one indicator per level; without an intercept, the first factor of the first term
 * that has one gets all its indicators (R's `TermCode` in src/library/stats/src/model.c). Within an
 * interaction the first variable varies fastest, so labels read `measurepublic_criticism:regimeautocracy`.
 *
 * @example buildDesignMatrix('lmRobust', parseFormula('lmRobust', 'y ~ a * b'), rows, index, levels).names
 */
export function buildDesignMatrix(fn: string, formula: Formula, rows: readonly Row[], index: Int32Array, levels?: Levels): DesignMatrix {
  const n = index.length;
  const vars: Variable[] = formula.variables.map((name) =>
    isFactorColumn(rows, index, name, levels)
      ? { kind: 'factor', ...factorCodes(fn, rows, index, name, levels) }
      : { kind: 'numeric', values: numericColumn(fn, rows, index, name, 'predictor') },
  );

  const key = (term: number[]): string => term.join(',');
  // The empty term counts as present even without an intercept; the no-intercept case is handled by
  // giving the first factor full coding instead, as R does.
  const seen = new Set<string>(['']);
  let fullCodingPending = !formula.intercept;

  // First the column specs (label and, per variable of the term, a level or −1 for numeric), then one fill
  // pass per column straight into the column-major matrix.
  type Spec = { label: string; parts: { variable: number; level: number }[] };
  const specs: Spec[] = formula.intercept ? [{ label: '(Intercept)', parts: [] }] : [];
  for (const term of formula.terms) {
    // For each variable of the term: the (label, level) alternatives it contributes.
    const parts = term.map((v) => {
      const variable = vars[v];
      const name = formula.variables[v];
      if (variable.kind === 'numeric') return [{ label: name, level: -1 }];
      let full = !seen.has(key(term.filter((w) => w !== v)));
      if (fullCodingPending) {
        full = true;
        fullCodingPending = false;
      }
      const from = full ? 0 : 1;
      return variable.levels.slice(from).map((level, k) => ({ label: name + level, level: k + from }));
    });
    seen.add(key(term));

    // Cartesian product with the first variable varying fastest, as R orders interaction columns.
    let combos: number[][] = [[]];
    for (const part of parts) combos = part.flatMap((_, k) => combos.map((prefix) => [...prefix, k]));
    for (const combo of combos) {
      specs.push({
        label: combo.map((k, position) => parts[position][k].label).join(':'),
        parts: combo.map((k, position) => ({ variable: term[position], level: parts[position][k].level })),
      });
    }
  }

  const p = specs.length;
  const x = new Float64Array(n * p);
  specs.forEach((spec, j) => {
    const column = x.subarray(j * n, (j + 1) * n);
    const [first] = spec.parts;
    const single = spec.parts.length === 1 ? vars[first.variable] : undefined;
    if (single?.kind === 'factor') {
      // A main-effect dummy, the common case: one pass.
      const { codes } = single;
      for (let i = 0; i < n; i++) column[i] = codes[i] === first.level ? 1 : 0;
      return;
    }
    column.fill(1);
    for (const { variable, level } of spec.parts) {
      const v = vars[variable];
      if (v.kind === 'numeric') {
        for (let i = 0; i < n; i++) column[i] *= v.values[i];
      } else {
        const codes = v.codes;
        for (let i = 0; i < n; i++) if (codes[i] !== level) column[i] = 0;
      }
    }
  });
  const names = specs.map((spec) => spec.label);
  return { x, n, p, names };
}

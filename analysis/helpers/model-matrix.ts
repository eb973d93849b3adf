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

  const columns: Float64Array[] = [];
  const names: string[] = [];
  if (formula.intercept) {
    columns.push(new Float64Array(n).fill(1));
    names.push('(Intercept)');
  }

  for (const term of formula.terms) {
    // For each variable of the term: the list of (label, row-wise value) alternatives it contributes.
    const parts = term.map((v) => {
      const variable = vars[v];
      const name = formula.variables[v];
      if (variable.kind === 'numeric') return [{ label: name, level: -1, values: variable.values }];
      let full = !seen.has(key(term.filter((w) => w !== v)));
      if (fullCodingPending) {
        full = true;
        fullCodingPending = false;
      }
      const from = full ? 0 : 1;
      return variable.levels.slice(from).map((level, k) => ({ label: name + level, level: k + from, values: undefined }));
    });
    seen.add(key(term));

    // Cartesian product with the first variable varying fastest, as R orders interaction columns.
    const combos: number[][] = [[]];
    for (const part of parts) {
      const next: number[][] = [];
      for (const prefix of combos) for (let k = 0; k < part.length; k++) next.push([...prefix, k]);
      combos.splice(0, combos.length, ...next);
    }
    combos.sort((a, b) => {
      for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[i]) return a[i] - b[i];
      return 0;
    });
    for (const combo of combos) {
      const column = new Float64Array(n).fill(1);
      const labels: string[] = [];
      combo.forEach((k, position) => {
        const choice = parts[position][k];
        labels.push(choice.label);
        const variable = vars[term[position]];
        if (variable.kind === 'numeric') {
          for (let i = 0; i < n; i++) column[i] *= variable.values[i];
        } else {
          for (let i = 0; i < n; i++) if (variable.codes[i] !== choice.level) column[i] = 0;
        }
      });
      columns.push(column);
      names.push(labels.join(':'));
    }
  }

  const p = columns.length;
  const x = new Float64Array(n * p);
  columns.forEach((column, j) => x.set(column, j * n));
  return { x, n, p, names };
}

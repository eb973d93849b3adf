import type { Formula } from './formula.ts';
import type { ModelFrame, Variable } from './model-frame.ts';
import type { SparseDesign } from './sparse-design.ts';

/** One variable of a term: the first level it codes (0 full coding, 1 contrasts; numeric: 0) and its column step. */
interface TermPart {
  variable: Variable;
  from: number;
  stride: number;
}

/**
 * Builds the model matrix as R's `model.matrix` does with treatment contrasts, stored as sparse rows. A factor
 * inside a term is coded by contrasts (levels 2..L) when the term without it is already in the model (or is
 * empty), otherwise by one indicator per level; without an intercept, the first factor of the first term that
 * has one gets all its indicators (R's `TermCode` in src/library/stats/src/model.c). Within an interaction the
 * first variable varies fastest, so labels read `measurepublic_criticism:regimeautocracy`.
 *
 * @example buildDesignMatrix(formula, modelFrame('lmRobust', rows, formula, levels, {})).names
 */
export function buildDesignMatrix(formula: Formula, frame: ModelFrame): SparseDesign {
  const n = frame.index.length;
  const vars = frame.variables;
  const key = (term: number[]): string => term.join(',');
  // The empty term counts as present even without an intercept; the no-intercept case is handled by
  // giving the first factor full coding instead, as R does.
  const seen = new Set<string>(['']);
  let fullCodingPending = !formula.intercept;

  const names: string[] = formula.intercept ? ['(Intercept)'] : [];
  const layout: { start: number; parts: TermPart[] }[] = [];
  for (const term of formula.terms) {
    // For each variable of the term: the labels of the columns it contributes, and its coding.
    const coded = term.map((v) => {
      const variable = vars[v];
      const name = formula.variables[v];
      if (variable.kind === 'numeric') return { variable, from: 0, labels: [name] };
      let full = !seen.has(key(term.filter((w) => w !== v)));
      if (fullCodingPending) {
        full = true;
        fullCodingPending = false;
      }
      const from = full ? 0 : 1;
      return { variable, from, labels: variable.levels.slice(from).map((level) => name + level) };
    });
    seen.add(key(term));

    // Cartesian product with the first variable varying fastest, as R orders interaction columns: the column of
    // level offsets (k_1, k_2, ...) is start + k_1 + c_1 (k_2 + c_2 (...)) with c_v the count of variable v.
    let labels = [''];
    const parts: TermPart[] = [];
    let stride = 1;
    for (const [position, part] of coded.entries()) {
      labels = part.labels.flatMap((label) => labels.map((prefix) => (position === 0 ? label : `${prefix}:${label}`)));
      parts.push({ variable: part.variable, from: part.from, stride });
      stride *= part.labels.length;
    }
    // A term can have no columns (a factor left with one level, coded by contrasts): it gets no entry either.
    if (labels.length > 0) layout.push({ start: names.length, parts });
    names.push(...labels);
  }

  // One entry per term and row, filled term by term and variable by variable in tight loops.
  const slots = layout.length + (formula.intercept ? 1 : 0);
  const columns = new Int32Array(n * slots);
  const values = new Float64Array(n * slots).fill(1);
  const offset = formula.intercept ? 1 : 0; // the intercept's entries: column 0, value 1
  layout.forEach(({ start, parts }, t) => {
    const slot = t + offset;
    for (let i = 0; i < n; i++) columns[i * slots + slot] = start;
    for (const { variable, from, stride } of parts) {
      if (variable.kind === 'numeric') {
        const x = variable.values;
        for (let i = 0; i < n; i++) values[i * slots + slot] *= x[i];
      } else {
        const codes = variable.codes;
        for (let i = 0; i < n; i++) {
          const k = codes[i] - from;
          if (k < 0) values[i * slots + slot] = 0;
          else columns[i * slots + slot] += k * stride;
        }
      }
    }
  });
  return { n, p: names.length, names, slots, columns, values };
}

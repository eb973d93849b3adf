import type { Formula } from './formula.ts';
import type { ModelFrame } from './model-frame.ts';
import { polynomialColumns } from './poly.ts';
import type { SparseDesign } from './sparse-design.ts';

/** What the layout needs of a variable: a factor's levels (logical: FALSE, TRUE), or a numeric one's columns. */
export type VariableShape = { kind: 'factor'; levels: readonly string[]; ordered?: boolean } | { kind: 'numeric'; names: readonly string[] };

/** One variable of a term: its columns within the term, the first level it codes, its column step. */
interface TermPart {
  variable: number;
  /** Coded by indicators or treatment contrasts; false for a numeric variable and an ordered factor's contr.poly. */
  factor: boolean;
  /** 0 (all levels: indicators) or 1 (treatment contrasts: levels 2..L) for a factor; 0 for a numeric variable. */
  from: number;
  count: number;
  stride: number;
}
/** One entry of every sparse row: its column is `base` plus each factor's level offset times its stride. */
interface Entry {
  base: number;
  factors: { codes: Int32Array; from: number; stride: number }[];
  numbers: Float64Array[];
}
interface TermLayout {
  start: number;
  parts: TermPart[];
}

/**
 * The model matrix's columns and their names as R's `model.matrix` makes them with treatment contrasts
 * (`modelmatrix` in R's src/library/stats/src/model.c): each factor of a term gets contrasts or one indicator per
 * level as the formula's factor pattern says (`Formula.coding`, R's TermCode); without an intercept, the first
 * factor with two or more levels in the first term that has one gets indicators. Within a term the first variable
 * varies fastest, so labels read `measurepublic_criticism:regimeautocracy`, `poly(x, 2)1:gb`.
 *
 * @example designLayout(parseFormula('f', 'y ~ a:b'), shapes).names // ['(Intercept)', 'ap:br', 'aq:br', ...]
 */
export function designLayout(formula: Formula, shapes: readonly VariableShape[]): { names: string[]; terms: TermLayout[] } {
  const coding = formula.coding.map((codes) => [...codes]);
  if (!formula.intercept) {
    const t = formula.terms.findIndex((term) => term.some((v) => isFactorWithLevels(shapes[v])));
    if (t >= 0) coding[t][formula.terms[t].findIndex((v) => isFactorWithLevels(shapes[v]))] = 2;
  }
  const names: string[] = formula.intercept ? ['(Intercept)'] : [];
  const terms = formula.terms.map((term, t): TermLayout => {
    let stride = 1;
    const labelLists: string[][] = [];
    const parts = term.map((variable, position): TermPart => {
      const shape = shapes[variable];
      const name = formula.variables[variable];
      let part: TermPart;
      if (shape.kind === 'factor' && shape.ordered && coding[t][position] === 1) {
        // R's contr.poly for an ordered factor: L − 1 columns, named .L, .Q, .C, ^4, …
        const count = shape.levels.length - 1;
        labelLists.push(Array.from({ length: count }, (_, j) => name + (j < 3 ? ['.L', '.Q', '.C'][j] : `^${j + 1}`)));
        part = { variable, factor: false, from: 0, count, stride };
      } else if (shape.kind === 'factor') {
        const from = coding[t][position] === 1 ? 1 : 0;
        labelLists.push(shape.levels.slice(from).map((level) => name + level));
        part = { variable, factor: true, from, count: shape.levels.length - from, stride };
      } else {
        labelLists.push(shape.names.length > 1 ? shape.names.map((suffix) => name + suffix) : [name]);
        part = { variable, factor: false, from: 0, count: shape.names.length, stride };
      }
      stride *= part.count;
      return part;
    });
    const start = names.length;
    for (let column = 0; column < stride; column++) {
      let rest = column;
      names.push(
        labelLists
          .map((labels) => {
            const label = labels[rest % labels.length];
            rest = Math.floor(rest / labels.length);
            return label;
          })
          .join(':'),
      );
    }
    return { start, parts };
  });
  return { names, terms };
}

const isFactorWithLevels = (shape: VariableShape): boolean => shape.kind === 'factor' && shape.levels.length > 1;

/**
 * The model matrix's column names for variables of known shape, without data: what a plan's model will have.
 *
 * @example designColumnNames(parseFormula('plan', 'y ~ regime * treaty'), shapes) // ['(Intercept)', 'regimeautocracy', ...]
 */
export function designColumnNames(formula: Formula, shapes: readonly VariableShape[]): string[] {
  return designLayout(formula, shapes).names;
}

/**
 * Builds the model matrix of `designLayout` as sparse rows. A row has one entry per term and numeric column of
 * the term (one for a term of factors and plain numbers; `poly(x, 2):g` has two): its column is the term's start
 * plus each factor's level offset times its stride, its value the product of the numeric values, or 0 where a
 * factor is at a level the term does not code. Entries ascend in column within a row.
 *
 * @example buildDesignMatrix(formula, modelFrame('lmRobust', rows, formula, levels, {})).names
 */
export function buildDesignMatrix(formula: Formula, frame: ModelFrame): SparseDesign {
  const n = frame.index.length;
  const vars = frame.variables;
  const shapes = vars.map((v): VariableShape => (v.kind === 'factor' ? { kind: 'factor', levels: v.levels, ordered: v.ordered } : { kind: 'numeric', names: v.names }));
  const { names, terms } = designLayout(formula, shapes);
  // One entry a row per term and combination of its numeric variables' columns; the first numeric variable's
  // column varies fastest, so a row's entries ascend in column.
  const entries: Entry[] = [];
  for (const { start, parts } of terms) {
    const combinations = parts.reduce((m, part) => (part.factor ? m : m * part.count), 1);
    for (let combination = 0; combination < combinations; combination++) {
      const entry: Entry = { base: start, factors: [], numbers: [] };
      let rest = combination;
      for (const part of parts) {
        const variable = vars[part.variable];
        if (part.factor && variable.kind === 'factor') {
          entry.factors.push({ codes: variable.codes, from: part.from, stride: part.stride });
        } else {
          const c = rest % part.count;
          rest = Math.floor(rest / part.count);
          entry.base += c * part.stride;
          entry.numbers.push(variable.kind === 'factor' ? polynomialContrast(variable.codes, variable.levels.length, c) : variable.columns[c]);
        }
      }
      entries.push(entry);
    }
  }
  const intercept = formula.intercept ? 1 : 0;
  const slots = intercept + entries.length;
  const columns = new Int32Array(n * slots);
  const values = new Float64Array(n * slots);
  if (intercept) for (let a = 0; a < n * slots; a += slots) values[a] = 1;
  // Entry by entry in tight loops: the first factor sets the column and value in the pass that writes them.
  entries.forEach(({ base, factors, numbers }, e) => {
    const slot = intercept + e;
    const [first, ...others] = factors;
    if (first) {
      const { codes, from, stride } = first;
      for (let i = 0, a = slot; i < n; i++, a += slots) {
        const k = codes[i] - from;
        columns[a] = k < 0 ? base : base + k * stride;
        values[a] = k < 0 ? 0 : 1;
      }
    } else {
      for (let a = slot; a < n * slots; a += slots) {
        columns[a] = base;
        values[a] = 1;
      }
    }
    for (const { codes, from, stride } of others) {
      for (let i = 0, a = slot; i < n; i++, a += slots) {
        const k = codes[i] - from;
        if (k < 0) values[a] = 0;
        else columns[a] += k * stride;
      }
    }
    for (const x of numbers) for (let i = 0, a = slot; i < n; i++, a += slots) values[a] *= x[i];
  });
  return { n, p: names.length, names, slots, columns, values };
}

/**
 * Column j of R's contr.poly(L) at each row's level: the orthonormal polynomial of degree j + 1 in the scores 1..L,
 * which is R's poly(1:L, L − 1)[, j + 1] (both are make.poly: the QR of the centred scores' powers).
 */
function polynomialContrast(codes: Int32Array, levels: number, j: number): Float64Array {
  const contrast = polynomialColumns(Float64Array.from({ length: levels }, (_, k) => k + 1), levels - 1, false)[j];
  return Float64Array.from(codes, (code) => contrast[code]);
}

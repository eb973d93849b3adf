import { AnalysisError } from '../errors.ts';
import { dropUnusedLevels, factorCodes, isFactorColumn, isMissing, numericColumn, type Cell, type Levels, type Row } from './data.ts';
import type { Formula } from './formula.ts';

/** A variable of the model over the complete rows: numbers, or the level codes of a factor. */
export type Variable = { kind: 'numeric'; values: Float64Array } | { kind: 'factor'; levels: string[]; codes: Int32Array };

/** The columns a model uses, over the rows where none of them is missing. */
export interface ModelFrame {
  /** The complete rows, as indices into the data. */
  index: Int32Array;
  response: Float64Array;
  /** One per formula variable, in `formula.variables` order. */
  variables: Variable[];
  weights?: Float64Array;
}

/**
 * R's `model.frame` for a formula (plus weights and clusters columns): drops rows with a missing value in any
 * used column (na.omit) and converts the rest to numbers and factor codes (see `isFactorColumn`, `factorCodes`).
 *
 * Every used cell is read once: at 10⁶ rows, reading a property by a computed name costs more than everything
 * done with the value. A column is read before the complete rows are known, as numbers (or as codes of its
 * declared levels); whenever a complete row's value does not convert cleanly — a string factor without declared
 * levels, or bad input — the column is read again by the general helpers, which decide and word errors as before.
 *
 * @example modelFrame('lmRobust', rows, parseFormula('lmRobust', 'y ~ a + x'), { a: ['lo', 'hi'] }, {}).variables
 */
export function modelFrame(
  fn: string,
  rows: readonly Row[],
  formula: Formula,
  levels: Levels | undefined,
  extra: { weights?: string; clusters?: string },
): ModelFrame {
  const total = rows.length;
  const incomplete = new Uint8Array(total);

  const readNumbers = (name: string): Float64Array => {
    const out = new Float64Array(total);
    for (let i = 0; i < total; i++) {
      const value = rows[i][name];
      if (typeof value === 'number') {
        if (Number.isNaN(value)) incomplete[i] = 1;
        else out[i] = value;
      } else if (isMissing(value)) {
        incomplete[i] = 1;
      } else {
        out[i] = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      }
    }
    return out;
  };
  // Codes of the declared levels, −1 for a value outside them. A level is never missing, so most cells need only
  // the lookup.
  const readCodes = (name: string, declared: readonly string[]): Int32Array => {
    const lookup = new Map<Cell, number>(declared.map((level, k) => [level, k]));
    const out = new Int32Array(total);
    for (let i = 0; i < total; i++) {
      const value = rows[i][name];
      const code = lookup.get(value);
      if (code !== undefined) out[i] = code;
      else if (isMissing(value)) incomplete[i] = 1;
      else out[i] = lookup.get(String(value)) ?? -1;
    }
    return out;
  };

  const response = readNumbers(formula.response);
  const raw = formula.variables.map((name) => {
    const declared: unknown = levels && Object.hasOwn(levels, name) ? levels[name] : undefined;
    if (declared === undefined) return { name, numbers: readNumbers(name) };
    // Malformed levels are left to factorCodes to report, in its turn.
    if (!(Array.isArray(declared) && declared.every((level) => typeof level === 'string'))) return { name };
    return { name, declared: declared as string[], codes: readCodes(name, declared as string[]) };
  });
  const weights = extra.weights === undefined ? undefined : readNumbers(extra.weights);
  if (extra.clusters !== undefined) {
    for (let i = 0; i < total; i++) if (isMissing(rows[i][extra.clusters])) incomplete[i] = 1;
  }

  let n = 0;
  for (let i = 0; i < total; i++) if (!incomplete[i]) n++;
  if (n === 0) {
    const used = [formula.response, ...formula.variables, ...[extra.clusters, extra.weights].filter((name) => name !== undefined)];
    throw new AnalysisError(fn, `no rows without missing values in ${used.join(', ')}`);
  }
  const index = new Int32Array(n);
  for (let i = 0, k = 0; i < total; i++) if (!incomplete[i]) index[k++] = i;
  // Without dropped rows the columns are used as read.
  const completeNumbers = (all: Float64Array): Float64Array | null => {
    const out = n === total ? all : new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const value = all[index[k]];
      if (!Number.isFinite(value)) return null;
      out[k] = value;
    }
    return out;
  };
  const completeCodes = (all: Int32Array): Int32Array | null => {
    const out = n === total ? all : new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const code = all[index[k]];
      if (code < 0) return null;
      out[k] = code;
    }
    return out;
  };

  const numbers = (name: string, all: Float64Array, role: string): Float64Array =>
    completeNumbers(all) ?? numericColumn(fn, rows, index, name, role);
  const y = numbers(formula.response, response, 'outcome');
  const variables = raw.map((column): Variable => {
    if (column.numbers) {
      const values = completeNumbers(column.numbers);
      if (values) return { kind: 'numeric', values };
    } else if (column.codes) {
      const codes = completeCodes(column.codes);
      if (codes) return { kind: 'factor', ...dropUnusedLevels([...column.declared], codes) };
    }
    return isFactorColumn(rows, index, column.name, levels)
      ? { kind: 'factor', ...factorCodes(fn, rows, index, column.name, levels) }
      : { kind: 'numeric', values: numericColumn(fn, rows, index, column.name, 'predictor') };
  });
  const w = weights && extra.weights !== undefined ? numbers(extra.weights, weights, 'weights') : undefined;
  return { index, response: y, variables, weights: w };
}

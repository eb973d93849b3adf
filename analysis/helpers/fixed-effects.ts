import { AnalysisError } from '../errors.ts';
import type { DataTable } from './data-table.ts';
import { didYouMean } from './did-you-mean.ts';
import { parseFormula } from './formula.ts';

/**
 * The columns of estimatr's `fixed_effects = ~ g` (or `~ g1 + g2`): column names, a name with spaces or signs in
 * backticks. estimatr absorbs each as a factor (it demeans y and X within its levels), which gives every other term
 * the estimates, SEs and df of `+ factor(g)` in the formula (docs/analysis.md, "Fixed effects"); so lmRobust fits that
 * and leaves the intercept and the factors' coefficients out, as estimatr does. estimatr takes the formula's variables
 * (its model frame's columns), each once: `~ g:g2` and `~ g * g2` absorb g and g2 (not their combinations: the
 * seventeenth R trial; `joined` says so, for a warning), `~ factor(h)` absorbs h.
 *
 * @example fixedEffectSpec('lmRobust', '~ region + wave', ['y', 'x', 'region', 'wave']) // { columns: ['region', 'wave'], joined: false }
 */
export function fixedEffectSpec(fn: string, spec: string, columns: readonly string[]): { columns: string[]; joined: boolean } {
  if (typeof spec !== 'string') throw new AnalysisError(fn, `fixedEffects must be a one-sided formula such as "~ g" (got ${JSON.stringify(spec)})`);
  const text = spec.trim();
  if (!text.startsWith('~')) throw new AnalysisError(fn, `fixedEffects "${spec}" must be a one-sided formula such as "~ g" or "~ g1 + g2"`);
  if (/^\s*[+*:]|[+*:]\s*$|[+*:]\s*[+*:]/.test(text.slice(1).replace(/`[^`]*`/g, 'x'))) {
    throw new AnalysisError(fn, `fixedEffects "${spec}" is not a formula R reads: give columns joined by + (e.g. "~ g1 + g2")`);
  }
  const parts = text.slice(1).split(/(`[^`]*`)|[+*:]/).filter((part): part is string => part !== undefined).map((part) => part.trim());
  const names = parts.filter((part) => part !== '').map((part) => {
    const inner = /^(?:as\.)?factor\((.*)\)$/.exec(part)?.[1]?.trim() ?? part;
    const name = /^`[^`]+`$/.test(inner) ? inner.slice(1, -1) : inner;
    if (!/^`/.test(inner) && !/^[A-Za-z.][A-Za-z0-9._]*$/.test(inner)) {
      throw new AnalysisError(fn, `fixedEffects "${spec}": "${part}" is not a column name; give columns joined by + (e.g. "~ g1 + g2"), each absorbed as a factor`);
    }
    if (!columns.includes(name)) throw new AnalysisError(fn, `fixedEffects references unknown column "${name}" (${didYouMean(name, columns)})`);
    return name;
  });
  return { columns: [...new Set(names)], joined: /[*:]/.test(text.replace(/`[^`]*`/g, '')) };
}

/** R's label of a fixed effect's factor in the formula lmRobust fits: `factor(g)`, `` factor(`my g`) ``. */
export const fixedEffectLabel = (column: string): string => `factor(${/^[A-Za-z.][A-Za-z0-9._]*$/.test(column) ? column : `\`${column}\``})`;

/** The formula with the fixed effects' factors first on the right (`y ~ factor(g) + x`): the model estimatr's fixed_effects fits. */
export function withFixedEffects(fn: string, formula: string, columns: readonly string[], label: (column: string) => string = fixedEffectLabel): string {
  const tilde = typeof formula === 'string' ? formula.indexOf('~') : -1;
  if (tilde < 0 || columns.length === 0) return formula; // parseFormula says what is wrong with it
  return `${formula.slice(0, tilde)}~ ${columns.map(label).join(' + ')} + ${formula.slice(tilde + 1).trim()}`;
}

/**
 * The label lmRobust absorbs a fixed effect under: `factor(g)`, or `as.factor(g)` where the formula has `factor(g)`
 * itself. estimatr then prints the formula's factor(g) levels as NA (demeaned to 0); under one label the two would be
 * one term and those rows would be hidden with the absorbed ones (R trial 17).
 */
export function absorbedLabel(formulaVariables: readonly string[]): (column: string) => string {
  return (column) => (formulaVariables.includes(fixedEffectLabel(column)) ? `as.${fixedEffectLabel(column)}` : fixedEffectLabel(column));
}

/**
 * The fixed effects to put in the formula. A column with one value on every row (no missing value) is one group:
 * estimatr absorbs it alone as the intercept (the other terms as without it), and stops beside other fixed effects
 * ("Can't have a fixed effect with only one group AND multiple fixed effect variables"); so does this.
 */
export function groupedFixedEffects(fn: string, table: DataTable, columns: readonly string[]): string[] {
  const single = columns.filter((name) => singleGroup(table, name));
  if (single.length === 0) return [...columns];
  if (columns.length > 1) {
    throw new AnalysisError(fn, `fixedEffects column "${single[0]}" has one value on every row: estimatr refuses a fixed effect with only one group beside others ("Can't have a fixed effect with only one group AND multiple fixed effect variables"); leave it out`);
  }
  return [];
}

/** Whether the column holds one value on every row, none missing. */
function singleGroup(table: DataTable, name: string): boolean {
  const column = table.column(name);
  if (!column || table.length === 0) return false;
  if (column.type === 'character') return column.labels.length === 1 && column.codes.every((code) => code === 0);
  const first = column.values[0];
  return !Number.isNaN(first) && column.values.every((value) => value === first);
}

/**
 * A formula without an intercept (`0 + f`, `- 1`) codes its first factor by one indicator per level. estimatr
 * demeans those within the fixed effects, where they are collinear, and leaves out whichever level its pivoted QR
 * picks (mtcars, `mpg ~ 0 + factor(cyl)`, `fixed_effects = ~ gear`: cyl4 10.54, cyl6 3.89, cyl8 NA — against cyl8;
 * with `0 + wt + factor(cyl)` it leaves out cyl4). lmRobust's `+ factor(g)` first gives the contrasts against the
 * first level instead: the same model, other numbers. Refused there, with the formula that gives estimatr's and
 * vlab's numbers alike; a term of numbers only (`0 + wt`) is the same fit either way and is kept.
 */
export function refuseLevelsWithoutIntercept(fn: string, formula: string, terms: readonly string[], dataColumns: readonly string[]): void {
  const parsed = parseFormula(fn, formula, dataColumns);
  if (parsed.intercept) return;
  const labels = new Set(parsed.terms.map((term) => term.map((k) => parsed.variables[k]).join(':')));
  const coded = terms.find((term) => !labels.has(term));
  if (coded === undefined) return;
  throw new AnalysisError(
    fn,
    `fixedEffects with a formula without an intercept ("${formula}") and a term coded by its levels (${coded}): estimatr leaves out whichever level its pivoted QR picks there, which vlab does not reproduce; write the formula with its intercept (the fixed effects absorb it anyway), which estimatr and vlab fit alike`,
  );
}

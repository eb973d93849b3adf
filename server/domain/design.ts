import type { StudyDefinition } from './study-definition.ts';

/** The factors of a study in definition order, each with its level codes in order (first = reference). */
export interface Design {
  factors: { name: string; levels: string[] }[];
  nCells: number;
}

/** A condition: factor name → level code, e.g. `{ regime: 'democracy', ..., behavior: 'evict_troops' }`. */
export type Assignment = Record<string, string>;

export function designOf(def: Pick<StudyDefinition, 'factors'>): Design {
  const factors = def.factors.map((f) => ({ name: f.name, levels: f.levels.map((l) => l.code) }));
  return { factors, nCells: factors.reduce((n, f) => n * f.levels.length, 1) };
}

/**
 * The condition of cell `index` of the full factorial, in mixed radix with the last factor varying fastest:
 * cell 0 is every factor at its first level.
 */
export function cellAssignment(design: Design, index: number): Assignment {
  if (!Number.isInteger(index) || index < 0 || index >= design.nCells) {
    throw new RangeError(`cellAssignment: cell ${index} outside 0..${design.nCells - 1}`);
  }
  const out: Assignment = {};
  let rest = index;
  for (let i = design.factors.length - 1; i >= 0; i--) {
    const { name, levels } = design.factors[i]!;
    out[name] = levels[rest % levels.length]!;
    rest = Math.floor(rest / levels.length);
  }
  return Object.fromEntries(design.factors.map((f) => [f.name, out[f.name]!]));
}

/** Every cell of the design, in index order. */
export function allCells(design: Design): Assignment[] {
  return Array.from({ length: design.nCells }, (_, i) => cellAssignment(design, i));
}

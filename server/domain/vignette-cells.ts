import { cellAssignment, designOf, type Assignment, type Design } from './design.ts';
import { isAllowed } from './restrictions.ts';
import type { StudyDefinition } from './study-definition.ts';

/**
 * The cells a vignette design draws from: the full factorial's cells that break no restriction, each with its
 * multiplicity in a block — the product of its levels' weights (1 when unweighted), divided by the greatest
 * common divisor of all multiplicities so that weights 2 : 2 mean the same as 1 : 1. Weights of vignette
 * designs are whole numbers (design-problems.ts refuses others), so a block is an exact multiset of cells and
 * a cell's share of every block is exactly multiplicity / total.
 */
export interface VignetteSpace {
  /** The full factorial; cell indices are its mixed-radix indices (design.ts), restricted or not. */
  design: Design;
  /** The allowed cells in index order. */
  cells: { index: number; assignment: Assignment; multiplicity: number }[];
  /** Sum of the allowed cells' multiplicities: a block of one-vignette respondents has this many draws. */
  total: number;
}

/** What the randomization reads of a definition: its factors (levels, weights) and restrictions. */
export type DesignFactors = Pick<StudyDefinition, 'factors' | 'restrictions'>;

const spaces = new WeakMap<DesignFactors, VignetteSpace>();

export function vignetteSpace(def: DesignFactors): VignetteSpace {
  let space = spaces.get(def);
  if (!space) {
    const design = designOf(def);
    const weight = new Map(def.factors.flatMap((f) => f.levels.map((l) => [`${f.name}\u0000${l.code}`, l.weight ?? 1] as const)));
    const rules = def.restrictions ?? [];
    const cells: VignetteSpace['cells'] = [];
    for (let index = 0; index < design.nCells; index++) {
      const assignment = cellAssignment(design, index);
      if (!isAllowed(rules, assignment)) continue;
      const multiplicity = Object.entries(assignment).reduce((m, [factor, level]) => m * weight.get(`${factor}\u0000${level}`)!, 1);
      cells.push({ index, assignment, multiplicity });
    }
    const divisor = cells.reduce((g, c) => gcd(g, c.multiplicity), 0) || 1;
    for (const c of cells) c.multiplicity /= divisor;
    space = { design, cells, total: cells.reduce((t, c) => t + c.multiplicity, 0) };
    spaces.set(def, space);
  }
  return space;
}

export function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * P(a vignette shows `level` of `factor`): the share of the block's draws whose cell has that level. Each of
 * a respondent's vignettes has this distribution (vignette-draws.ts); restrictions and weights both move it
 * away from 1 / number of levels.
 */
export function vignetteLevelProbability(space: VignetteSpace, factor: string, level: string): number {
  return space.cells.reduce((p, c) => (c.assignment[factor] === level ? p + c.multiplicity : p), 0) / space.total;
}

import { blockRandom, shuffleInPlace } from './assignment.ts';
import { profileProbability, type ProfileSpace } from './conjoint-profiles.ts';
import type { Assignment } from './design.ts';
import { isAllowed } from './restrictions.ts';
import type { ConjointDesign, Restriction } from './study-design.ts';

/**
 * A conjoint respondent's tasks, drawn from the wave's seed and the respondent's draw index alone. The
 * generator is sfc32 seeded from sha256("vlab-permuted-blocks:v1:conjoint:<seed>:<draw index>") (assignment.ts
 * `blockRandom(`conjoint:${seed}`, d)`), used in this order:
 * 1. with `attributeOrder: random-per-respondent`, a Fisher–Yates shuffle of the attributes (definition order):
 *    the rows of every task's table for this respondent;
 * 2. for each task, for each profile: each attribute in definition order gets the first level whose cumulative
 *    weight exceeds u · (total weight); a profile that breaks a restriction is discarded and drawn again.
 * Profiles are independent across profiles and tasks (two profiles of a task may coincide, as in Hainmueller,
 * Hopkins & Yamamoto 2014). Every profile carries its exact probability (conjoint-profiles.ts).
 */

export interface ConjointProfile {
  levels: Assignment;
  /** P(a profile shows exactly these levels) under the weights and restrictions. */
  probability: number;
}

export interface ConjointDraw {
  /** Attribute names in the order this respondent's tables show them. */
  attributeOrder: string[];
  /** tasks[t][p]: profile p + 1 of task t + 1. */
  tasks: ConjointProfile[][];
}

export function drawConjoint(
  space: ProfileSpace,
  design: Pick<ConjointDesign, 'tasks' | 'profilesPerTask' | 'attributeOrder'>,
  rules: readonly Restriction[],
  seed: string,
  drawIndex: number,
): ConjointDraw {
  if (!Number.isInteger(drawIndex) || drawIndex < 0) {
    throw new RangeError(`drawConjoint: draw index must be a non-negative integer, got ${drawIndex}`);
  }
  const next = blockRandom(`conjoint:${seed}`, drawIndex);
  const names = space.attributes.map((a) => a.name);
  const attributeOrder = design.attributeOrder === 'random-per-respondent' ? shuffleInPlace([...names], next) : names;
  const totals = space.attributes.map((a) => a.weights.reduce((t, w) => t + w, 0));
  const drawProfile = (): Assignment => {
    for (;;) {
      const levels: Assignment = {};
      space.attributes.forEach((a, i) => {
        const target = next() * totals[i]!;
        let cumulative = 0;
        // The last level also catches a target that rounding lifted to the total.
        levels[a.name] = a.levels.find((_, k) => (cumulative += a.weights[k]!) > target) ?? a.levels.at(-1)!;
      });
      if (isAllowed(rules, levels)) return levels;
    }
  };
  const tasks = Array.from({ length: design.tasks }, () =>
    Array.from({ length: design.profilesPerTask }, () => {
      const levels = drawProfile();
      return { levels, probability: profileProbability(space, levels) };
    }),
  );
  return { attributeOrder, tasks };
}

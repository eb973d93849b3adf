import type { Answers } from '../answers.ts';
import type { Assignment } from '../design.ts';

/**
 * Whether an interaction's `when` holds for a respondent: each name is a factor (the level shown) or a covariate (the
 * respondent's answer, compared as text, as simulation.json writes choices), interaction-check.ts. Shared by the
 * outcome scales (respondent.ts' latentMean) and the choice logits (choice-outcome.ts).
 */
export function interactionApplies(when: Record<string, string>, assignment: Assignment, covariates: Answers): boolean {
  const shown = (name: string) => (name in assignment ? assignment[name] : covariates[name] === undefined ? undefined : String(covariates[name]));
  return Object.entries(when).every(([name, value]) => shown(name) === value);
}

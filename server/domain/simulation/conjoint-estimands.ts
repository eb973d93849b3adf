import { profileSpace } from '../conjoint-profiles.ts';
import type { Assignment } from '../design.ts';
import { isAllowed } from '../restrictions.ts';
import { studyDesign } from '../study-design.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { choiceProbabilities } from './expected.ts';
import { completesMix } from './quota-composition.ts';
import { firstChoiceProbability, profileUtility } from './conjoint-respondent.ts';
import { requireModel } from './respondent.ts';

/**
 * The exact estimands of a conjoint under its simulation model and design — what a very large sample converges
 * to — computed by enumerating the allowed profiles with their exact probabilities (conjoint-profiles.ts), never
 * by simulation. F(x), the expected outcome of a profile x, averages over the respondents' covariates (the
 * model's shares, a quota variable's as the quotas leave them among the completes (quota-composition.ts), or fixed
 * by `given` for a subgroup) and, for the forced choice, over the other profile z of
 * the task drawn from the design: Σ_z P(z) / (1 + exp(U(z) − U(x))). For the rating it is the mean of the
 * rounded, clipped latent (expected.ts).
 *
 * - Marginal mean of level l of attribute a: E[F(x) | x_a = l] under the design (cregg's `mm`).
 * - AMCE of l against the reference level r (Hainmueller, Hopkins & Yamamoto 2014, definition with
 *   restrictions): the average of F(l, x₋ₐ) − F(r, x₋ₐ) over the other attributes x₋ₐ drawn as the design
 *   draws them, among those with which both l and r are allowed. With a restricted attribute whose partner
 *   levels are equally weighted this is what cregg's constrained `amce` (the interaction terms averaged with
 *   equal weights) converges to; unequal weights on the partner attribute would make the two differ.
 */
export interface ConjointEstimand {
  attribute: string;
  level: string;
  /** 0 for the reference level; null when the rules never let the level and the reference share the other attributes. */
  amce: number | null;
  mm: number;
}

export function conjointEstimands(def: StudyDefinition, outcome: 'choice' | 'rating', given: Record<string, string> = {}): ConjointEstimand[] {
  const model = requireModel(def);
  const design = studyDesign(def);
  const conjoint = model.conjoint;
  if (!conjoint || design.kind !== 'conjoint') throw new RangeError(`conjointEstimands: study "${def.id}" has no conjoint model`);
  if (outcome === 'choice' && !design.outcomes.choice) throw new RangeError(`conjointEstimands: study "${def.id}" asks no choice`);
  if (outcome === 'rating' && !design.outcomes.rating) throw new RangeError(`conjointEstimands: study "${def.id}" asks no rating`);
  const space = profileSpace(def);
  const profiles = allowedProfiles(def);
  const key = (levels: Assignment) => space.attributes.map((a) => levels[a.name]).join('\u0000');
  const free = Object.keys(conjoint.covariates ?? {}).filter((c) => !(c in given));
  const expected = new Map(profiles.map((p) => [key(p.levels), 0]));
  for (const profile of completesMix(def, free, given)) {
    const covariates = { ...profile.values, ...given };
    const utilities = profiles.map((p) => profileUtility(conjoint, p.levels, covariates));
    profiles.forEach((p, i) => {
      let f: number;
      if (outcome === 'choice') {
        f = profiles.reduce((sum, z, j) => sum + z.probability * firstChoiceProbability(utilities[i]!, utilities[j]!), 0);
      } else {
        const { mean, slope, sd, respondent } = conjoint.rating!;
        const values = design.outcomes.rating!.choices.map((c) => c.value);
        const spread = Math.hypot(sd, (respondent ?? 0) * model.respondentSd);
        f = choiceProbabilities(values, mean + slope * utilities[i]!, spread).reduce((sum, { value, p: q }) => sum + q * value, 0);
      }
      expected.set(key(p.levels), expected.get(key(p.levels))! + profile.p * f);
    });
  }
  const rules = def.restrictions ?? [];
  return space.attributes.flatMap(({ name, levels }) =>
    levels.map((level) => {
      const withLevel = profiles.filter((p) => p.levels[name] === level);
      const mm = withLevel.reduce((s, p) => s + p.probability * expected.get(key(p.levels))!, 0) / withLevel.reduce((s, p) => s + p.probability, 0);
      const comparable = withLevel.filter((p) => isAllowed(rules, { ...p.levels, [name]: levels[0]! }));
      const weight = comparable.reduce((s, p) => s + p.probability, 0);
      const amce = comparable.length
        ? comparable.reduce((s, p) => s + p.probability * (expected.get(key(p.levels))! - expected.get(key({ ...p.levels, [name]: levels[0]! }))!), 0) / weight
        : null;
      return { attribute: name, level, amce, mm };
    }),
  );
}

/** Every allowed profile with its exact probability: the product of its components' combinations. */
export function allowedProfiles(def: StudyDefinition): { levels: Assignment; probability: number }[] {
  let profiles: { levels: Assignment; probability: number }[] = [{ levels: {}, probability: 1 }];
  for (const component of profileSpace(def).components) {
    profiles = profiles.flatMap((p) => component.combinations.map((c) => ({ levels: { ...p.levels, ...c.levels }, probability: p.probability * c.probability })));
  }
  return profiles;
}

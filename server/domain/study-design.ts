import { z } from 'zod';
import { localizedText } from './localized-text.ts';
import { identifier, levelCode } from './definition-codes.ts';

/**
 * The `design` and `restrictions` sections of a study definition (docs/designs.md). A study without `design` is
 * what every study was before designs existed: one vignette per respondent over the full factorial of its
 * factors, so old definitions keep their meaning unchanged.
 *
 * - `vignette`: each respondent reads `vignettesPerRespondent` vignettes (distinct cells, random order), each
 *   followed by the outcome pages; the template and factors are the study's `vignette` and `factors`.
 * - `conjoint`: the study's `factors` are the attributes; each respondent does `tasks` tasks, each showing
 *   `profilesPerTask` profiles in a table (attributes as rows), and answers a forced choice between the
 *   profiles and/or a rating of each (`outcomes`).
 *
 * `restrictions` (both kinds) are rules over the factors' levels: `{ "if": { "behavior": "evict_troops" },
 * "then": { "troops": ["stationed"] } }` never shows a combination whose `behavior` is `evict_troops` unless
 * its `troops` is `stationed`. Cross-checks against the factors live in design-problems.ts.
 */

/** One level code, or a list of them (any of which satisfies the rule). */
const levelList = z.union([levelCode, z.array(levelCode).min(1)]);
const condition = z
  .record(identifier, levelList)
  .refine((c) => Object.keys(c).length > 0, 'expected at least one factor, e.g. { "behavior": ["evict_troops"] }');

export const restrictionSchema = z.strictObject({
  /** Every factor named here shows one of its listed levels… */
  if: condition,
  /** …then every factor named here must show one of its listed levels. */
  then: condition,
  /** Why the combination is impossible, for the codebook and reviewers. */
  why: z.string().trim().min(1).optional(),
});

const vignetteDesign = z.strictObject({
  kind: z.literal('vignette'),
  /** Distinct cells each respondent reads, one after another (default 1). */
  vignettesPerRespondent: z.number().int().min(1).max(20).optional(),
});

const ratingChoice = z.strictObject({ value: z.number().int(), text: localizedText });

const conjointDesign = z.strictObject({
  kind: z.literal('conjoint'),
  tasks: z.number().int().min(1).max(30),
  profilesPerTask: z.union([z.literal(1), z.literal(2)], { error: 'expected 1 or 2' }),
  /** `random-per-respondent`: the rows of the table in an order drawn once per respondent; `fixed`: as listed. */
  attributeOrder: z.enum(['random-per-respondent', 'fixed'], { error: 'expected "random-per-respondent" or "fixed"' }),
  /** What a task page says above the table; the page adds "Task 2 of 5". */
  task: z.strictObject({
    title: localizedText,
    instructions: localizedText.optional(),
    /** Column heads, one per profile, e.g. "Partner A", "Partner B". */
    profileLabels: z.array(localizedText).min(1).max(2),
  }),
  outcomes: z
    .strictObject({
      /** A forced choice between the task's two profiles; `name` is the 0/1 column of the profile rows. */
      choice: z.strictObject({ name: identifier, title: localizedText }).optional(),
      /** A rating of each profile on `choices` (numeric values); `name` is the column of the profile rows. */
      rating: z.strictObject({ name: identifier, title: localizedText, choices: z.array(ratingChoice).min(2) }).optional(),
    })
    .refine((o) => o.choice || o.rating, 'expected a "choice", a "rating" or both'),
});

export const studyDesignSchema = z.discriminatedUnion('kind', [vignetteDesign, conjointDesign], {
  error: (issue) => (issue.code === 'invalid_union' ? 'kind must be "vignette" or "conjoint"' : undefined),
});

export type Restriction = z.infer<typeof restrictionSchema>;
export type ConjointDesign = z.infer<typeof conjointDesign>;
export type VignetteDesign = { kind: 'vignette'; vignettesPerRespondent: number };
/** A study's design with its defaults filled in. */
export type StudyDesign = VignetteDesign | ConjointDesign;

/** The design of a definition; without a `design` section, one vignette per respondent. */
export function studyDesign(def: { design?: z.infer<typeof studyDesignSchema> | undefined }): StudyDesign {
  const design = def.design;
  if (design?.kind === 'conjoint') return design;
  return { kind: 'vignette', vignettesPerRespondent: design?.vignettesPerRespondent ?? 1 };
}

import { z } from 'zod';
import { identifier } from '../definition-codes.ts';

/**
 * The simulation model of a study (survey-definitions/<id>/simulation.json): a data-generating process for
 * every answer a synthetic respondent gives. Cross-checks against the study itself (every question has a
 * model, effects name real factors and levels) live in model-check.ts and run with the definition's own
 * validation, so a mistake names simulation.json and the field.
 *
 * - `covariates`: pre-treatment choice questions, each drawn independently from its shares.
 * - `outcomes`: questions with numeric choices (a 1–5 scale). A latent normal
 *   `mean + Σ effects[factor][level] + Σ interactions + Σ covariates[question][value] + respondent · u + sd · e`
 *   (u, e standard normal; u shared by every outcome of one respondent) is rounded to the nearest choice and
 *   clipped to the scale, as in tests/reference/r/alliance.R. Effects are shifts of the latent relative
 *   to the first (reference) level, which is therefore never listed; `interactions` add a shift when every
 *   listed factor shows the listed (non-reference) level, e.g. `{ when: { strategy: 'evict_troops',
 *   outside_option: 'rival_courting' }, shift: -0.2 }`; `when` may also name a covariate and one of its choices,
 *   so the shift applies only to respondents who gave that answer (a moderated effect: `{ regime: 'autocracy',
 *   party: 'republican' }`).
 * - `choices`: questions whose choices are not a scale (for / against / abstain), as a multinomial logit
 *   (choice-outcome.ts): the log-odds of choice c are `log(shares[c]) + Σ effects[factor][level][c] +
 *   Σ covariates[question][value][c] + Σ interactions[i].shift[c]` (those whose `when` holds), so `shares` are the choices' probabilities in the reference condition for a
 *   respondent whose covariates shift nothing, and a shift of +0.5 on a choice multiplies its odds against every
 *   other choice by e^0.5. One uniform a question (and vignette) draws the answer.
 * - `recall`: manipulation checks whose choices are a factor's level codes: the respondent names the level
 *   they were shown with probability `correct`, else another level at random.
 * - `conjoint`: the utility model of a conjoint's choices and ratings (below).
 * - With several vignettes per respondent, each vignette's outcomes follow `outcomes` for that vignette's
 *   condition, with fresh noise `e` and the same respondent latent `u` for all of a respondent's vignettes.
 * - `consentDeclined` (screened out at consent), `attrition` (start, then leave on a random later page without
 *   completing), `attention.fail` (answer the attention check with a wrong choice; such respondents answer
 *   everything else from the model, as in alliance.R).
 */

const probability = z.number().min(0).max(1);
const shift = z.number().finite();

const shares = z.record(z.string().min(1), probability);

const outcomeModel = z.strictObject({
  mean: z.number().finite(),
  sd: z.number().positive(),
  /** Loading on the respondent's shared latent (sd `respondentSd`): correlates a respondent's outcomes. */
  respondent: z.number().finite().optional(),
  effects: z.record(identifier, z.record(z.string().min(1), shift)).optional(),
  covariates: z.record(identifier, z.record(z.string().min(1), shift)).optional(),
  /** Extra shifts for combinations of two or more factors' levels and covariates' answers (beyond the sum of their effects). */
  interactions: z.array(z.strictObject({ when: z.record(identifier, z.string().min(1)), shift })).optional(),
});

/** choice → shift of its log-odds. */
const choiceShifts = z.record(z.string().min(1), shift);

const choiceModel = z.strictObject({
  shares,
  /** factor → non-reference level → choice → shift of that choice's log-odds. */
  effects: z.record(identifier, z.record(z.string().min(1), choiceShifts)).optional(),
  /** covariate → value → choice → shift of that choice's log-odds. */
  covariates: z.record(identifier, z.record(z.string().min(1), choiceShifts)).optional(),
  /** As an outcome's interactions (factors' levels, covariates' choices), each with a log-odds shift per choice. */
  interactions: z.array(z.strictObject({ when: z.record(identifier, z.string().min(1)), shift: choiceShifts })).optional(),
});

const recallModel = z.strictObject({ factor: identifier, correct: probability });

/** attribute → non-reference level → shift, relative to the first (reference) level. */
const levelShifts = z.record(identifier, z.record(z.string().min(1), shift));

/**
 * A conjoint respondent (conjoint-respondent.ts): each profile has a utility U = Σ utilities[attribute][level]
 * + Σ interactions + Σ covariates[question][value][attribute][level] (the respondent's own answers moving the
 * weights, e.g. Republicans caring more about regime). The forced choice is logit: profile 1 is chosen with
 * probability 1 / (1 + exp(−(U₁ − U₂))). The rating is a latent normal `rating.mean + rating.slope · U +
 * rating.respondent · u + rating.sd · e` (u the respondent's shared latent, sd `respondentSd`), rounded to the
 * nearest choice and clipped to the scale, like every other outcome.
 */
const conjointModel = z.strictObject({
  utilities: levelShifts,
  interactions: z.array(z.strictObject({ when: z.record(identifier, z.string().min(1)), shift })).optional(),
  covariates: z.record(identifier, z.record(z.string().min(1), levelShifts)).optional(),
  rating: z
    .strictObject({ mean: z.number().finite(), slope: z.number().finite(), sd: z.number().positive(), respondent: z.number().finite().optional() })
    .optional(),
});

export const simulationModelSchema = z.strictObject({
  description: z.string().trim().min(1).optional(),
  consentDeclined: probability.default(0),
  attrition: probability.default(0),
  attention: z.strictObject({ fail: probability }).optional(),
  /** Standard deviation of the respondent's shared latent (0 or absent: outcomes independent given covariates). */
  respondentSd: z.number().min(0).default(0),
  covariates: z.record(identifier, shares).default({}),
  /**
   * Default `{}`: a conjoint models its choice and rating under `conjoint`, as docs/designs.md shows it (until
   * walk-through 32 such a model was refused, "outcomes: missing"). A vignette study that leaves it out is refused
   * by model-check.ts, naming each outcome question that has no model. A model that writes it hashes as before.
   */
  outcomes: z.record(identifier, outcomeModel).default({}),
  /** Optional without a default: a model without choices parses (and hashes, contentHash) as it always did. */
  choices: z.record(identifier, choiceModel).optional(),
  recall: z.record(identifier, recallModel).default({}),
  /** Required for a conjoint design, refused for vignette designs. */
  conjoint: conjointModel.optional(),
  /**
   * Share of respondents who ask for each of the study's languages (`{ "en": 0.7, "es": 0.3 }`), as links with
   * `?lang=` would: one `vlab simulate` run then mixes them. Absent: every respondent takes the wave's default (or
   * `--language`, which overrides this). Optional without a default, so a model without it hashes as before.
   */
  languages: z.record(z.string().min(1), probability).optional(),
});

export type SimulationModel = z.infer<typeof simulationModelSchema>;
export type OutcomeModel = z.infer<typeof outcomeModel>;
export type ChoiceModel = z.infer<typeof choiceModel>;
export type ConjointModel = z.infer<typeof conjointModel>;

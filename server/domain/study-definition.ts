import { createHash } from 'node:crypto';
import { z } from 'zod';
import { lookalikeReason, readerForm } from '../../analysis/helpers/did-you-mean.ts';
import { invisibleShown } from '../../analysis/helpers/invisible-characters.ts';
import { canonicalJson, choiceValues } from './definition-elements.ts';
import { simulationModelSchema } from './simulation/model-schema.ts';
import { analysisPlanSchema } from './plan/plan-schema.ts';
import { quotasSchema } from './quota.ts';
import { describeIssues, issuePath } from './zod-issues.ts';
import { findUnstorableText } from './text-characters.ts';
import { levelText, localeCode, localizedText } from './localized-text.ts';
import { restrictionSchema, studyDesignSchema } from './study-design.ts';
import { identifier, levelCode } from './definition-codes.ts';
import { ratingCountProblem, ratingRangeProblem } from './surveyjs-answer-shape.ts';
import { definitionCrossChecks } from './definition-checks.ts';
import { autocompletePurpose } from './autocomplete-purposes.ts';

/** Names the server uses in every participant's survey (survey-names.ts); definitions may not reuse them. */
export { CONSENT_QUESTION, VIGNETTE_ELEMENT, VIGNETTE_REOPENED, VIGNETTE_REREAD_ELEMENT } from './survey-names.ts';

/**
 * The format of a study definition (survey-definitions/<id>/), validated when the server or a CLI verb
 * loads it. SurveyJS elements are checked for what the platform relies on (type, name, choices, scale) and
 * otherwise passed through, so researchers can use SurveyJS's own layout properties.
 */

const text = z.string().trim().min(1);
/** What respondents read: one string, or one per locale in a study with several (localized-text.ts). */
const respondentText = localizedText;

const level = z.strictObject({
  code: levelCode,
  /** Researcher-facing label (codebook, dashboard); never shown to respondents. */
  label: text,
  /**
   * The respondent-facing fragment substituted for `{factor}` in the vignette template (a conjoint: the table cell);
   * a vignette level's may be empty, leaving its sentence out (vignette.ts).
   */
  text: levelText,
  /**
   * Relative probability of the level (default 1): a conjoint draws levels in proportion to it; a vignette
   * design repeats each cell the product of its levels' weights times in every block (whole numbers only).
   */
  weight: z.number().positive('expected a positive weight (a level that should never be shown is removed instead)').finite().optional(),
});

/** A vignette's factor, or a conjoint's attribute (`text`: the attribute's name in the table; conjoints only). */
const factor = z.strictObject({
  name: identifier,
  label: text,
  text: respondentText.optional(),
  levels: z.array(level).min(2),
});

const choiceValue = z.union([z.string().min(1), z.number()]);
const choice = z.union([choiceValue, z.looseObject({ value: choiceValue, text: respondentText.optional() })]);
/**
 * Two choices with one value (or 1 beside "1": one cell in the CSV) would store two answers as the same:
 * the second is refused at its value. So is one that only looks the same — "café" precomposed (NFC) beside
 * "cafe" + a combining accent (NFD), "yes" beside "yes" + U+200B, "yes " beside "yes", a full-width "Ａ" beside "A"
 * — which split one answer in two in every table and model while the page, the codebook and data.csv show one text
 * twice (attacker passes 37 and 38).
 */
const choiceList = z.array(choice).min(2).superRefine((choices, ctx) => {
  const first = new Map<string, number>();
  const values = choices.map((c) => (typeof c === 'object' ? c.value : c));
  values.forEach((value, i) => {
    const seen = first.get(readerForm(String(value)));
    if (seen === undefined) first.set(readerForm(String(value)), i);
    else {
      const other = values[seen]!;
      const message =
        String(other) === String(value)
          ? `duplicate choice value ${JSON.stringify(value)} (choice ${seen + 1} has it too): each answer must be told apart in the data`
          : `choice value "${invisibleShown(String(value))}" looks the same as choice ${seen + 1}'s "${invisibleShown(String(other))}": ${lookalikeReason(String(value), String(other))}; each answer must be told apart in the data`;
      ctx.addIssue({ code: 'custom', path: typeof choices[i] === 'object' ? [i, 'value'] : [i], message });
    }
  });
});

/**
 * Every object JSON.parse makes inherits `constructor` (the one snake_case member of Object.prototype), so an
 * answer body without that question would still seem to answer it: the name is refused.
 */
const questionName = identifier.refine((name) => name !== 'constructor', {
  message: '"constructor" is a name every JavaScript object already has (an answer under it could not be told from none): choose another name',
});

const questionBase = {
  name: questionName,
  title: respondentText.optional(),
  isRequired: z.boolean().optional(),
  /** Questions with the same battery name are stacked together by the long export (item, value). */
  battery: identifier.optional(),
};

const element = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('html'), name: identifier, html: respondentText }),
  z.looseObject({ type: z.enum(['radiogroup', 'dropdown', 'checkbox']), ...questionBase, choices: choiceList }),
  z
    .looseObject({
      type: z.literal('rating'),
      ...questionBase,
      rateMin: z.number().int().optional(),
      rateMax: z.number().int().optional(),
      rateValues: choiceList.optional(),
    })
    // Here, and ending the parse (continue: false): the definition's own checks list the values (choiceValues),
    // which took 75 s and 3.4 GB for a range of 10⁸.
    .superRefine((e, ctx) => {
      const problem = ratingRangeProblem(e) ?? ratingCountProblem(e);
      if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, continue: false });
    }),
  z.looseObject({ type: z.literal('boolean'), ...questionBase }),
  z.looseObject({ type: z.literal('text'), ...questionBase, inputType: z.enum(['text', 'number']).optional(), autocomplete: autocompletePurpose.optional() }),
  z.looseObject({ type: z.literal('comment'), ...questionBase }),
]);

const page = z.looseObject({
  name: identifier,
  title: respondentText.optional(),
  description: respondentText.optional(),
  elements: z.array(element).min(1),
});

/**
 * Population proportions of pre-treatment answers (e.g. US adults by age group), for raking weights and for
 * quotas. `source` cites where the figures come from, so a reader can check them.
 */
const populationMargins = z.strictObject({
  source: text,
  margins: z.record(identifier, z.record(z.string().min(1), z.number().positive().max(1))),
  /**
   * Answers with no population figure (e.g. gender: "nonbinary", "prefer_not_to_say", which a census of sex does
   * not count): the shares in `margins` are of the respondents giving the other answers. Such an answer takes
   * no quota slot, and a plan cannot rake on its variable.
   */
  noPopulationShare: z.record(identifier, z.array(z.string().min(1)).min(1)).optional(),
});

/** A study's id: kebab-case, as in `survey-definitions/<id>/`. */
export const STUDY_ID = /^[a-z][a-z0-9-]*$/;

const definitionShape = z
  .strictObject({
    id: z.string().regex(STUDY_ID, 'expected a kebab-case study id'),
    version: z.number().int().positive(),
    /** Locales participants may take the study in, the default first (without it: English only). */
    locales: z.array(localeCode).min(1).optional(),
    title: respondentText,
    /** For researchers (study list, codebook); respondents never see it. */
    description: text.optional(),
    consent: z.strictObject({
      title: respondentText,
      paragraphs: z.array(respondentText).min(1),
      question: respondentText,
      agreeLabel: respondentText,
      declineLabel: respondentText,
    }),
    /** One vignette per respondent when absent; see study-design.ts and docs/designs.md. */
    design: studyDesignSchema.optional(),
    /** The randomized features: a vignette's factors or a conjoint's attributes. */
    factors: z.array(factor).min(1),
    /** Combinations of levels never shown (restrictions.ts). */
    restrictions: z.array(restrictionSchema).optional(),
    /** Required by vignette designs; a conjoint has none. */
    vignette: z
      .strictObject({
        title: respondentText,
        instructions: respondentText.optional(),
        /** Paragraphs with `{factor}` placeholders; every factor must appear (in every locale). */
        template: z.array(respondentText).min(1),
        /** Offer "Read the situation again" on the outcome pages (default true). */
        reread: z.boolean().optional(),
      })
      .optional(),
    pages: z.strictObject({
      pretreatment: z.array(page),
      /** After each vignette (at least one page); a conjoint asks its outcomes in each task instead (none). */
      outcomes: z.array(page),
      posttreatment: z.array(page),
    }),
    attentionCheck: z
      .strictObject({ question: identifier, passValue: choiceValue, derivedColumn: identifier })
      .optional(),
    /** The pre-registered analysis plan (server/domain/plan/plan-schema.ts; docs/analysis-plans.md). */
    analysisPlan: analysisPlanSchema,
    populationMargins: populationMargins.optional(),
    /** Demographic quotas per wave (server/domain/quota.ts); caps come from the population margins. */
    quotas: quotasSchema.optional(),
    simulation: simulationModelSchema.optional(),
  });

/** The definition as the schema parsed it, before its cross-field checks (definition-checks.ts). */
export type ParsedDefinition = z.infer<typeof definitionShape>;

export const studyDefinitionSchema = definitionShape.superRefine((def, ctx) => {
  definitionCrossChecks(def, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
});

export type StudyDefinition = z.infer<typeof studyDefinitionSchema>;
export type Factor = StudyDefinition['factors'][number];
export type SurveyElement = z.infer<typeof element>;
export type SurveyPage = z.infer<typeof page>;
export type ChoiceValue = z.infer<typeof choiceValue>;
export type PopulationMargins = z.infer<typeof populationMargins>;

export { allElements, canonicalJson, choiceValues, isConditional } from './definition-elements.ts';

/** `{regime}` in a vignette template. */
export const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
/** Whether the outcome pages offer the vignette again: a vignette design unless it sets `vignette.reread: false`. */
export function offersReread(def: Pick<StudyDefinition, 'vignette'>): boolean {
  return def.vignette !== undefined && def.vignette.reread !== false;
}

/** The vignette section, which every vignette design has (design-problems.ts); a conjoint has none. */
export function vignetteOf(def: StudyDefinition): NonNullable<StudyDefinition['vignette']> {
  if (!def.vignette) throw new DefinitionError(`study "${def.id}" has no vignette: it is a conjoint`);
  return def.vignette;
}

export { RESERVED_NAMES } from './definition-checks.ts';

export class DefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DefinitionError';
  }
}

/**
 * Validates a parsed JSON value as a study definition. `source` (usually the file path) starts the message so
 * that a bad definition names its file and field: `survey-definitions/x/study.json: factors[0].levels: ...`.
 * `source` may instead map an issue's path to the file that holds it (a study folder's section files), given
 * also the path to point at in that file (`at`: a misspelt key rather than the field it should have been).
 */
export function parseStudyDefinition(
  value: unknown,
  source: string | ((path: readonly PropertyKey[], at: readonly PropertyKey[]) => { file: string; path: readonly PropertyKey[] }),
): StudyDefinition {
  const where = (path: readonly PropertyKey[]) => (typeof source === 'string' ? { file: source, path } : source(path, path));
  const unstorable = findUnstorableText(value);
  if (unstorable) {
    const place = where(unstorable.path);
    throw new DefinitionError(`${place.file}: ${issuePath(place.path)}: ${unstorable.fieldName ? 'a field name holds' : 'holds'} ${unstorable.reason}`);
  }
  const result = studyDefinitionSchema.safeParse(value);
  if (!result.success) {
    // Every mistake at once, a line each with its place.
    const issues = [...result.error.issues, ...studyOwnIssues(value, result.error.issues)];
    const lines = describeIssues(issues, value, studyDefinitionSchema).map((issue) => {
      const place = typeof source === 'string' ? { file: source, path: issue.path } : source(issue.path, issue.at ?? issue.path);
      return `${place.file}: ${issuePath(place.path)}: ${issue.message}`;
    });
    throw new DefinitionError(lines.join('\n'));
  }
  return result.data;
}

/** The sections of a folder's files other than study.json, which are checked against it. */
const SECTIONS = ['analysisPlan', 'simulation', 'populationMargins', 'quotas'];

/**
 * study.json's own mistakes when only its sections are malformed: zod runs no cross-field check (a placeholder that
 * is no factor) while any field fails, so a misspelt estimator hid a misspelt `{responce}` until the plan was fixed
 * (walk-through 33). The study is checked again with an empty plan and without its other sections, and its own
 * issues kept (those that compare a section with it wait until the section parses).
 */
function studyOwnIssues(value: unknown, issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const inSection = (issue: z.core.$ZodIssue) => SECTIONS.includes(String(issue.path[0]));
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !issues.every(inSection)) return [];
  const { analysisPlan: _plan, simulation: _simulation, populationMargins: _margins, quotas: _quotas, ...study } = value as Record<string, unknown>;
  const alone = studyDefinitionSchema.safeParse({ ...study, analysisPlan: { hypotheses: [] } });
  return alone.success ? [] : alone.error.issues.filter((issue) => !inSection(issue));
}

/** sha256 of the definition with object keys sorted: equal content, equal hash, whatever the file's layout. */
export function contentHash(def: StudyDefinition): string {
  return createHash('sha256').update(canonicalJson(def)).digest('hex');
}

import { createHash } from 'node:crypto';
import { z } from 'zod';
import { allElements, canonicalJson, choiceValues, isConditional } from './definition-elements.ts';
import { checkSimulationModel } from './simulation/model-check.ts';
import { simulationModelSchema } from './simulation/model-schema.ts';
import { analysisPlanSchema } from './plan/plan-schema.ts';
import { planProblems } from './plan/validate-plan.ts';
import { batteryProblems, quotaProblems, quotasSchema } from './quota.ts';
import { closestName } from '../../analysis/helpers/did-you-mean.ts';
import { describeIssues, issuePath } from './zod-issues.ts';
import { findUnstorableText } from './text-characters.ts';
import { localeCode, localizedText, studyLocales, textIn, translationProblems } from './localized-text.ts';
import { conjointChoiceName, conjointRatingName, conjointTaskPageName } from './conjoint-survey.ts';
import { designProblems } from './design-problems.ts';
import { restrictionSchema, studyDesign, studyDesignSchema } from './study-design.ts';
import { identifier, levelCode } from './definition-codes.ts';
import { answerShapeProblems, ratingRangeProblem } from './surveyjs-answer-shape.ts';
import {
  CONSENT_PAGE,
  CONSENT_QUESTION,
  CONSENT_TEXT,
  TREATMENT_PAGE,
  VIGNETTE_ELEMENT,
  VIGNETTE_REOPENED,
  VIGNETTE_REREAD_ELEMENT,
} from './survey-names.ts';

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
  /** The respondent-facing fragment substituted for `{factor}` in the vignette template (a conjoint: the table cell). */
  text: respondentText,
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
 * the second is refused at its value.
 */
const choiceList = z.array(choice).min(2).superRefine((choices, ctx) => {
  const first = new Map<string, number>();
  choices.forEach((c, i) => {
    const value = typeof c === 'object' ? c.value : c;
    const seen = first.get(String(value));
    if (seen === undefined) first.set(String(value), i);
    else {
      const message = `duplicate choice value ${JSON.stringify(value)} (choice ${seen + 1} has it too): each answer must be told apart in the data`;
      ctx.addIssue({ code: 'custom', path: typeof c === 'object' ? [i, 'value'] : [i], message });
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
      const problem = ratingRangeProblem(e);
      if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, continue: false });
    }),
  z.looseObject({ type: z.literal('boolean'), ...questionBase }),
  z.looseObject({ type: z.literal('text'), ...questionBase, inputType: z.enum(['text', 'number']).optional() }),
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

export const studyDefinitionSchema = definitionShape.superRefine((def, ctx) => {
  const fail: Fail = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  const factorNames = checkFactors(def, fail);
  checkTemplate(def, factorNames, fail);
  const names = checkElementNames(def, factorNames, fail);
  checkAnswerShapes(def, fail);
  checkPopulationMargins(def, fail);
  checkQuotaQuestions(def, fail);
  for (const problem of [...quotaProblems(def), ...batteryProblems(def, choiceValues)]) fail(problem.path, problem.message);
  checkAttentionCheck(def, names, factorNames, fail);
  for (const problem of designProblems(def)) fail(problem.path, problem.message);
  for (const problem of planProblems(def)) fail(problem.path, problem.message);
  checkSimulationModel(def, fail);
});

type Fail = (path: PropertyKey[], message: string) => void;
/** The definition as the schema parsed it, before its cross-field checks. */
type ParsedDefinition = z.infer<typeof definitionShape>;

/** Factor names and each factor's level codes are unique; returns the factor names. */
function checkFactors(def: ParsedDefinition, fail: Fail): Set<string> {
  const factorNames = new Set<string>();
  def.factors.forEach((f, i) => {
    if (factorNames.has(f.name)) fail(['factors', i, 'name'], `duplicate factor "${f.name}"`);
    factorNames.add(f.name);
    const codes = new Set<string>();
    f.levels.forEach((l, j) => {
      if (codes.has(l.code)) fail(['factors', i, 'levels', j, 'code'], `duplicate level "${l.code}"`);
      codes.add(l.code);
    });
  });
  return factorNames;
}

/** Every translation is complete, and in each locale the vignette template uses every factor and only factors. */
function checkTemplate(def: ParsedDefinition, factorNames: Set<string>, fail: Fail): void {
  const translations = translationProblems(def);
  for (const problem of translations) fail(problem.path, problem.message);
  // The template's placeholders are checked in each locale; with a translation missing, that message is the one to read.
  const locales = translations.length ? [] : studyLocales(def);
  // A conjoint's vignette is refused by designProblems; its template is not worth checking first.
  for (const locale of def.vignette && studyDesign(def).kind === 'vignette' ? locales : []) {
    const used = new Set<string>();
    const where = locales.length > 1 ? ` (${locale})` : '';
    def.vignette!.template.forEach((localized, i) => {
      const paragraph = textIn(localized, locale);
      // Any name in braces, so that "{Regime}" is an unknown factor with a hint rather than a stray brace.
      for (const [, name] of paragraph.matchAll(PLACEHOLDER_LIKE)) {
        if (!factorNames.has(name!)) {
          const closest = closestName(name!, [...factorNames]);
          const hint = closest ? ` (did you mean "{${closest}}"?)` : '';
          fail(['vignette', 'template', i], `unknown factor "{${name}}"${hint}${where}`);
        }
        used.add(name!);
      }
      if (/[{}]/.test(paragraph.replace(PLACEHOLDER_LIKE, ''))) {
        fail(['vignette', 'template', i], `stray "{" or "}" outside a {factor} placeholder${where}`);
      }
    });
    for (const name of factorNames) {
      if (!used.has(name)) fail(['vignette', 'template'], `factor "${name}" never appears in the template${where}`);
    }
  }
}

/** Element and page names are unique, not reserved and not factor names; returns every name in use. */
function checkElementNames(def: ParsedDefinition, factorNames: Set<string>, fail: Fail): Set<string> {
  const names = new Set<string>(RESERVED_NAMES);
  for (const section of ['pretreatment', 'outcomes', 'posttreatment'] as const) {
    def.pages[section].forEach((p, i) => {
      p.elements.forEach((e, j) => {
        const path = ['pages', section, i, 'elements', j, 'name'];
        if (names.has(e.name)) fail(path, `duplicate or reserved element name "${e.name}"`);
        if (factorNames.has(e.name)) fail(path, `element name "${e.name}" is a factor name`);
        names.add(e.name);
      });
      if (names.has(p.name)) fail(['pages', section, i, 'name'], `page name "${p.name}" is already used`);
      names.add(p.name);
    });
  }
  checkConjointNames(def, names, fail);
  return names;
}

/** No element uses a SurveyJS property under which the page would store answers the server refuses. */
function checkAnswerShapes(def: ParsedDefinition, fail: Fail): void {
  for (const section of ['pretreatment', 'outcomes', 'posttreatment'] as const) {
    def.pages[section].forEach((p, i) =>
      p.elements.forEach((e, j) => {
        for (const problem of answerShapeProblems(e)) fail(['pages', section, i, 'elements', j, ...problem.path], problem.message);
      }),
    );
  }
}

/** A conjoint's generated answer, table and page names (conjoint-survey.ts) must not be the study's own. */
function checkConjointNames(def: ParsedDefinition, names: Set<string>, fail: Fail): void {
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') return;
  const profiles = Array.from({ length: design.profilesPerTask }, (_, i) => i + 1);
  for (let t = 1; t <= design.tasks; t++) {
    const generated: [string, (string | number)[]][] = [[`conjoint_table_t${t}`, ['design']]];
    if (t > 1) generated.push([conjointTaskPageName(t), ['design']]);
    if (design.outcomes.choice) generated.push([conjointChoiceName(design, t), ['design', 'outcomes', 'choice', 'name']]);
    if (design.outcomes.rating) for (const p of profiles) generated.push([conjointRatingName(design, t, p), ['design', 'outcomes', 'rating', 'name']]);
    for (const [name, path] of generated) {
      if (names.has(name)) fail(path, `"${name}" is what task ${t} of the conjoint names its answer, table or page, and the study uses it too: rename one`);
    }
  }
}

/** Population margins name pre-treatment questions and give each choice a share, adding up to 1. */
function checkPopulationMargins(def: ParsedDefinition, fail: Fail): void {
  if (!def.populationMargins) return;
  const pretreatment = def.pages.pretreatment.flatMap((p) => p.elements);
  for (const [variable, shares] of Object.entries(def.populationMargins.margins)) {
    const path = ['populationMargins', 'margins', variable];
    const question = pretreatment.find((e) => e.name === variable);
    if (!question) {
      fail(path, `"${variable}" is not a pre-treatment question`);
      continue;
    }
    const levels = choiceValues(question).map(String);
    const unshared = def.populationMargins.noPopulationShare?.[variable] ?? [];
    const given = Object.keys(shares);
    const missing = levels.filter((l) => !given.includes(l) && !unshared.includes(l));
    const unknown = given.filter((l) => !levels.includes(l));
    const both = given.find((l) => unshared.includes(l));
    if (unknown.length) fail(path, `"${unknown[0]}" is not a choice of "${variable}"`);
    else if (both) fail(path, `"${both}" has a share and is listed in noPopulationShare; keep one`);
    else if (missing.length) fail(path, `no share for "${missing[0]}" (list it in noPopulationShare if there is no population figure)`);
    const total = Object.values(shares).reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-6) fail(path, `shares add up to ${total}, not 1`);
  }
  for (const [variable, answers] of Object.entries(def.populationMargins.noPopulationShare ?? {})) {
    const path = ['populationMargins', 'noPopulationShare', variable];
    const question = pretreatment.find((e) => e.name === variable);
    if (!def.populationMargins.margins[variable]) fail(path, `"${variable}" has no margins`);
    else if (question) {
      const unknown = answers.find((a) => !choiceValues(question).map(String).includes(a));
      if (unknown !== undefined) fail(path, `"${unknown}" is not a choice of "${variable}"`);
    }
  }
}

/**
 * The quota step reads every quota variable's answer before the vignette and refuses without one: a quota question
 * that is optional or shown to some only left those who skipped it or never saw it stuck before the vignette.
 */
function checkQuotaQuestions(def: ParsedDefinition, fail: Fail): void {
  def.quotas?.variables.forEach((variable, i) => {
    const page = def.pages.pretreatment.find((p) => p.elements.some((e) => e.name === variable));
    const question = page?.elements.find((e) => e.name === variable);
    if (!page || !question) return; // not a pre-treatment question: checkPopulationMargins says so
    const why = question.isRequired !== true
      ? 'make it required'
      : isConditional(question)
        ? `it is shown only to some (${'visibleIf' in question ? 'visibleIf' : 'visible: false'})`
        : isConditional(page)
          ? `its page is shown ${'visibleIf' in page ? 'only to some (visibleIf)' : 'to none (visible: false)'}`
          : null;
    if (why) fail(['quotas', 'variables', i], `"${variable}" is a quota variable, which the quota step reads before the vignette, so every respondent must answer it: ${why}`);
  });
}

/** The attention check names a question and one of its choices, and its derived column a free name. */
function checkAttentionCheck(def: ParsedDefinition, names: Set<string>, factorNames: Set<string>, fail: Fail): void {
  if (!def.attentionCheck) return;
  const { question, passValue, derivedColumn } = def.attentionCheck;
  const target = allElements(def).find((e) => e.name === question);
  const pages = [...def.pages.pretreatment, ...def.pages.outcomes, ...def.pages.posttreatment];
  if (!target) fail(['attentionCheck', 'question'], `no question named "${question}"`);
  else if (!choiceValues(target).some((v) => v === passValue)) {
    fail(['attentionCheck', 'passValue'], `${JSON.stringify(passValue)} is not a choice of "${question}"`);
  } else if (isConditional(target) || pages.some((p) => p.elements.includes(target) && isConditional(p))) {
    // attention_pass is 0 without the pass value: those not shown the check would count as failing it.
    const message = `"${question}" is shown only to some respondents (visibleIf or visible: false, on it or its page): the others would count as failing the check`;
    fail(['attentionCheck', 'question'], message);
  }
  if (names.has(derivedColumn) || factorNames.has(derivedColumn)) {
    fail(['attentionCheck', 'derivedColumn'], `"${derivedColumn}" clashes with a question or factor name`);
  }
}

export type StudyDefinition = z.infer<typeof studyDefinitionSchema>;
export type Factor = StudyDefinition['factors'][number];
export type SurveyElement = z.infer<typeof element>;
export type SurveyPage = z.infer<typeof page>;
export type ChoiceValue = z.infer<typeof choiceValue>;
export type PopulationMargins = z.infer<typeof populationMargins>;

export { allElements, canonicalJson, choiceValues, isConditional } from './definition-elements.ts';

/** `{regime}` in a vignette template. */
export const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
/** A name in braces whatever its case (`{Regime}`), for the template check's messages. */
const PLACEHOLDER_LIKE = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** Whether the outcome pages offer the vignette again: a vignette design unless it sets `vignette.reread: false`. */
export function offersReread(def: Pick<StudyDefinition, 'vignette'>): boolean {
  return def.vignette !== undefined && def.vignette.reread !== false;
}

/** The vignette section, which every vignette design has (design-problems.ts); a conjoint has none. */
export function vignetteOf(def: StudyDefinition): NonNullable<StudyDefinition['vignette']> {
  if (!def.vignette) throw new DefinitionError(`study "${def.id}" has no vignette: it is a conjoint`);
  return def.vignette;
}

export const RESERVED_NAMES = [
  CONSENT_QUESTION, CONSENT_TEXT, CONSENT_PAGE, VIGNETTE_ELEMENT, TREATMENT_PAGE, VIGNETTE_REREAD_ELEMENT, VIGNETTE_REOPENED,
];

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
    const lines = describeIssues(result.error.issues, value).map((issue) => {
      const place = typeof source === 'string' ? { file: source, path: issue.path } : source(issue.path, issue.at ?? issue.path);
      return `${place.file}: ${issuePath(place.path)}: ${issue.message}`;
    });
    throw new DefinitionError(lines.join('\n'));
  }
  return result.data;
}

/** sha256 of the definition with object keys sorted: equal content, equal hash, whatever the file's layout. */
export function contentHash(def: StudyDefinition): string {
  return createHash('sha256').update(canonicalJson(def)).digest('hex');
}

import { closestName, didYouMean } from '../../analysis/helpers/did-you-mean.ts';
import { answerLimitBoundProblems } from './answer-limit-bounds.ts';
import { answerLimitReadingProblems } from './answer-limit-readings.ts';
import { conjointChoiceName, conjointRatingName, conjointTaskPageName } from './conjoint-survey.ts';
import { allElements, choiceValues, isConditional } from './definition-elements.ts';
import { designProblems } from './design-problems.ts';
import { studyLocales, textIn, translationProblems } from './localized-text.ts';
import { planProblems } from './plan/validate-plan.ts';
import { batteryProblems, quotaProblems } from './quota.ts';
import { resetCycleProblems } from './reset-cycles.ts';
import { checkSimulationModel } from './simulation/model-check.ts';
import type { ParsedDefinition } from './study-definition.ts';
import { studyDesign } from './study-design.ts';
import { answerShapeProblems, MAX_ANSWER_TEXT } from './surveyjs-answer-shape.ts';
import { CONSENT_PAGE, CONSENT_QUESTION, CONSENT_TEXT, TREATMENT_PAGE, VIGNETTE_ELEMENT, VIGNETTE_REOPENED, VIGNETTE_REREAD_ELEMENT } from './survey-names.ts';

// A study definition's cross-field checks, run by studyDefinitionSchema (study-definition.ts) after the shape is
// parsed: each names the field at fault, and every one runs, so a broken study lists all its mistakes at once.

/** Names the server uses in every participant's survey (survey-names.ts); definitions may not reuse them. */
export const RESERVED_NAMES = [
  CONSENT_QUESTION, CONSENT_TEXT, CONSENT_PAGE, VIGNETTE_ELEMENT, TREATMENT_PAGE, VIGNETTE_REREAD_ELEMENT, VIGNETTE_REOPENED,
];

/** A name in braces whatever its case (`{Regime}`), for the template check's messages. */
const PLACEHOLDER_LIKE = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type Fail = (path: PropertyKey[], message: string) => void;

/** Every cross-field check of a parsed definition, each reporting through `fail`. */
export function definitionCrossChecks(def: ParsedDefinition, fail: Fail): void {
  const factorNames = checkFactors(def, fail);
  checkTemplate(def, factorNames, fail);
  const names = checkElementNames(def, factorNames, fail);
  checkAnswerShapes(def, fail);
  for (const problem of resetCycleProblems(def)) fail(problem.path, problem.message);
  checkPopulationMargins(def, fail);
  checkQuotaQuestions(def, fail);
  for (const problem of [...quotaProblems(def), ...batteryProblems(def, choiceValues)]) fail(problem.path, problem.message);
  checkAttentionCheck(def, names, factorNames, fail);
  for (const problem of designProblems(def)) fail(problem.path, problem.message);
  for (const problem of planProblems(def)) fail(problem.path, problem.message);
  checkSimulationModel(def, fail);
}

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
  // Where each element name is first used, so a duplicate names the other place.
  const firstAt = new Map<string, string>();
  for (const section of ['pretreatment', 'outcomes', 'posttreatment'] as const) {
    def.pages[section].forEach((p, i) => {
      p.elements.forEach((e, j) => {
        const path = ['pages', section, i, 'elements', j, 'name'];
        const other = firstAt.get(e.name);
        if (other) fail(path, `duplicate element name "${e.name}" (also ${other})`);
        else if (RESERVED_NAMES.includes(e.name)) fail(path, `element name "${e.name}" is reserved: the survey uses it itself`);
        else if (names.has(e.name)) fail(path, `element name "${e.name}" is already a page's name`);
        if (factorNames.has(e.name)) fail(path, `element name "${e.name}" is a factor name`);
        names.add(e.name);
        if (!other) firstAt.set(e.name, `pages.${section}[${i}].elements[${j}]`);
      });
      if (names.has(p.name)) fail(['pages', section, i, 'name'], `page name "${p.name}" is already used`);
      names.add(p.name);
    });
  }
  checkConjointNames(def, names, fail);
  return names;
}

/**
 * No element uses a SurveyJS property under which the page would store answers the server refuses, nor a limit SurveyJS
 * reads as another number than it says, nor limits no answer meets.
 */
function checkAnswerShapes(def: ParsedDefinition, fail: Fail): void {
  for (const section of ['pretreatment', 'outcomes', 'posttreatment'] as const) {
    def.pages[section].forEach((p, i) =>
      p.elements.forEach((e, j) => {
        for (const problem of [...answerShapeProblems(e), ...answerLimitReadingProblems(e), ...answerLimitBoundProblems(e)]) fail(['pages', section, i, 'elements', j, ...problem.path], problem.message);
        if ('defaultValue' in e && !takesDefault(e, e.defaultValue)) {
          fail(['pages', section, i, 'elements', j, 'defaultValue'], `${JSON.stringify(e.defaultValue)} is no answer "${e.name}" takes; SurveyJS would store it when the page opens, and every save holding it would be refused`);
        }
      }),
    );
  }
}

/** Whether the server would take `value` as the element's answer: a choice of its own, or a value of its type. */
function takesDefault(e: ParsedDefinition['pages']['outcomes'][number]['elements'][number], value: unknown): boolean {
  if (e.type === 'html') return true;
  if (e.type === 'boolean') return typeof value === 'boolean';
  if (e.type === 'text' && e.inputType === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (e.type === 'text' || e.type === 'comment') return typeof value === 'string' && value.length <= MAX_ANSWER_TEXT;
  const values = choiceValues(e);
  if (e.type === 'checkbox') return Array.isArray(value) && value.every((v) => values.includes(v as never));
  return values.includes(value as never);
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
    if (unknown.length) fail(path, `"${unknown[0]}" is not a choice of "${variable}" (${didYouMean(unknown[0]!, levels)})`);
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
      const choices = choiceValues(question).map(String);
      const unknown = answers.find((a) => !choices.includes(a));
      if (unknown !== undefined) fail(path, `"${unknown}" is not a choice of "${variable}" (${didYouMean(unknown, choices)})`);
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
  if (!target) fail(['attentionCheck', 'question'], `no question named ${JSON.stringify(question)}`);
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

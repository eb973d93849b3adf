import { didYouMean } from '../../../analysis/helpers/did-you-mean.ts';
import { allElements, choiceValues } from '../definition-elements.ts';
import { studyLocales } from '../localized-text.ts';
import type { StudyDefinition, SurveyElement } from '../study-definition.ts';
import { checkDesignModel } from './conjoint-model-check.ts';
import { checkChoiceModel } from './choice-model-check.ts';
import { checkInteraction, type QuestionPlaces } from './interaction-check.ts';
import { modelValues } from './model-values.ts';
import type { OutcomeModel, SimulationModel } from './model-schema.ts';

type Fail = (path: PropertyKey[], message: string) => void;

/**
 * Checks a study's simulation model against the study: every question with choices has exactly one model of a
 * kind that fits it (an optional question without choices, a comment box, is left empty), shares add up to 1 over
 * the question's choices, effects name real factors and non-reference levels, covariate effects name modelled
 * pre-treatment questions and their choices, recall questions list a factor's level codes. Called from the definition's own validation, so paths start at `simulation`.
 */
export function checkSimulationModel(def: StudyDefinition, fail: Fail): void {
  const model = def.simulation;
  if (!model) return;
  const at = (...path: PropertyKey[]) => ['simulation', ...path];
  const questions = new Map(allElements(def).filter((e) => e.type !== 'html').map((e) => [e.name, e]));
  const attentionQuestion = def.attentionCheck?.question;

  if (attentionQuestion && !model.attention) fail(at('attention'), `required: the study has an attention check ("${attentionQuestion}"): give the share who fail it, e.g. "attention": { "fail": 0.05 }`);
  if (!attentionQuestion && model.attention) fail(at('attention'), 'the study has no attention check');

  // Each question is modelled once, in one section; claim() says which and refuses a second model.
  const modelled = new Map<string, string>();
  const claim = (section: string, name: string) => {
    const question = questions.get(name);
    if (!question) return fail(at(section, name), `"${name}" is not a question of the study`), undefined;
    if (name === attentionQuestion) return fail(at(section, name), `"${name}" is the attention check: model it with "attention"`), undefined;
    if (modelled.has(name)) return fail(at(section, name), `"${name}" is already modelled in "${modelled.get(name)}"`), undefined;
    // A checkbox answer is a list of choices; every model draws one value, which the server would refuse.
    if (question.type === 'checkbox') return fail(at(section, name), `"${name}" is a checkbox (several answers at once), which no model answers: leave it out (optional, it is left empty)`), undefined;
    modelled.set(name, section);
    return question;
  };
  const pretreatment = new Set(def.pages.pretreatment.flatMap((p) => p.elements.map((e) => e.name)));
  const places = { pretreatment, all: new Set(questions.keys()), attentionCheck: attentionQuestion };
  const check: ModelCheck = { model, fail, at, claim, factors: new Map(def.factors.map((f) => [f.name, f.levels.map((l) => l.code)])), places };

  for (const [name, shares] of Object.entries(model.covariates)) checkCovariate(check, name, shares, pretreatment);
  for (const [name, outcome] of Object.entries(model.outcomes)) checkOutcome(check, name, outcome);
  for (const [name, choice] of Object.entries(model.choices ?? {})) checkChoiceModel(check, name, choice);
  for (const [name, recall] of Object.entries(model.recall)) checkRecall(check, name, recall.factor);

  for (const [name, question] of questions) {
    if (name === attentionQuestion || modelled.has(name)) continue;
    // A question without choices (a comment or text box) or a checkbox has no model to give: optional, it is left empty.
    // A yes/no question has one (true and false, as a covariate or a choice); optional and unmodelled, it is left empty too.
    if (question.type === 'boolean') {
      if (question.isRequired) fail(at(), requiredYesNoWords(name, pretreatment.has(name)));
      continue;
    }
    const unmodellable = question.type === 'checkbox' ? 'a checkbox' : choiceValues(question).length === 0 ? 'a question without choices' : null;
    if (!unmodellable) fail(at(), `no model for question "${name}" (add it to covariates, outcomes, choices or recall)`);
    else if (question.isRequired) fail(at(), `"${name}" is required, and no simulated respondent can answer ${unmodellable}: make it optional or remove simulation.json`);
  }

  checkDesignModel(def, model, fail);
  if (model.languages) checkLanguages(studyLocales(def), model.languages, fail);
}

/** What to write for a required yes/no question no section models: before the vignette a covariate, after it a choice. */
function requiredYesNoWords(name: string, beforeVignette: boolean): string {
  const section = beforeVignette ? 'covariates' : 'choices';
  const example = beforeVignette ? '{ "true": 0.6, "false": 0.4 }' : '{ "shares": { "true": 0.6, "false": 0.4 } }';
  return `no model for the required yes/no question "${name}": give its shares under "${section}", keyed "true" and "false" (${section}: { "${name}": ${example} })`;
}

/** The languages' shares: each a language of the study, adding up to 1. */
function checkLanguages(locales: readonly string[], shares: Record<string, number>, fail: Fail): void {
  const unknown = Object.keys(shares).find((l) => !locales.includes(l));
  if (unknown) return fail(['simulation', 'languages', unknown], `"${unknown}" is not a language of the study (its languages: ${locales.join(', ')})`);
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  // Rounded: 0.6 + 0.3 is 0.8999999999999999 in binary.
  if (Math.abs(total - 1) > 1e-6) fail(['simulation', 'languages'], `shares add up to ${Number(total.toFixed(6))}, not 1`);
}

/** What the section checks share: the model, where to report, the questions' claims and the factors' level codes. */
export interface ModelCheck {
  model: SimulationModel;
  fail: Fail;
  at: (...path: PropertyKey[]) => PropertyKey[];
  claim: (section: string, name: string) => SurveyElement | undefined;
  factors: Map<string, string[]>;
  /** Which questions come before the vignette (covariates an interaction may name) and which after. */
  places: QuestionPlaces;
}

/** A covariate: a pre-treatment question with choices, and a share for each choice, adding up to 1. */
function checkCovariate({ fail, at, claim }: ModelCheck, name: string, shares: Record<string, number>, pretreatment: Set<string>): void {
  const question = claim('covariates', name);
  if (!question) return;
  if (!pretreatment.has(name)) fail(at('covariates', name), `"${name}" is not a pre-treatment question`);
  // A yes/no question's answers are true and false, keyed "true" and "false" as under `choices`.
  const values = modelValues(question).map(String);
  if (values.length === 0) fail(at('covariates', name), `"${name}" has no choices to draw from`);
  const unknown = Object.keys(shares).find((v) => !values.includes(v));
  const missing = values.find((v) => !(v in shares));
  if (unknown) fail(at('covariates', name, unknown), `"${unknown}" is not a choice of "${name}" (${didYouMean(unknown, values)})`);
  else if (missing) fail(at('covariates', name), `no share for "${missing}"`);
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-6) fail(at('covariates', name), `shares add up to ${total}, not 1`);
}

/** An outcome: a rating scale; effects on non-reference levels; interactions of those and covariates' choices; covariate effects on modelled choices. */
function checkOutcome(check: ModelCheck, name: string, outcome: OutcomeModel): void {
  const { model, fail, at, claim, factors } = check;
  const question = claim('outcomes', name);
  if (!question) return;
  const values = choiceValues(question);
  if (values.length < 2 || values.some((v) => typeof v !== 'number')) {
    fail(at('outcomes', name), `"${name}" needs numeric choices (a rating scale) to be an outcome; model a question whose choices are not a scale under "choices"`);
  }
  for (const [factor, levels] of Object.entries(outcome.effects ?? {})) {
    const codes = factors.get(factor);
    if (!codes) {
      fail(at('outcomes', name, 'effects', factor), `"${factor}" is not a factor of the study`);
      continue;
    }
    for (const level of Object.keys(levels)) {
      if (!codes.includes(level)) fail(at('outcomes', name, 'effects', factor, level), `"${level}" is not a level of "${factor}" (${didYouMean(level, codes)})`);
      else if (level === codes[0]) fail(at('outcomes', name, 'effects', factor, level), `"${level}" is the reference level: effects are relative to it`);
    }
  }
  (outcome.interactions ?? []).forEach((interaction, i) => checkInteraction(check, at('outcomes', name, 'interactions', i, 'when'), interaction.when));
  for (const [covariate, effects] of Object.entries(outcome.covariates ?? {})) {
    const shares = model.covariates[covariate];
    if (!shares) {
      fail(at('outcomes', name, 'covariates', covariate), `"${covariate}" is not a modelled covariate`);
      continue;
    }
    const unknown = Object.keys(effects).find((v) => !(v in shares));
    if (unknown) fail(at('outcomes', name, 'covariates', covariate, unknown), `"${unknown}" is not a choice of "${covariate}" (${didYouMean(unknown, Object.keys(shares))})`);
  }
}

/** A recall question: its choices are the level codes of the factor it asks about. */
function checkRecall({ fail, at, claim, factors }: ModelCheck, name: string, factor: string): void {
  const question = claim('recall', name);
  if (!question) return;
  const codes = factors.get(factor);
  if (!codes) {
    fail(at('recall', name, 'factor'), `"${factor}" is not a factor of the study`);
    return;
  }
  const values = choiceValues(question).map(String);
  const absent = codes.find((c) => !values.includes(c));
  if (absent) fail(at('recall', name), `"${name}" has no choice "${absent}" (its choices must be the level codes of "${factor}")`);
}

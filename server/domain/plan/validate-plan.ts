import { AnalysisError, parseFormula } from '../../../analysis/index.ts';
import { closestName, didYouMean } from '../../../analysis/helpers/did-you-mean.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { codedOutcomeProblems } from './coded-outcomes.ts';
import { planColumns, studyColumns, type ColumnRole } from './plan-columns.ts';
import { expectedTerms, modelRightHandSide, termsHint } from './plan-terms.ts';
import type { Hypothesis, LmRobustHypothesis } from './plan-schema.ts';
import { clusteredByRespondent } from './respondent-clusters.ts';
import { conjointPlanProblems } from './validate-conjoint-plan.ts';

export interface PlanProblem {
  /** Path inside the definition, e.g. ['analysisPlan', 'hypotheses', 0, 'outcomes', 1]. */
  path: PropertyKey[];
  message: string;
}

const PRE_TREATMENT: readonly ColumnRole[] = ['factor', 'pretreatment'];

/**
 * Why a post-treatment column may not select rows or enter as a covariate: the treatment can change who passes
 * the filter (or the covariate's value), so the remaining groups are no longer comparable by randomization.
 */
export function postTreatmentMessage(column: string, role: ColumnRole, use: string): string {
  const when = role === 'outcome' ? 'an outcome' : 'answered after the treatment';
  return (
    `"${column}" is ${when}; ${use} on a post-treatment variable breaks randomization and biases the estimates ` +
    '(the treatment can change who is kept). Use pre-treatment answers (e.g. the attention check) or factors only'
  );
}

/**
 * Checks the plan against the rest of the definition: names refer to existing columns of the right kind,
 * exclusions and subsets use pre-treatment columns only, formulas parse and use no outcome on the right,
 * directions name terms the model will have. Returns every problem found (the loader reports the first).
 */
export function planProblems(def: StudyDefinition): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const columns = planColumns(def);
  const plan = def.analysisPlan;
  const base = ['analysisPlan'];

  // `at` is the list of values (exclusions' keep, subsets' in): a wrong value is reported at its own index.
  const preTreatment = (col: string, at: PropertyKey[], list: 'keep' | 'in', use: string, values?: readonly (string | number)[]) => {
    const path = [...at, 'column'];
    const info = columns.get(col);
    if (!info) return problems.push({ path, message: unknownColumn(col, columns) });
    if (!PRE_TREATMENT.includes(info.role)) return problems.push({ path, message: postTreatmentMessage(col, info.role, use) });
    const index = values?.findIndex((v) => info.values && !info.values.some((allowed) => String(allowed) === String(v))) ?? -1;
    if (index >= 0) {
      const bad = values![index]!;
      const hint = didYouMean(String(bad), info.values!.map(String));
      problems.push({ path: [...at, list, index], message: `${JSON.stringify(bad)} is not a value of "${col}" (${hint})` });
    }
  };

  problems.push(...codedOutcomeProblems(def, studyColumns(def)));
  plan.exclusions?.forEach((e, i) => preTreatment(e.column, [...base, 'exclusions', i], 'keep', 'excluding', e.keep));
  if (plan.weights === 'raking' && !def.populationMargins) {
    problems.push({ path: [...base, 'weights'], message: 'raking needs population margins (population-margins.json)' });
  }

  const methods = new Map<string, string>();
  const sizes = new Map<string, number>();
  plan.hypotheses.forEach((h, i) => {
    if (!h.adjust) return;
    const family = h.adjust.family ?? h.id;
    const method = methods.get(family);
    if (method && method !== h.adjust.method) {
      problems.push({ path: [...base, 'hypotheses', i, 'adjust', 'method'], message: `family "${family}" is adjusted with ${method} elsewhere` });
    }
    methods.set(family, h.adjust.method);
    const n = sizes.get(family);
    if (h.adjust.n !== undefined && n !== undefined && n !== h.adjust.n) {
      problems.push({ path: [...base, 'hypotheses', i, 'adjust', 'n'], message: `family "${family}" is adjusted over n = ${n} elsewhere` });
    }
    if (h.adjust.n !== undefined && n === undefined) sizes.set(family, h.adjust.n);
  });

  const ids = new Set<string>();
  plan.hypotheses.forEach((h, i) => {
    const at = [...base, 'hypotheses', i];
    if (ids.has(h.id)) problems.push({ path: [...at, 'id'], message: `duplicate hypothesis id "${h.id}"` });
    ids.add(h.id);
    h.subset?.forEach((s, j) => {
      // The stack's item column is made by stacking: "unknown column" of the study read as a slip (walk-through 34).
      if (s.column === h.stack?.itemColumn) {
        problems.push({ path: [...at, 'subset', j, 'column'], message: `"${s.column}" is the stack's itemColumn, made by stacking, no column of the data: keep some items by listing only them in stack.items` });
      } else preTreatment(s.column, [...at, 'subset', j], 'in', 'subsetting', s.in);
    });
    problems.push(...hypothesisProblems(def, h, at, columns));
  });
  problems.push(...conjointPlanProblems(def, ids));
  return problems;
}

/** The keys of a stack's short labels (stack.labels) that are none of its items. */
function unknownLabelledItems(stack: { items: readonly string[]; labels?: Record<string, string> | undefined }): string[] {
  return Object.keys(stack.labels ?? {}).filter((item) => !stack.items.includes(item));
}

function hypothesisProblems(def: StudyDefinition, h: Hypothesis, at: PropertyKey[], columns: ReturnType<typeof planColumns>): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: PropertyKey[], message: string) => problems.push({ path: [...at, ...path], message });
  const stack = h.stack;
  let formulaBroken = false;

  if (stack) {
    stack.items.forEach((item, j) => {
      if (columns.get(item)?.role !== 'outcome') add(['stack', 'items', j], `"${item}" is not an outcome question`);
    });
    for (const key of ['itemColumn', 'valueColumn'] as const) {
      if (columns.has(stack[key])) add(['stack', key], `"${stack[key]}" is already a column of the study`);
    }
    if (stack.itemColumn === stack.valueColumn) add(['stack', 'valueColumn'], 'must differ from itemColumn');
    for (const item of unknownLabelledItems(stack)) add(['stack', 'labels', item], `labels an item that stack.items does not hold (items: ${stack.items.join(', ')})`);
    if (h.outcomes.length !== 1 || h.outcomes[0] !== stack.valueColumn) {
      add(['outcomes'], `a stacked hypothesis has one outcome, its valueColumn "${stack.valueColumn}"`);
    }
  } else {
    h.outcomes.forEach((o, j) => {
      const info = columns.get(o);
      const outcomes = [...columns].filter(([, c]) => c.role === 'outcome').map(([name]) => name);
      if (!info) add(['outcomes', j], `unknown outcome "${o}" (${didYouMean(o, outcomes)})`);
      else if (info.role !== 'outcome') add(['outcomes', j], `"${o}" is not an outcome question (it is a ${info.role} column)`);
      else if (info.values?.some((v) => typeof v !== 'number')) add(['outcomes', j], notNumeric(o, info.values.find((v) => typeof v !== 'number')));
    });
  }

  const rhsColumn = (col: string, path: PropertyKey[]) => {
    if (stack && col === stack.itemColumn) return;
    const info = columns.get(col);
    if (!info) add(path, unknownColumn(col, columns));
    else if (!PRE_TREATMENT.includes(info.role)) add(path, postTreatmentMessage(col, info.role, 'adjusting for or conditioning'));
  };

  if (h.estimator === 'difference_in_means') {
    const { factor, control, treated, term } = h.treatment;
    const f = def.factors.find((x) => x.name === factor);
    if (!f) add(['treatment', 'factor'], `"${factor}" is not a factor (${didYouMean(factor, def.factors.map((x) => x.name))})`);
    else {
      const codes = f.levels.map((l) => l.code);
      const notLevel = (code: string) => `"${code}" is not a level of "${factor}" (${didYouMean(code, codes)})`;
      control.forEach((c, j) => codes.includes(c) || add(['treatment', 'control', j], notLevel(c)));
      treated?.forEach((t, j) => {
        if (!codes.includes(t)) add(['treatment', 'treated', j], notLevel(t));
        else if (control.includes(t)) add(['treatment', 'treated', j], `"${t}" is both control and treated`);
      });
      if (!treated && codes.every((c) => control.includes(c))) add(['treatment', 'control'], 'leaves no treated level');
    }
    if (columns.has(term)) add(['treatment', 'term'], `"${term}" is already a column of the study`);
    if (h.blocks) rhsColumn(h.blocks, ['blocks']);
  } else {
    const read = modelVariables(h);
    if (read.problem) add(['formula'], read.problem);
    formulaBroken = read.variables === undefined;
    const variables = read.variables ?? [];
    const fromModerators = new Set(h.moderators ?? []);
    variables.forEach((v) => rhsColumn(v, fromModerators.has(v) ? ['moderators', [...fromModerators].indexOf(v)] : ['formula']));
    h.fixedEffects?.forEach((col, j) => rhsColumn(col, ['fixedEffects', j]));
    if (h.fixedEffects && problems.length === 0 && !formulaBroken) fixedEffectProblems(def, h, variables).forEach(({ path, message }) => add(path, message));
    const seType = seTypeProblem(def, h);
    if (seType) add(['seType'], seType);
  }
  if (h.clusters) rhsColumn(h.clusters, ['clusters']);

  if ((h.direction || h.terms) && problems.length === 0 && !formulaBroken) {
    const terms = expectedTerms(def, h);
    h.terms?.forEach((term, j) => {
      if (!terms.includes(term)) add(['terms', j], noTerm(def, term, terms));
    });
    // A mistyped tested term is said once, at terms: the direction naming the term it was meant to be is right.
    const termsKnown = h.terms?.every((term) => terms.includes(term)) ?? true;
    for (const term of Object.keys(h.direction ?? {})) {
      if (!terms.includes(term)) add(['direction', term], noTerm(def, term, terms));
      else if (h.terms && termsKnown && !h.terms.includes(term)) add(['direction', term], `"${term}" is not among the tested terms`);
    }
  }
  return problems;
}

/**
 * Why a term the plan names is not one of the model's: a typo gets the term it was probably meant to be (walk-through
 * 24: the conjoint plan's message had it, the vignette plan's did not). A level's own term (`regimedemocracy`: the
 * factor's name and a level's code) gets none: it is a reference level or a factor the formula leaves out, not a
 * slip for another level, however few letters apart ("democracy" is three edits from "autocracy").
 */
function noTerm(def: StudyDefinition, term: string, terms: readonly string[]): string {
  const levelTerm = def.factors.some((f) => f.levels.some((level) => term === `${f.name}${level.code}`));
  return `the model has no term "${term}" ${termsHint(term, terms, !levelTerm)}`;
}

/**
 * A se type the hypothesis' rows cannot have: clustered ones need clusters, which the plan's `clusters` column or
 * respondents' repeated rows give, and clustered rows need a clustered type.
 */
function seTypeProblem(def: StudyDefinition, h: LmRobustHypothesis): string | undefined {
  if (!h.seType) return undefined;
  const clusterType = ['CR0', 'stata', 'CR2', 'cregg'].includes(h.seType);
  const what = h.clusters ? `a hypothesis clustered by "${h.clusters}" needs a clustered se type` : `${h.stack ? 'a stacked hypothesis' : 'a hypothesis of a repeated-vignette study'} is clustered by respondent`;
  const clustered = h.clusters !== undefined || clusteredByRespondent(def, h);
  if (clustered && !clusterType) return `${what}: use CR0, stata, CR2 or cregg`;
  if (!clustered && clusterType && h.seType !== 'stata') {
    return `${h.seType} needs clusters (name a pre-treatment column in "clusters", such as a state or a school; stacked hypotheses and repeated-vignette studies cluster by participant)`;
  }
  return undefined;
}

/**
 * What estimatr's `fixed_effects` cannot take, or would make meaningless: a column named twice or also on the
 * right-hand side (absorbed, its terms would be aliased), a model without an intercept (the fixed effects absorb
 * it) or without a term besides them, cregg's svyglm (no fixed effects), and weighted CR2 (estimatr refuses it).
 */
function fixedEffectProblems(def: StudyDefinition, h: LmRobustHypothesis, variables: readonly string[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: PropertyKey[], message: string) => problems.push({ path: ['fixedEffects', ...path], message });
  const columns = h.fixedEffects ?? [];
  columns.forEach((col, j) => {
    if (columns.indexOf(col) < j) add([j], `"${col}" is named twice`);
    else if (variables.includes(col)) add([j], `"${col}" is also on the right-hand side (formula or moderators): a fixed effect absorbs it, so its terms could not be estimated; name it in one place`);
  });
  const formula = parseFormula('plan', `y ${modelRightHandSide(h)}`);
  if (!formula.intercept) add([], 'fixed effects absorb the intercept: leave "0 +" or "- 1" out of the formula');
  if (formula.terms.length === 0) add([], 'no term is left to estimate besides the fixed effects: name the terms to estimate in the formula');
  const seType = h.seType ?? (h.clusters !== undefined || clusteredByRespondent(def, h) ? 'CR2' : 'HC2');
  if (seType === 'cregg') add([], 'se type cregg (survey\'s svyglm) has no fixed effects: use CR2, or write the column into the formula (+ block)');
  if (seType === 'CR2' && def.analysisPlan.weights === 'raking') {
    add([], 'raked weights with CR2 cannot have fixed effects (estimatr: "Cannot use `fixed_effects` with weighted CR2 estimation at the moment"): write the column into the formula (+ block) instead, which estimatr and the platform fit alike');
  }
  return problems;
}

/**
 * The columns the fitted model reads, or (undefined) none when its formula is broken, with what to say about it. A
 * formula without its "~" is already refused by the schema, in words: nothing to add, nothing more to check.
 */
function modelVariables(h: LmRobustHypothesis): { variables?: string[]; problem?: string } {
  if (!/^\s*~/.test(h.formula)) return {};
  const problem = writtenFormulaProblem(h.formula);
  if (problem) return { problem };
  try {
    return { variables: parseFormula('plan', `y ${modelRightHandSide(h)}`).predictorColumns };
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    return { problem: error.message.replace(/^plan: /, '') };
  }
}

/**
 * What is malformed in a plan's formula, quoting it as the file writes it: parsed alone, since a problem read in the
 * fitted model (`y ~ (rhs) * (moderators)`) quoted a formula the file does not hold and could be another problem.
 */
function writtenFormulaProblem(formula: string): string | undefined {
  if (!/^\s*~/.test(formula)) return undefined;
  try {
    parseFormula('plan', `y ${formula}`);
    return undefined;
  } catch (error) {
    if (!(error instanceof AnalysisError)) throw error;
    return error.message.replace(/^plan: malformed formula "y (.*?)":/s, (_, rhs: string) => `malformed formula "${rhs}":`).replace(/^plan: /, '');
  }
}

/**
 * `unknown column "capabilty" (did you mean "capability"?)`; when none is close, the names usable where a column is
 * named (exclusions, subsets, formulas, fixed effects all take factors and pre-treatment answers only), so that
 * `~ framing` where the factor is "frame" shows "frame" rather than nothing.
 */
function unknownColumn(name: string, columns: ReturnType<typeof planColumns>): string {
  const closest = closestName(name, [...columns.keys()]);
  if (closest) return `unknown column "${name}" (did you mean "${closest}"?)`;
  const named = (role: ColumnRole) => [...columns].filter(([, c]) => c.role === role).map(([column]) => column);
  const pretreatment = named('pretreatment');
  const listed = pretreatment.length ? `; pre-treatment columns: ${pretreatment.join(', ')}` : '';
  return `unknown column "${name}" (factors: ${named('factor').join(', ')}${listed})`;
}

/** The outcome's first answer value that is not a number, as its author wrote it ("2" in quotes is a text). */
function notNumeric(outcome: string, value: unknown): string {
  const shown = typeof value === 'string' ? `${JSON.stringify(value)}, a text` : JSON.stringify(value);
  return `"${outcome}" has an answer that is not a number (${shown}): an outcome is estimated on numbers, so every choice value of its question must be one`;
}

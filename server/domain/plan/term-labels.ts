import { parseFormula } from '../../../analysis/index.ts';
import { waveColumns } from '../export/wave-columns.ts';
import { defaultLocale, textIn } from '../localized-text.ts';
import { studyDesign } from '../study-design.ts';
import type { StudyDefinition } from '../study-definition.ts';
import type { Hypothesis } from './plan-schema.ts';
import { hypothesisLevels, modelRightHandSide } from './plan-terms.ts';

/**
 * Model terms in the study's own words, for people: the dashboard, `vlab estimates --format table` and the
 * codebook. CSV and JSON keep R's term names, which scripts match on.
 *
 *   regimeautocracy                   → "Regime: Autocracy (vs. Democracy)"
 *   measureeconomic_sanctions         → "Measure: Economic sanctions (vs. Public criticism)"   (a stacked item)
 *   regimeautocracy:partyrepublican   → "Regime: Autocracy (vs. Democracy) × Party: Republican (vs. Democrat)"
 *   regimeautocracy in regime * party → "Regime: Autocracy (vs. Democracy) · when Party: Democrat"       (see below)
 *   age                               → "Age"                                                  (a number)
 *   violated                          → "Behavior: any other level (vs. Cooperates (control))" (difference in means)
 *
 * A factor's levels read as their `label` in study.json, an answer's (a moderator's, a `by` group's) as the choice's
 * text the respondent saw ("Independent or other" for `independent`), as the warnings and the codebook name them;
 * other codes (stacked items) and every variable name are written out from the code ("reduce_military_aid" →
 * "Reduce military aid"). The level after
 * "vs." is the reference: the first level left in the hypothesis' subset. A term it cannot place comes back as is.
 * A term that a higher-order term of the model contains (`regime` in `regime * party`, or in `~ regime` moderated by
 * `party`) is not a main effect: it is the effect where the interaction's other variables are at their reference
 * level (or 0, a number), and its label says so — read as a main effect it misled (newcomer pass 16).
 *
 * @example termLabeler(def, h)('regimeautocracy') // "Regime: Autocracy (vs. Democracy)"
 */
export function termLabeler(def: StudyDefinition, h: Hypothesis): (term: string) => string {
  const levelLabel = hypothesisLevelLabeler(def, h);
  if (h.estimator === 'difference_in_means') {
    const { treated, control } = treatmentArms(def, h);
    const label = `${variableWords(def, h.treatment.factor)}: ${treated} (vs. ${control})`;
    return (t) => (t === h.treatment.term ? label : t === '(Intercept)' ? 'Intercept' : t);
  }

  const { levels, noReference, variableOf, whereTaken } = termParts(def, h);
  const partLabel = (part: string): string => {
    const variable = variableOf(part);
    if (variable === undefined) return variableWords(def, part);
    const level = levelLabel(variable, part.slice(variable.length));
    if (variable === noReference) return `${variableWords(def, variable)}: ${level}`;
    return `${variableWords(def, variable)}: ${level} (vs. ${levelLabel(variable, levels[variable]![0]!)})`;
  };
  return (term) => {
    if (term === '(Intercept)') return 'Intercept';
    const parts = term.split(':');
    const label = parts.map(partLabel).join(' × ');
    const where = whereTaken(parts.map((part) => variableOf(part) ?? part));
    return where ? `${label} · ${where}` : label;
  };
}

/**
 * The variable a model term belongs to, in words: "Behavior" for `behaviorthreaten_exit`, "Regime × Capability"
 * for `regimeautocracy:capabilityweak`, "Age" for a number; null for the intercept. A variable that an interaction
 * contains says where its terms are taken, in its rows' words: "Capability (when Regime: Democracy)" in `~ regime *
 * capability` (walk-through 17: the summary said "Funding and Backer", main effects, while each row said "· when").
 * What a card's folded terms are (other-terms.ts).
 *
 * @example termVariableNamer(def, h)('behaviorthreaten_exit') // "Behavior"
 */
export function termVariableNamer(def: StudyDefinition, h: Hypothesis): (term: string) => string | null {
  if (h.estimator === 'difference_in_means') {
    return (t) => (t === '(Intercept)' ? null : variableWords(def, t === h.treatment.term ? h.treatment.factor : t));
  }
  const { variableOf, whereTaken } = termParts(def, h);
  return (term) => {
    if (term === '(Intercept)') return null;
    const variables = term.split(':').map((part) => variableOf(part) ?? part);
    const name = variables.map((v) => variableWords(def, v)).join(' × ');
    const where = whereTaken(variables);
    return where ? `${name} (${where})` : name;
  };
}

/**
 * A model hypothesis' factor levels, the factor coded without reference (no intercept), each term part's variable,
 * and for a term's variables where its effect is taken: "when Party: Democrat" (the reference level of the other
 * variables of the model's terms that contain it, or 0 for a number), undefined when no term contains it.
 */
function termParts(def: StudyDefinition, h: Exclude<Hypothesis, { estimator: 'difference_in_means' }>) {
  const levels = hypothesisLevels(def, h);
  const formula = parseFormula('plan', `y ${modelRightHandSide(h)}`);
  // Without an intercept R codes the first factor with all its levels: each is a mean, not a contrast.
  const first = formula.terms[0];
  const noReference = !formula.intercept && first?.length === 1 ? formula.variables[first[0]!] : undefined;
  const variables = Object.keys(levels).sort((a, b) => b.length - a.length);
  const variableOf = (part: string): string | undefined => variables.find((v) => part.startsWith(v) && levels[v]!.includes(part.slice(v.length)));
  const heldAtReference = (termVariables: string[]): string[] => {
    const own = termVariables.map((v) => formula.variables.indexOf(v));
    if (own.includes(-1)) return [];
    const containing = formula.terms.filter((t) => t.length > own.length && own.every((i) => t.includes(i)));
    const others = new Set(containing.flat().filter((i) => !own.includes(i)));
    return [...others].sort((a, b) => a - b).map((i) => formula.variables[i]!);
  };
  const levelLabel = hypothesisLevelLabeler(def, h);
  const held = (variable: string) => (levels[variable] ? `${variableWords(def, variable)}: ${levelLabel(variable, levels[variable]![0]!)}` : `${variableWords(def, variable)} = 0`);
  const whereTaken = (termVariables: string[]): string | undefined => {
    const others = heldAtReference(termVariables);
    return others.length ? `when ${others.map(held).join(', ')}` : undefined;
  };
  return { levels, noReference, variableOf, whereTaken };
}

/**
 * A level's label within a hypothesis: a stacked item's short label from the plan (stack.labels, task 42), else the
 * study's words for the code. The rows and the "· when Measure: …" of a term held at the item's reference both read
 * it (until walk-through 34 the latter said the code spelled out beside rows that used the short label).
 */
function hypothesisLevelLabeler(def: StudyDefinition, h: Hypothesis): (variable: string, code: string) => string {
  const itemLabels = h.stack?.labels;
  return (variable, code) => (variable === h.stack?.itemColumn ? itemLabels?.[code] : undefined) ?? studyLevelLabel(def, variable, code);
}

/**
 * A level's label: a factor's from study.json, else a column's (an answer's choice text in the default locale,
 * wave-columns.ts), else its code spelled out. One rule for the cards, the tables, the warnings and the codebook.
 */
export function studyLevelLabel(def: StudyDefinition, variable: string, code: string): string {
  const factorLevel = def.factors.find((f) => f.name === variable)?.levels.find((l) => l.code === code)?.label;
  return factorLevel ?? columnLevelLabels(def).get(variable)?.get(code) ?? spellOut(code);
}

/**
 * An outcome in the study's words, in its default language (the codebook's column label): a question's text ("How much
 * do you support or oppose the new bus line?"), and for a coded outcome (`codedOutcomes`) the answers it codes 1 and
 * their question ('share answering "For the plan" to "If the plan were on the ballot, how would you vote?"'); null where
 * the study has no words for it (a name of the data alone; a stacked outcome's words are its hypothesis': stackedOutcomeLabel).
 *
 * @example outcomeLabel(busLineFunding, 'vote_for') // 'share answering "For the plan" to "If the plan were on the ballot, how would you vote?"'
 */
export function outcomeLabel(def: StudyDefinition, outcome: string): string | null {
  const coded = def.analysisPlan.codedOutcomes?.find((c) => c.name === outcome);
  if (!coded) return questionText(def, outcome) ?? conjointOutcomeLabel(def, outcome);
  const answers = coded.values.map((v) => `"${studyLevelLabel(def, coded.question, String(v))}"`).join(' or ');
  const question = questionText(def, coded.question);
  return `share answering ${answers}${question ? ` to "${question}"` : ''}`;
}

/**
 * A stacked outcome (a plan's `stack.valueColumn`), which no question asks: the items' questions it stacks, in their
 * order, and the column that names which. Without it `vlab estimates` and the card headed H1 by "support" alone.
 * An item with a short label (stack.labels) is named by it before its question (`Nothing = "Doing nothing"`), so the
 * rows' "Measure: Nothing" can be read back to the question asked (walk-through 34).
 *
 * @example stackedOutcomeLabel(alliance, h1.stack) // 'the answers to 5 questions, stacked a row each (Measure names the question): "Doing nothing", …'
 */
export function stackedOutcomeLabel(def: StudyDefinition, stack: { items: readonly string[]; itemColumn: string; labels?: Record<string, string> | undefined }): string {
  const question = (item: string) => `"${questionText(def, item) ?? spellOut(item)}"`;
  const questions = stack.items.map((item) => (stack.labels?.[item] ? `${stack.labels[item]} = ${question(item)}` : question(item))).join(', ');
  return `the answers to ${stack.items.length} questions, stacked a row each (${spellOut(stack.itemColumn)} names the question): ${questions}`;
}

/** A question's text in the default language (the codebook's column label); undefined where it has none but its name. */
function questionText(def: StudyDefinition, name: string): string | undefined {
  return waveColumns(def).find((c) => c.name === name && c.role === 'answer' && c.label !== name)?.label;
}

/**
 * A conjoint's choice or rating, asked in every task (no column of the wide rows bears its name): its question, and
 * what a profile row holds, in the study's default language.
 */
function conjointOutcomeLabel(def: StudyDefinition, outcome: string): string | null {
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') return null;
  const { choice, rating } = design.outcomes;
  const locale = defaultLocale(def);
  if (choice?.name === outcome) return `profile chosen (1) or not (0) in answer to "${textIn(choice.title, locale)}"`;
  if (rating?.name === outcome) return `each profile's rating: "${textIn(rating.title, locale)}"`;
  return null;
}

// Every column's level labels by code, once per definition: a table or a card labels many terms of one study.
const columnLevelCache = new WeakMap<StudyDefinition, Map<string, Map<string, string>>>();

function columnLevelLabels(def: StudyDefinition): Map<string, Map<string, string>> {
  let labels = columnLevelCache.get(def);
  if (!labels) {
    labels = new Map(waveColumns(def).flatMap((c) => (c.levels ? [[c.name, new Map(c.levels.map((l) => [String(l.value), l.label]))] as const] : [])));
    columnLevelCache.set(def, labels);
  }
  return labels;
}

/**
 * The two arms of a difference in means in words: "Cooperates (control)" against the treated levels, or, when the
 * plan leaves them to default, "any other level" (the one other level by name: "Autocracy", not "any other level").
 */
export function treatmentArms(def: StudyDefinition, h: Extract<Hypothesis, { estimator: 'difference_in_means' }>): { control: string; treated: string } {
  const { factor, control, treated } = h.treatment;
  const arm = (codes: readonly string[]) => codes.map((c) => studyLevelLabel(def, factor, c)).join(' or ');
  const others = def.factors.find((f) => f.name === factor)?.levels.map((l) => l.code).filter((c) => !control.includes(c)) ?? [];
  const defaultArm = others.length === 1 ? arm(others) : 'any other level';
  return { control: arm(control), treated: treated ? arm(treated) : defaultArm };
}

/**
 * A variable in the study's words: a factor's `label` ("Regime type of the ally"), as a conjoint's attributes are
 * named (conjoint-report.ts), else its name spelled out ("Party", "Measure"). Until walk-through 30 a factor was
 * spelled out from its name too ("Endorser" where the study says "Who endorses the agreement").
 */
export function variableWords(def: StudyDefinition, variable: string): string {
  return def.factors.find((f) => f.name === variable)?.label ?? spellOut(variable);
}

/** "reduce_military_aid" → "Reduce military aid": a code as words, for a name the study gives no label. */
export function spellOut(code: string): string {
  const words = code.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Labels of a plan's terms per hypothesis: { H1: { measureeconomic_sanctions: "Measure: …" } }. */
export function planTermLabels(def: StudyDefinition, terms: (h: Hypothesis) => Iterable<string>): Record<string, Record<string, string>> {
  return Object.fromEntries(
    def.analysisPlan.hypotheses.map((h) => {
      const label = termLabeler(def, h);
      return [h.id, Object.fromEntries([...terms(h)].map((t) => [t, label(t)]))];
    }),
  );
}

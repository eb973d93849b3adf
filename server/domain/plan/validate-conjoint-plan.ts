import { AnalysisError } from '../../../analysis/index.ts';
import { closestName, didYouMean } from '../../../analysis/helpers/did-you-mean.ts';
import type { ConjointFormula } from '../../../analysis/conjoint/formula.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { studyDesign } from '../study-design.ts';
import { planColumns } from './plan-columns.ts';
import { conjointPlanFormula, conjointTerms } from './conjoint-terms.ts';
import { termsHint } from './plan-terms.ts';
import type { ConjointHypothesis } from './plan-schema.ts';
import { postTreatmentMessage, type PlanProblem } from './validate-plan.ts';

/**
 * Checks a plan's conjoint hypotheses against the definition: a conjoint design, outcomes among its choice and
 * rating columns, a formula over its attributes (cregg's syntax) that declares every restricted pair as `a * b`
 * for an AMCE (else the AMCE of a restricted level would average over combinations never shown), `by` a
 * pre-treatment respondent column, and terms/direction naming terms the estimates will have.
 */
export function conjointPlanProblems(def: StudyDefinition, takenIds: ReadonlySet<string>): PlanProblem[] {
  const hypotheses = def.analysisPlan.conjoint;
  if (!hypotheses?.length) return [];
  const problems: PlanProblem[] = [];
  const base = ['analysisPlan', 'conjoint'];
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') return [{ path: base, message: 'conjoint hypotheses need a conjoint design (design.kind "conjoint")' }];
  if (def.analysisPlan.weights === 'raking') problems.push({ path: [...base], message: 'conjoint hypotheses are not weighted yet: drop "weights": "raking" or the conjoint hypotheses' });
  const outcomes = [design.outcomes.choice?.name, design.outcomes.rating?.name].filter((name): name is string => !!name);
  // A design without outcomes is its own mistake (design.outcomes): the plan checked against none would only add
  // "not an outcome of the conjoint design ()" and a formula "undefined ~ …" under it.
  if (outcomes.length === 0) return problems;
  const columns = planColumns(def);
  const ids = new Set(takenIds);
  const methods = new Map<string, string>();

  hypotheses.forEach((h, i) => {
    const at = [...base, i];
    const before = problems.length;
    const add = (path: PropertyKey[], message: string) => problems.push({ path: [...at, ...path], message });
    if (ids.has(h.id)) add(['id'], `duplicate hypothesis id "${h.id}"`);
    ids.add(h.id);
    h.outcomes.forEach((o, j) => outcomes.includes(o) || add(['outcomes', j], `"${o}" is not an outcome of the conjoint design (${outcomes.join(', ')})`));
    let formula: ConjointFormula | undefined;
    try {
      formula = conjointPlanFormula('plan', def, outcomes[0]!, h.formula);
    } catch (error) {
      if (!(error instanceof AnalysisError)) throw error;
      add(['formula'], formulaProblem(error.message, `${outcomes[0]} ${h.formula}`, h.formula, def.factors.map((f) => f.name)));
    }
    if (formula && h.estimator === 'amce') {
      for (const [a, b, why] of restrictedPairs(def)) {
        if (!formula.features.includes(a) || !formula.features.includes(b)) continue;
        if (!formula.constraints.some((pair) => pair.includes(a) && pair.includes(b))) {
          add(['formula'], `the design restricts ${a} × ${b}${why ? ` (${why})` : ''}: write "${a} * ${b}" so the AMCE averages over the combinations shown`);
        }
      }
    }
    if (h.by !== undefined) {
      const info = columns.get(h.by);
      if (!info || info.role === 'factor') add(['by'], notRespondentColumn(h.by, columns));
      else if (info.role !== 'pretreatment') add(['by'], postTreatmentMessage(h.by, info.role, 'grouping'));
    }
    if (h.h0 !== undefined && h.estimator !== 'mm') add(['h0'], 'h0 applies to mm only');
    if (h.adjust) {
      const family = h.adjust.family ?? h.id;
      const method = methods.get(family);
      if (method && method !== h.adjust.method) add(['adjust', 'method'], `family "${family}" is adjusted with ${method} elsewhere`);
      methods.set(family, h.adjust.method);
    }
    if (formula && problems.length === before && (h.terms || h.direction)) {
      const terms = conjointTerms(def, h, formula.features);
      h.terms?.forEach((term, j) => terms.includes(term) || add(['terms', j], noTerm(def, h, formula.features, term, terms)));
      // A mistyped tested term is said once, at terms: the direction naming the term it was meant to be is right.
      const termsKnown = h.terms?.every((term) => terms.includes(term)) ?? true;
      for (const term of Object.keys(h.direction ?? {})) {
        if (!terms.includes(term)) add(['direction', term], noTerm(def, h, formula.features, term, terms));
        else if (h.terms && termsKnown && !h.terms.includes(term)) add(['direction', term], `"${term}" is not among the tested terms`);
      }
    }
  });
  return problems;
}

/**
 * The parser's message about the formula it read (`chosen ~ …`), quoting the formula as the plan writes it, and a
 * name that is no attribute with the attribute it was probably meant to be, or the attributes there are.
 */
function formulaProblem(message: string, parsed: string, written: string, attributes: readonly string[]): string {
  return message
    .replace(/^plan: /, '')
    .split(`"${parsed}"`)
    .join(`"${written}"`)
    .replace(/"([^"]+)" is not a data column \((?:did you mean "[^"]*"\? )?features are plain columns, read as factors\)/, (_, name: string) => `"${name}" is not an attribute of the design (${didYouMean(name, attributes)})`);
}

/** `by` naming no pre-treatment question: the one it was probably meant to be, or the ones there are. */
function notRespondentColumn(by: string, columns: ReturnType<typeof planColumns>): string {
  // An attribute is a name on purpose, not a slip toward a question ("regime" is not a typo of "region").
  if (columns.get(by)?.role === 'factor') return `"${by}" is not a respondent column (a pre-treatment question)`;
  const pretreatment = [...columns].filter(([, c]) => c.role === 'pretreatment').map(([name]) => name);
  const closest = closestName(by, pretreatment);
  return `"${by}" is not a respondent column (a pre-treatment question${closest ? `; did you mean "${closest}"?` : `: one of ${pretreatment.join(', ')}`})`;
}

/**
 * Why a term the plan names is none of the estimates': an AMCE's reference level has none (`regimedemocracy`), a
 * typo gets the term it was probably meant to be, and the terms there are listed.
 */
function noTerm(def: StudyDefinition, h: ConjointHypothesis, features: readonly string[], term: string, terms: readonly string[]): string {
  const reference = h.estimator === 'amce' && !h.by ? features.map((name) => def.factors.find((f) => f.name === name)).find((f) => f && term === `${f.name}${f.levels[0]!.code}`) : undefined;
  if (reference) return `"${term}" is the reference level of ${reference.name} (${reference.levels[0]!.label}): an AMCE has no term for it`;
  return `the estimates have no term "${term}" ${termsHint(term, terms)}`;
}

/** Attribute pairs a restriction ties together (one in its `if`, one in its `then`), with the rules' reasons. */
function restrictedPairs(def: StudyDefinition): [string, string, string | undefined][] {
  // One entry per pair whichever way round its rules name it (a formula's "a * b" and "b * a" are one pair), in the
  // order first named, with every rule's reason: two rules on a pair asked for it twice, once each way.
  const pairs = new Map<string, [string, string, string[]]>();
  for (const rule of def.restrictions ?? []) {
    for (const a of Object.keys(rule.if)) {
      for (const b of Object.keys(rule.then).filter((name) => name !== a)) {
        const key = [a, b].sort().join(' ');
        const pair = pairs.get(key) ?? pairs.set(key, [a, b, []]).get(key)!;
        if (rule.why && !pair[2].includes(rule.why)) pair[2].push(rule.why);
      }
    }
  }
  return [...pairs.values()].map(([a, b, whys]) => [a, b, whys.length ? whys.join('; ') : undefined]);
}

export type { ConjointHypothesis };

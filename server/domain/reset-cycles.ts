import { andList } from '../../analysis/helpers/and-list.ts';
import { choiceValues, isConditional } from './definition-elements.ts';
import type { SurveyElement } from './study-definition.ts';
import type { ParsedDefinition } from './study-definition.ts';

// SurveyJS's resetValueIf clears a question when its condition turns true after an answer the condition names
// changed (survey-core 2.5, Question.runTriggers). Say R's condition is true whenever X is answered, whatever the
// rest: then the moment X takes its final answer, R is cleared if it already had one, so R must be answered after
// X. Around a cycle of such conditions each question must be answered after the next one: impossible, so a
// respondent shown them all, each required, can never finish (the page refuses to go on, the server the
// completion). Only such cycles are refused: a condition that some answer escapes, or an optional question in the
// cycle, leaves a way out. Conditions are judged from their empty/notempty parts joined by and/or and not
// (`{b} notempty`); a comparison or a function may go either way, so what hangs on it is not refused.
// A cycle shown to some only (visibleIf) strands everyone shown it: SurveyJS clears a question whether shown or not,
// so only an answer that hides the cycle lets the respondent on (a weekly rider must say otherwise to finish). It is
// refused where that is certain: each question shown to all or under one same condition (page's or its own) that
// some respondent meets for sure (metCertainly).

type Problem = { path: (string | number)[]; message: string };
/** A required question: where it is, its resetValueIf, and the one condition it is shown under ('' for everyone). */
type Required = { path: (string | number)[]; condition: string | undefined; shownIf: string; page: number };
/** A question shown to all, and its page's place in the survey. */
type ShownToAll = { element: SurveyElement; page: number };
/** A parsed condition: the questions it names, and its value given which are answered (bit k: names[k] is). */
type Condition = { names: string[]; holds: Part };

/** A condition naming more questions than this is not judged (each answered or not: 2^n cases). */
const MOST_NAMES = 8;

/** The definition's required questions, shown to all or under one condition met for sure, that clear each other in a cycle. */
export function resetCycleProblems(def: ParsedDefinition): Problem[] {
  const { required, shownToAll } = requiredQuestions(def);
  // R → X: R is cleared whenever X is answered (after R).
  const clearedBy = new Map<string, string[]>();
  for (const [name, { condition }] of required) {
    const parsed = condition === undefined ? null : parseCondition(condition);
    if (!parsed || parsed.names.length > MOST_NAMES) continue;
    // Not itself: SurveyJS does not run a question's resetValueIf for its own answer (a guard while it sets it).
    clearedBy.set(name, [...parsed.names].filter((other) => other !== name && required.has(other) && alwaysHolds(parsed, other)));
  }
  const problems: Problem[] = [];
  // Those shown to all, then for each condition met for sure those shown to all or under it (cycles through one of the latter).
  const firstPage = new Map<string, number>();
  for (const { shownIf, page } of required.values()) firstPage.set(shownIf, Math.min(page, firstPage.get(shownIf) ?? page));
  const conditions = [...firstPage.keys()].filter((c) => c !== '' && metCertainly(c, shownToAll, firstPage.get(c)!));
  for (const shownIf of ['', ...conditions]) {
    const among = (name: string) => [shownIf, ''].includes(required.get(name)!.shownIf);
    const edges = new Map([...clearedBy].filter(([name]) => among(name)).map(([name, targets]) => [name, targets.filter(among)]));
    for (const cycle of findCycles(edges)) {
      if (shownIf !== '' && cycle.every((name) => required.get(name)!.shownIf === '')) continue;
      problems.push({ path: [...required.get(cycle[0]!)!.path, 'resetValueIf'], message: cycleMessage(cycle, shownIf) });
    }
  }
  return problems;
}

/**
 * Required questions shown to all or under one condition (the page's, its own, or both the same), with their place
 * and resetValueIf; and the questions shown to all by name. A question hidden from all (visible: false) or shown
 * under two conditions is left out.
 */
function requiredQuestions(def: ParsedDefinition): { required: Map<string, Required>; shownToAll: Map<string, ShownToAll> } {
  const required = new Map<string, Required>();
  const shownToAll = new Map<string, ShownToAll>();
  let pageNumber = 0;
  for (const section of ['pretreatment', 'outcomes', 'posttreatment'] as const) {
    def.pages[section].forEach((page, i) => {
      const at = pageNumber++;
      page.elements.forEach((e, j) => {
        const shownIf = new Set([shownCondition(page), shownCondition(e)].filter((c) => c !== ''));
        if (shownIf.size === 0) shownToAll.set(e.name, { element: e, page: at });
        if (e.type === 'html' || e.isRequired !== true || shownIf.size > 1 || shownIf.has(null)) return;
        const condition = (e as { resetValueIf?: unknown }).resetValueIf;
        required.set(e.name, { path: ['pages', section, i, 'elements', j], condition: typeof condition === 'string' ? condition : undefined, shownIf: [...shownIf][0] ?? '', page: at });
      });
    });
  }
  return { required, shownToAll };
}

/** The visibleIf text of a page or question, '' if shown to all, null if hidden from all or not a text. */
function shownCondition(shown: object): string | null {
  if (!isConditional(shown)) return '';
  const visibleIf = (shown as { visibleIf?: unknown }).visibleIf;
  return (shown as { visible?: unknown }).visible === false || typeof visibleIf !== 'string' ? null : visibleIf.trim();
}

/**
 * Whether some respondent surely meets the condition: `{q} notempty`, or `{q} = value` with the value one of q's
 * choices (a quoted text, or a number, as the choice is), where q is shown to all on a page before the questions it
 * shows (answered later, it would show a page already behind the respondent) and no resetValueIf clears it, so the
 * respondent's own answer decides it. Anything else may never hold, so what hangs on it is not refused.
 */
function metCertainly(condition: string, shownToAll: Map<string, ShownToAll>, beforePage: number): boolean {
  const match = /^\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\s*(?:(notempty)|==?\s*(?:'([^']*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)))$/i.exec(condition);
  const shown = match && shownToAll.get(match[1]!.toLowerCase());
  if (!shown || shown.page >= beforePage) return false;
  const question = shown.element;
  if (question.type === 'html' || (question as { resetValueIf?: unknown }).resetValueIf !== undefined) return false;
  if (match![2]) return true;
  const value = match![5] !== undefined ? Number(match![5]) : (match![3] ?? match![4]);
  return choiceValues(question).some((choice) => choice === value);
}

/** Whether the condition holds whenever `name` is answered, whichever of the others are. */
function alwaysHolds(condition: Condition, name: string): boolean {
  const bit = 1 << condition.names.indexOf(name);
  for (let answered = 0; answered < 1 << condition.names.length; answered++) {
    if (answered & bit && condition.holds(answered) !== true) return false;
  }
  return true;
}

/**
 * One cycle of each strongly connected group of questions: the shortest through the group's first question in page
 * order. Linear in questions and edges (Tarjan's algorithm, without recursion), so a definition of thousands of
 * questions that clear one another is judged at once.
 */
function findCycles(edges: Map<string, string[]>): string[][] {
  return stronglyConnected(edges)
    .filter((group) => group.length > 1)
    .map((group) => shortestCycle(edges, group));
}

function stronglyConnected(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length) {
      const frame = work.at(-1)!;
      const [node, next] = frame;
      if (next === 0) (index.set(node, index.size), low.set(node, index.get(node)!), stack.push(node), onStack.add(node));
      const targets = edges.get(node) ?? [];
      if (next < targets.length) {
        frame[1]++;
        const target = targets[next]!;
        if (!index.has(target)) work.push([target, 0]);
        else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work.at(-1)![0], Math.min(low.get(work.at(-1)![0])!, low.get(node)!));
      if (low.get(node) === index.get(node)) {
        const group: string[] = [];
        for (let member = ''; member !== node; ) (member = stack.pop()!, onStack.delete(member), group.push(member));
        groups.push(group);
      }
    }
  }
  const place = new Map([...edges.keys()].map((name, k) => [name, k]));
  const at = (name: string) => place.get(name) ?? Infinity;
  return groups.map((g) => g.sort((a, b) => at(a) - at(b))).sort((a, b) => at(a[0]!) - at(b[0]!));
}

/** The shortest way from the group's first question back to it, by edges inside the group (breadth first). */
function shortestCycle(edges: Map<string, string[]>, group: string[]): string[] {
  const inGroup = new Set(group);
  const start = group[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let k = 0; k < queue.length; k++) {
    for (const next of edges.get(queue[k]!) ?? []) {
      if (next === start) {
        const cycle = [queue[k]!];
        while (cycle[0] !== start) cycle.unshift(previous.get(cycle[0]!)!);
        return cycle;
      }
      if (inGroup.has(next) && !previous.has(next)) (previous.set(next, queue[k]!), queue.push(next));
    }
  }
  return group; // unreachable: a strongly connected group of two or more has a cycle through each member
}

function cycleMessage(cycle: string[], shownIf: string): string {
  const quoted = cycle.map((n) => `"${n}"`);
  const respondent = shownIf === '' ? 'no respondent' : `no respondent shown them (${shownIf})`;
  const fix = 'make one of them optional or give one a condition some answer escapes';
  if (cycle.length === 2) {
    return `${quoted[0]} and ${quoted[1]} clear each other (resetValueIf): whichever is answered last clears the other, so ${respondent} can keep both answered and finish: ${fix}`;
  }
  if (cycle.length > 5) {
    return `${quoted.slice(0, 5).join(', ')} and ${cycle.length - 5} more questions clear each other in turn (resetValueIf), each when the next is answered, so ${respondent} can keep them all answered and finish: ${fix}`;
  }
  const turns = cycle.map((n, k) => (k === 0 ? `${n} when ${cycle[1]} is answered` : `${n} when ${cycle[(k + 1) % cycle.length]} is`));
  return `${andList(quoted)} clear each other in turn (resetValueIf): ${turns.join(', ')}, so ${respondent} can keep them all answered and finish: ${fix}`;
}

/** A part's value given which questions are answered; undefined where it depends on more (a comparison, a function). */
type Part = (answered: number) => boolean | undefined;

const BOUNDARY = new Set(['and', '&&', 'or', '||', ')', undefined]);

/**
 * A condition as SurveyJS reads it (keywords in any case; `and` binds before `or`), judged from
 * `{name} empty` and `{name} notempty` joined by and/or (`&&`, `||`), not (`!`, `negate`) and parentheses. Any
 * other part (`{a} = 'x'`, a function) is unknown, and so is what it decides: `{b} notempty or {a} = 'x'` still
 * holds whenever b is answered. Null when the text is not such an expression at all. Names are lower-cased: SurveyJS
 * runs the condition when the question named so, or so lower-cased, changes (ValueGetter.isAnyKeyChanged) and reads
 * answers in any case, and question names are snake_case, so `{Vote_Line}` is vote_line's.
 */
export function parseCondition(text: string): Condition | null {
  const tokens = text.match(/'[^']*'|"[^"]*"|\{[^{}]*\}|&&|\|\||[()!]|[A-Za-z_]+|[^\s'"{}()!&|A-Za-z_]+|\S/g) ?? [];
  const names: string[] = [];
  let at = 0;
  const peek = () => tokens[at]?.toLowerCase();
  const joined = (operators: string[], next: () => Part, join: (values: (boolean | undefined)[]) => boolean | undefined): Part => {
    const parts = [next()];
    while (operators.includes(peek()!)) (at++, parts.push(next()));
    return parts.length === 1 ? parts[0]! : (answered) => join(parts.map((p) => p(answered)));
  };
  const anyOf = (): Part => joined(['or', '||'], allOf, (v) => (v.includes(true) ? true : v.includes(undefined) ? undefined : false));
  const allOf = (): Part => joined(['and', '&&'], unary, (v) => (v.includes(false) ? false : v.includes(undefined) ? undefined : true));
  const unary = (): Part => {
    if (peek() === '!' || peek() === 'negate') {
      at++;
      const inner = unary();
      return (answered) => {
        const value = inner(answered);
        return value === undefined ? undefined : !value;
      };
    }
    const start = at;
    const part = known();
    if (part && BOUNDARY.has(peek())) return part;
    // Something else: skip it to the next and/or at this depth, as a part of unknown value.
    at = start;
    for (let depth = 0; at < tokens.length && (depth > 0 || !BOUNDARY.has(peek())); at++) depth += peek() === '(' ? 1 : peek() === ')' ? -1 : 0;
    return () => undefined;
  };
  const known = (): Part | null => {
    if (peek() === '(') {
      at++;
      const inner = anyOf();
      return tokens[at++] === ')' ? inner : null;
    }
    const variable = /^\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}$/.exec(tokens[at++] ?? '')?.[1]?.toLowerCase();
    const test = tokens[at++]?.toLowerCase();
    if (!variable || (test !== 'empty' && test !== 'notempty')) return null;
    if (!names.includes(variable)) names.push(variable);
    const bit = 1 << names.indexOf(variable);
    return test === 'notempty' ? (answered) => (answered & bit) !== 0 : (answered) => (answered & bit) === 0;
  };
  const holds = anyOf();
  return at === tokens.length ? { names, holds } : null;
}

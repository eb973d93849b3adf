import type { Row } from '../../../analysis/index.ts';
import { allElements } from '../definition-elements.ts';
import { waveColumns } from '../export/wave-columns.ts';
import { textIn, defaultLocale } from '../localized-text.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { r, rVector } from './r-source.ts';
import type { AnalysisPlan, CodedOutcome } from './plan-schema.ts';

/**
 * A plan's coded outcomes (`codedOutcomes`, docs/analysis-plans.md): a categorical question's answers coded 1 (one
 * of `values`) or 0 (any other answer), missing where unanswered. The share voting "for" a plan is then the mean of
 * `vote_for`, and a treatment's effect on it a difference in shares, estimated by lm_robust as R's
 * `lm_robust(as.numeric(vote_line == "for") ~ funding)`.
 */

/** The coded value of one row: 1, 0, or null for an unanswered question. */
export function codedValue(c: CodedOutcome, answer: unknown): number | null {
  if (answer === null || answer === undefined || answer === '') return null;
  return c.values.some((v) => String(v) === String(answer)) ? 1 : 0;
}

/**
 * The rows with the plan's coded outcomes added as columns (the rows unchanged when it has none). A row that has
 * the column already keeps it: a design diagnosis' population row holds the expected share there (estimands.ts),
 * and a wave's rows cannot (the name is no study column, validate-plan.ts).
 */
export function withCodedOutcomes(plan: Pick<AnalysisPlan, 'codedOutcomes'>, rows: readonly Row[]): readonly Row[] {
  const coded = plan.codedOutcomes;
  if (!coded) return rows;
  return rows.map((row) => ({ ...row, ...Object.fromEntries(coded.map((c) => [c.name, c.name in row ? row[c.name] : codedValue(c, row[c.question])])) }));
}

/** replicate.R's lines that code them, as withCodedOutcomes does (read.csv reads an empty answer as NA). */
export function codedOutcomeRLines(plan: Pick<AnalysisPlan, 'codedOutcomes'>): string[] {
  return (plan.codedOutcomes ?? []).flatMap((c) => [
    `# Coded outcome: ${c.name} = 1 where ${c.question} is one of ${c.values.join(', ')}, 0 for any other answer, NA unanswered`,
    `d[[${r(c.name)}]] <- ifelse(is.na(d[[${r(c.question)}]]), NA_real_, as.numeric(as.character(d[[${r(c.question)}]]) %in% ${rVector(c.values.map(String))}))`,
  ]);
}

/** The codebook's words for a coded outcome: what 1 means, in the study's words ("For the plan"). */
export function codedOutcomeCoding(def: StudyDefinition, c: CodedOutcome): string {
  const question = allElements(def).find((e) => e.name === c.question);
  const choices = question && 'choices' in question && Array.isArray(question.choices) ? (question.choices as { value: unknown; text?: unknown }[]) : [];
  const words = c.values.map((v) => {
    const choice = choices.find((ch) => String(ch.value) === String(v));
    const text = choice?.text === undefined ? undefined : textIn(choice.text as Parameters<typeof textIn>[0], defaultLocale(def));
    return text ? `${JSON.stringify(v)} (${text})` : JSON.stringify(v);
  });
  return `1 where ${c.question} is ${words.join(' or ')}, 0 for any other answer, missing where unanswered; computed by the analysis plan (not a column of the data)`;
}

/** Problems of the plan's coded outcomes: a name that is a study column, a question that is not a categorical outcome, values it does not have. */
export function codedOutcomeProblems(
  def: StudyDefinition,
  columns: ReadonlyMap<string, { role: string; values?: readonly (string | number)[] }>,
): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const names = new Set<string>();
  const exported = new Set(def.analysisPlan.codedOutcomes ? waveColumns(def).map((c) => c.name) : []);
  def.analysisPlan.codedOutcomes?.forEach((c, i) => {
    const add = (path: PropertyKey[], message: string) => problems.push({ path: ['analysisPlan', 'codedOutcomes', i, ...path], message });
    // The export's own columns (participant, status, locale…) too: the coded column would stand beside them in a row.
    if (columns.has(c.name) || exported.has(c.name)) add(['name'], `"${c.name}" is already a column of the study: name the coded outcome otherwise (e.g. "${c.question}_${String(c.values[0])}")`);
    else if (names.has(c.name)) add(['name'], `duplicate coded outcome "${c.name}"`);
    names.add(c.name);
    const info = columns.get(c.question);
    if (!info) return add(['question'], `unknown question "${c.question}"`);
    if (info.role !== 'outcome') return add(['question'], `"${c.question}" is not an outcome question (it is a ${info.role} column)`);
    const values = info.values ?? [];
    if (!values.length) return add(['question'], `"${c.question}" has no choices to code`);
    const bad = c.values.findIndex((v) => !values.some((allowed) => String(allowed) === String(v)));
    if (bad >= 0) return add(['values', bad], `${JSON.stringify(c.values[bad])} is not a choice of "${c.question}" (its choices: ${values.join(', ')})`);
    if (values.every((v) => c.values.some((x) => String(x) === String(v)))) add(['values'], `codes every choice of "${c.question}" as 1: the outcome would be constant`);
  });
  return problems;
}

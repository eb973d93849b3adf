import { terminalText, textTable } from '../../../analysis/index.ts';
import { planEstimatesCsv } from '../../domain/plan/estimates-csv.ts';
import { PLAN_ESTIMATE_COLUMNS } from '../../domain/plan/execute-plan.ts';
import { withoutEstimatorName } from '../../../analysis/helpers/warning-text.ts';
import { hypothesisReports, type HypothesisReport, type TermFinding } from '../../domain/plan/hypothesis-report.ts';
import { planAlpha } from '../../domain/plan/plan-schema.ts';
import { rakingNote } from '../../domain/plan/raking-note.ts';
import { adjustmentFamilyWords } from '../../domain/plan/adjustment-words.ts';
import { leftOutWords } from '../../domain/plan/left-out-words.ts';
import { termLabeler } from '../../domain/plan/term-labels.ts';
import { termLabelLines, wrapWords } from '../../domain/plan/term-label-lines.ts';
import { significantDigits } from '../../../analysis/significant-digits.ts';
import type { StudyDefinition } from '../../domain/study-definition.ts';
import type { WaveEstimates } from '../../services/estimates-service.ts';

/** A terminal's width the default table keeps to. */
export const TABLE_WIDTH = 100;
const INDENT = '  ';
const GAP = '  ';

/** x with `digits` significant digits (significant-digits.ts: 0.512, 0.0456, 12.3, 1234, 9.80e-16); NA when missing. */
export function significant(x: number | null, digits = 3): string {
  return x === null || !Number.isFinite(x) ? 'NA' : significantDigits(x, digits);
}

/** A p-value to read: <0.001, else two significant digits. */
export function pValue(p: number | null): string {
  if (p === null || Number.isNaN(p)) return 'NA';
  return p < 0.001 ? '<0.001' : significant(p, 2);
}

function headline(result: WaveEstimates, def: StudyDefinition): string {
  const raking = rakingNote(def, result.weighted);
  return `wave ${result.wave} (${result.study} v${result.studyVersion}): ${result.nComplete} complete, ${result.nExcluded} excluded by the plan\n` +
    `plan ${result.planHash.slice(0, 12)}, alpha ${planAlpha(def.analysisPlan)}${raking === null ? '' : `, ${raking}`}\n`;
}


/** One outcome of one hypothesis: its tested terms with label (broken between its phrases to fit), estimate, CI, p and verdict. */
function outcomeBlock(h: HypothesisReport, outcome: string, findings: TermFinding[], size: string): string[] {
  const level = Math.round((1 - h.alpha) * 100);
  const head = ['term', 'estimate', `${level}% CI`, h.adjustment ? 'p adj.' : 'p', 'verdict'];
  const cells = findings.map((f) => [
    significant(f.estimate),
    `[${significant(f.conf_low)}, ${significant(f.conf_high)}]`,
    pValue(h.adjustment ? f.p_adjusted : f.p_value),
    f.verdict ?? '',
  ]);
  const widths = head.slice(1).map((title, j) => Math.max(title.length, ...cells.map((c) => c[j]!.length)));
  const labelWidth = Math.max(20, TABLE_WIDTH - INDENT.length - widths.reduce((a, b) => a + b + GAP.length, 0));
  const row = (label: string, values: string[]) =>
    `${INDENT}${label.padEnd(labelWidth)}${values.map((v, j) => `${GAP}${j === values.length - 1 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!)}`).join('')}`.trimEnd();

  const adjusted = h.adjustment ? ` · p adjusted by ${h.adjustment.method} over ${adjustmentFamilyWords(h.adjustment)}` : '';
  const lines = [`${h.id} · ${outcome} · ${size}${adjusted}`, row(head[0]!, head.slice(1))];
  findings.forEach((f, i) => {
    const [first, ...rest] = termLabelLines(terminalText(f.label), labelWidth);
    lines.push(row(first!, cells[i]!), ...rest.map((more) => `${INDENT}${more}`));
  });
  return lines;
}

/**
 * `vlab estimates --format table`: for reading in a terminal of 100 columns. Per hypothesis and outcome (its name,
 * and under it its words in the study's default language: a question's text, a coded outcome's answers), the
 * pre-registered terms in the study's words with estimate, CI, (adjusted) p and verdict, to three significant
 * digits; what cannot be estimated yet, the fits' warnings, and how many other terms the model has. `--wide` is
 * every column (the warnings after the table).
 */
export function estimatesTable(result: WaveEstimates, def: StudyDefinition): string {
  const out = [headline(result, def).trimEnd()];
  const reports = hypothesisReports(def, result);
  for (const h of reports) {
    const conjoint = def.analysisPlan.conjoint?.find((x) => x.id === h.id);
    const isConjoint = conjoint !== undefined;
    const hypothesis = conjoint ?? def.analysisPlan.hypotheses.find((x) => x.id === h.id)!;
    for (const outcome of hypothesis.outcomes) {
      const tested = h.tested.filter((f) => f.outcome === outcome);
      const nUsed = result.estimates.find((e) => e.hypothesis === h.id && e.outcome === outcome)?.n_used ?? 0;
      out.push('');
      const [heading, ...table] = tested.length
        ? outcomeBlock(h, outcome, tested, 'stack' in hypothesis && hypothesis.stack ? `N ${nUsed} stacked rows` : isConjoint ? `N ${nUsed} profiles` : `N ${nUsed}`)
        : [`${h.id} · ${outcome}`];
      // The outcome's name is the csv's and the plan's; under it, what it is in the study's words (a question's text).
      out.push(heading!, ...outcomeWordsLines(h, outcome), ...outcomeScaleLines(h, outcome), ...subsetLines(h), ...droppedLines(h, outcome), ...standardErrorLines(h, table.length > 0), ...table);
      // Wrapped as the warnings are: a factor's label in the study's words (walk-through 30) made the line 104 columns.
      for (const p of h.problems.filter((x) => x.outcome === outcome || x.outcome === null)) {
        // The explanation names a factor by its label: a line break in it is shown as its escape, as in the terms.
        out.push(...indentedLines(`not estimable yet: ${terminalText(p.explanation)}`));
      }
      // Under its numbers, as R prints a warning after the estimates; wrapped, as the messages are long.
      for (const w of h.warnings.filter((x) => x.outcome === outcome)) {
        out.push(...indentedLines(`warning: ${terminalText(w.message)}`));
      }
      const controls = h.controls.filter((f) => f.outcome === outcome).length;
      if (controls) out.push(...otherTermsLines(controls, h.otherTerms));
    }
  }
  if (!reports.length) return `${[...out, '', ...wrapWords(NO_HYPOTHESES, TABLE_WIDTH)].join('\n')}\n`;
  out.push(
    '',
    `verdicts at alpha ${planAlpha(def.analysisPlan)} on the p the plan tests by (adjusted where it adjusts): supported =`,
    'significant in the predicted direction; opposite sign = significant the other way',
    // As the dashboard's card says (walk-through 25 read an interval leaving out 0 beside "not supported" as a contradiction).
    ...(reports.some((h) => h.adjustment) ? ['the CIs are not adjusted: one may leave out 0 while its adjusted p is above alpha'] : []),
  );
  return `${out.join('\n')}\n`;
}

// Walk-through 29: a plan of no hypotheses (protege-bargaining-repeated's until walk-through 33) printed the headline and the verdicts'
// legend alone, as if its estimates had failed without a word.
const NO_HYPOTHESES =
  'nothing to estimate: the analysis plan (analysis-plan.json) pre-registers no hypotheses ("hypotheses": []); ' +
  'vlab export has the data, and vlab fit fits a model of your own to it';

/** The fit's rows left out (an answer its model uses missing), when there are any: explains an N below the completes. */
function droppedLines(h: HypothesisReport, outcome: string): string[] {
  const rows = h.leftOut.find((l) => l.outcome === outcome)?.rows;
  if (!rows) return [];
  return hangingLines(`${leftOutWords(rows)} (n_dropped in --format csv)`);
}

/** "outcome: How much do you support or oppose the new bus line?", wrapped under its first word; none without words. */
function outcomeWordsLines(h: HypothesisReport, outcome: string): string[] {
  const words = h.outcomeWords[outcome];
  if (words === undefined) return [];
  // As the terms' labels: the study's words shown, never acted on, a line break in them as its escape (terminalText).
  return hangingLines(`outcome: ${terminalText(words)}`);
}

/** "scale: 1 "Strongly oppose" to 5 "Strongly support"; an estimate is …", wrapped; none where the study does not say. */
function outcomeScaleLines(h: HypothesisReport, outcome: string): string[] {
  const scale = h.outcomeScales[outcome];
  return scale === undefined ? [] : hangingLines(terminalText(scale));
}

/** "fitted on the plan's subset: rows with Behavior other than Cooperates (control)", wrapped; none without a subset. */
function subsetLines(h: HypothesisReport): string[] {
  if (h.subsetWords === null) return [];
  // Levels' labels are the study's words: a line break in one started a line of its own (terminal-output.test.ts).
  return hangingLines(`fitted on the plan's subset: ${terminalText(h.subsetWords)}`);
}

/** "CR2 standard errors, clustered by respondent (stacked rows)" (standard-error-words.ts), over the numbers they belong to. */
function standardErrorLines(h: HypothesisReport, hasNumbers: boolean): string[] {
  return hasNumbers && h.standardErrors ? hangingLines(terminalText(h.standardErrors)) : [];
}

/** "+ 5 other terms of the model (intercept and Behavior, not tested by H3): --wide shows them", wrapped under its "+". */
function otherTermsLines(count: number, words: string): string[] {
  // The factors by their labels (walk-through 30): a line break in one is shown as its escape, as in the terms.
  const text = `+ ${count} other term${count === 1 ? '' : 's'} of the model (${terminalText(words)}): --wide shows them`;
  return hangingLines(text);
}

/**
 * The estimates in a format: json is the whole result and csv the tidy table, both with R's term names for
 * scripts; table is for reading (the study's labels, verdicts, 100 columns; `wide`: every column).
 */
export function formatEstimates(result: WaveEstimates, def: StudyDefinition, format: 'table' | 'csv' | 'json', wide = false): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  if (format === 'csv') return planEstimatesCsv(result);
  // For a terminal: the study's labels and the fits' messages are shown as written, never acted on (terminalText).
  return terminalText(wide ? wideEstimatesTable(result, def) : estimatesTable(result, def), { lineBreaks: 'keep' });
}

/** `--format table --wide`: every estimate (controls too) with every column, its label and its verdict. */
export function wideEstimatesTable(result: WaveEstimates, def: StudyDefinition): string {
  const reports = hypothesisReports(def, result);
  const verdicts = new Map(reports.flatMap((h) => h.tested.map((f) => [`${h.id}\0${f.outcome}\0${f.term}`, f.verdict] as const)));
  // Labels as the cards read them (conjoint terms included).
  const labels = new Map(reports.flatMap((h) => [...h.tested, ...h.controls].map((f) => [`${h.id}\0${f.outcome}\0${f.term}`, f.label] as const)));
  const labelers = new Map(def.analysisPlan.hypotheses.map((h) => [h.id, termLabeler(def, h)]));
  const records = result.estimates.map((e) => ({
    ...e,
    label: labels.get(`${e.hypothesis}\0${e.outcome}\0${e.term}`) ?? labelers.get(e.hypothesis)?.(e.term) ?? e.term,
    verdict: verdicts.get(`${e.hypothesis}\0${e.outcome}\0${e.term}`) ?? '',
  }));
  const columns = ['hypothesis', 'outcome', 'term', 'label', ...PLAN_ESTIMATE_COLUMNS.slice(3), 'verdict'];
  // The fits' warnings after the table, unwrapped as the rows are.
  const warnings = result.warnings.map((w) => `warning, ${w.hypothesis} (${w.outcome}): ${withoutEstimatorName(w.message)}\n`);
  // What each hypothesis' std_error is (standard-error-words.ts), after the table as its warnings are.
  const standardErrors = reports.map((h) => `standard errors, ${h.id}: ${h.standardErrors}\n`);
  return headline(result, def) + textTable(records, columns) + (standardErrors.length ? `\n${standardErrors.join('')}` : '') + (warnings.length ? `\n${warnings.join('')}` : '');
}

/** A line under an outcome's numbers (a warning, what cannot be estimated yet), wrapped to the table's width. */
function indentedLines(text: string): string[] {
  return wrapWords(text, TABLE_WIDTH - INDENT.length).map((line) => `${INDENT}${line}`);
}

/** A note under an outcome's heading, wrapped to the table's width with its later lines hanging two spaces in. */
function hangingLines(text: string): string[] {
  return wrapWords(text, TABLE_WIDTH - INDENT.length - 2).map((line, i) => `${INDENT}${i ? '  ' : ''}${line}`);
}

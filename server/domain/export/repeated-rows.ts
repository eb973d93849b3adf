import type { Answers } from '../answers.ts';
import type { StoredVignette } from '../participant-vignettes.ts';
import { splitVignetteQuestionName } from '../repeated-vignettes.ts';
import { VIGNETTE_COLUMN, type ColumnSpec, type WideRow } from './wave-columns.ts';
import { wideRow, type WideRowInput } from './wide-row.ts';

/**
 * The export of a repeated-vignette design: one row per respondent × vignette, in reading order. Each row has
 * the respondent's columns (id, meta, panel, pre- and post-treatment answers, derived columns and flags,
 * repeated on each of their rows), the vignette's design columns (its levels, cell, `vignette` = reading
 * position, `assignment_probability` = its inclusion probability m·w/L) and the answers about that vignette
 * under the questions' own names (stored as `<name>__V<k>`, repeated-vignettes.ts). A participant without
 * stored vignettes (none drawn: cannot happen for these designs) gives no row.
 */
export function repeatedWideRows(columns: readonly ColumnSpec[], input: WideRowInput, vignettes: readonly StoredVignette[]): WideRow[] {
  const shared: Answers = {};
  const byVignette = new Map<number, Answers>();
  for (const [name, value] of Object.entries(input.answers ?? {})) {
    const own = splitVignetteQuestionName(name);
    if (!own) shared[name] = value;
    else {
      const answers = byVignette.get(own.position) ?? {};
      answers[own.name] = value;
      byVignette.set(own.position, answers);
    }
  }
  return vignettes.map((v) => {
    const participant = { ...input.participant, cellIndex: v.cellIndex, assignment: v.assignment, assignmentProbability: v.inclusionProbability };
    const answers = input.answers ? { ...shared, ...byVignette.get(v.position) } : null;
    const row = wideRow(columns, { ...input, participant, answers });
    row[VIGNETTE_COLUMN] = v.position;
    return row;
  });
}

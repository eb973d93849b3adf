import { conjointProfileColumns } from '../export/conjoint-rows.ts';
import { waveColumns, type ColumnSpec } from '../export/wave-columns.ts';
import type { StudyDefinition } from '../study-definition.ts';

/**
 * The wave columns that hold codes rather than quantities: a factor's levels, a closed question's choices where
 * any is text, checkbox answers, free text, ids and times. The plan's fits (execute-plan.ts) and replicate.R's
 * read.csv (replication-read-csv.ts) both read them as text. Typed by guess, as read.csv guesses, a question coded
 * "01" / "02" or "-1" / "0" / "+1" became the numbers 1, 2 or -1, 0, 1, which no declared level matched: the
 * respondents coded "01" or "+1" were dropped from every model with only a warning (attacker pass 36).
 */
export function codeColumns(def: StudyDefinition): ColumnSpec[] {
  return waveColumns(def).filter(holdsCodes);
}

/**
 * The same for a conjoint's profile rows (profiles.csv): the attributes' level codes, a rating coded in text and
 * the participant's covariates. A level coded "01" read as the number 1 matched no declared level, and the platform's
 * AMCEs and MMs and replicate.R's alike estimated nothing (attacker pass 37).
 */
export function profileCodeColumns(def: StudyDefinition): ColumnSpec[] {
  return conjointProfileColumns(def, waveColumns(def)).filter(holdsCodes);
}

function holdsCodes(c: ColumnSpec): boolean {
  if (c.type === 'categorical') return (c.levels ?? []).some((l) => typeof l.value === 'string');
  return c.type === 'string' || c.type === 'text' || c.type === 'multi' || c.type === 'timestamp';
}

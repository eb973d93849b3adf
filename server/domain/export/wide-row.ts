import type { Answers } from '../answers.ts';
import { durationSeconds, isPossibleDuration, type Participant } from '../participant.ts';
import { FLAG_PREFIX, type ColumnSpec, type WideRow, type WideValue } from './wave-columns.ts';

// One participant's values in the columns of wave-columns.ts: what every export format (wide, long, repeated,
// conjoint) and the simulated wave build their rows from.

/** What one wide row is built from: the stored participant, its answers (final, else the last partial save). */
export interface WideRowInput {
  participant: Participant;
  answers: Answers | null;
  derived: Record<string, number> | null;
  /** Flag name (without `flag_`) → 1/0/null. */
  flags?: Record<string, number | null>;
}

/** One participant's row: a value (or null) for every column of `columns`, keyed by column name. */
export function wideRow(columns: readonly ColumnSpec[], input: WideRowInput): WideRow {
  const { participant: p, answers, derived, flags } = input;
  const row: WideRow = {};
  for (const column of columns) {
    switch (column.role) {
      case 'id':
      case 'meta':
      case 'panel':
      case 'design':
        row[column.name] = participantValue(p, column.name);
        break;
      case 'answer':
        row[column.name] = answerValue(answers?.[column.name]);
        break;
      case 'derived':
        row[column.name] = derived?.[column.name] ?? null;
        break;
      case 'flag':
        row[column.name] = flags?.[column.name.slice(FLAG_PREFIX.length)] ?? null;
        break;
    }
  }
  return row;
}

function participantValue(p: Participant, name: string): WideValue {
  switch (name) {
    case 'participant':
      return p.code;
    case 'participant_ref':
      return p.publicRef;
    case 'wave_id':
      return p.waveId;
    case 'status':
      return p.status;
    case 'screenout_reason':
      return p.screenoutReason;
    case 'panel_source':
      return p.panelSource;
    case 'panel_id':
      return p.panelId;
    case 'cell_index':
      return p.cellIndex;
    case 'draw_index':
      return p.drawIndex;
    case 'assignment_probability':
      return p.assignmentProbability;
    case 'started_at':
      return p.startedAt;
    case 'completed_at':
      return p.completedAt;
    case 'locale':
      return p.locale;
    case 'duration_seconds':
      return p.completedAt ? possibleOrNull(durationSeconds(p, p.completedAt)) : null;
    default:
      if (name in p.assignment) return p.assignment[name] ?? null;
      return (p.panelParams as Record<string, string | undefined>)[name] ?? null;
  }
}

/** A negative duration (clocks, not the respondent) is exported as missing, with the codebook saying so. */
const possibleOrNull = (seconds: number): number | null => (isPossibleDuration(seconds) ? seconds : null);

/** Strings and numbers as answered; booleans as 1/0; checkbox arrays joined by `;`. */
export function answerValue(value: unknown): WideValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return value.map(String).join(';');
  return JSON.stringify(value);
}

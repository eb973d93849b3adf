import type { DataTable } from '../../../analysis/index.ts';

/**
 * Without --subset, the line a conjoint verb writes on stderr when its data holds respondents who failed the
 * attention check (a vlab export's `attention_pass` 0): `profiles.csv` holds every complete, and a plan that excludes
 * them (vlab estimates) fits without their rows. A newcomer's AMCE of 0.116 against vlab estimates' 0.105 had this
 * cause, said only in the README (walk-through 28). Empty when there is no such column or no such respondent.
 */
export function attentionFailedLine(table: DataTable, id: string, verb: string): string {
  const pass = table.column('attention_pass');
  if (!pass || pass.type === 'character') return '';
  const ids = table.column(id);
  const failed = new Set<string>();
  for (let i = 0; i < table.length; i++) {
    if (pass.values[i] !== 0) continue;
    failed.add(ids === undefined ? String(i) : ids.type === 'character' ? String(ids.codes[i]) : String(ids.values[i]));
  }
  if (failed.size === 0) return '';
  const who = `${failed.size} respondent${failed.size === 1 ? '' : 's'} who failed the attention check (attention_pass 0)`;
  return `vlab ${verb}: the data include ${who}; a plan that excludes them (vlab estimates) keeps --subset "attention_pass == 1"\n`;
}

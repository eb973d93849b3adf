// Shared by the plan, estimates and replication tests: the shipped definitions, a definition with another
// plan, and the alliance reference data with the export's participant column.
import { parseStudyDefinition, type StudyDefinition } from '../../server/domain/study-definition.ts';
import { PARTICIPANT_COLUMN } from '../../server/domain/plan/execute-plan.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import type { Row } from '../../analysis/index.ts';
import { referenceRows } from '../analysis/support.ts';

const definitions = loadDefinitionFiles('survey-definitions');
export const alliance = definitions.find((d) => d.id === 'alliance-corrective-measures')!;
export const protege = definitions.find((d) => d.id === 'protege-bargaining')!;

export const VIOLATIONS = ['public_criticism', 'skip_exercises', 'delay_cooperation', 'evict_troops', 'threaten_exit'];
export const MEASURES = ['do_nothing', 'public_criticism', 'economic_sanctions', 'reduce_military_aid', 'suspend_military_support'];

/** The definition with its analysis plan replaced (validated, so a bad plan throws a DefinitionError). */
export function withPlan(def: StudyDefinition, plan: unknown): StudyDefinition {
  return parseStudyDefinition({ ...structuredClone(def), analysisPlan: plan }, 'test');
}

/** alliance.csv (N 1,502) with `respondent_id` renamed to the export's `participant` and without `violated`. */
export function allianceRows(): Row[] {
  return referenceRows('alliance.csv').map(({ respondent_id, violated: _violated, ...rest }) => ({ [PARTICIPANT_COLUMN]: respondent_id, ...rest }));
}

/**
 * `rows` with one respondent alone at capability "weak" (every other "strong"): in the alliance plan's H3 (HC2, no
 * clusters) that respondent's row has leverage 1, so each H3 fit carries lm_robust's leverage warning.
 */
export function withLoneWeakCapability(rows: readonly Row[]): Row[] {
  // The first row H3 keeps: attentive (the plan's exclusion) and told of a violation (H3's subset).
  const lone = rows.findIndex((row) => Number(row.attention_pass) === 1 && VIOLATIONS.includes(String(row.behavior)));
  return rows.map((row, i) => ({ ...row, capability: i === lone ? 'weak' : 'strong' }));
}

import { createHash } from 'node:crypto';
import { canonicalJson } from './definition-elements.ts';
import type { StudyDefinition } from './study-definition.ts';

/**
 * A study's `version` names what respondents see and how they are assigned. Once a wave has fielded a
 * version, the texts and the design under that number are fixed: a change needs a new number, so that two
 * waves labelled "v1" never served different vignettes. The analysis plan (locked per wave by its plan hash),
 * the simulation model and the researcher's description are not fielded, and may change under the same number.
 */
const NOT_FIELDED = ['analysisPlan', 'simulation', 'description'] as const;

/** sha256 of the fielded part of a definition (all but NOT_FIELDED), keys sorted. */
export function fieldedFingerprint(def: StudyDefinition): string {
  const fielded: Record<string, unknown> = { ...def };
  for (const key of NOT_FIELDED) delete fielded[key];
  return createHash('sha256').update(canonicalJson(fielded)).digest('hex');
}

/** A wave with the definition snapshot it runs. */
export interface FieldedSnapshot {
  waveId: string;
  definition: StudyDefinition;
}

/**
 * Why `def` may not be stored as a new snapshot, or null: a wave already fielded its `version` with other
 * texts or design. The stored snapshots are the record of what each wave used, so no other bookkeeping is kept.
 */
export function versionConflict(def: StudyDefinition, fielded: readonly FieldedSnapshot[]): string | null {
  const mine = fieldedFingerprint(def);
  const clash = fielded.find((s) => s.definition.version === def.version && fieldedFingerprint(s.definition) !== mine);
  if (!clash) return null;
  const next = Math.max(def.version, ...fielded.map((s) => s.definition.version)) + 1;
  return (
    `study "${def.id}": version ${def.version} was fielded by wave ${clash.waveId} with other texts or design; ` +
    `set "version" to ${next} in study.json to field this change (wave ${clash.waveId} keeps what it showed)`
  );
}

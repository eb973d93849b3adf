import { createHash } from 'node:crypto';
import { canonicalJson } from './definition-elements.ts';
import type { StudyDefinition } from './study-definition.ts';
import { andList } from '../../analysis/helpers/and-list.ts';

/**
 * A study's `version` names what respondents see and how they are assigned. Once a wave has fielded a
 * version, the texts and the design under that number are fixed: a change needs a new number, so that two
 * waves labelled "v1" never served different vignettes. The analysis plan (locked per wave by its plan hash),
 * the simulation model and the researcher's description are not fielded, and may change under the same number.
 */
const NOT_FIELDED = ['analysisPlan', 'simulation', 'description'] as const;

/** sha256 of the fielded part of a definition (all but NOT_FIELDED), keys sorted. */
export function fieldedFingerprint(def: StudyDefinition): string {
  return createHash('sha256').update(canonicalJson(fieldedPart(def))).digest('hex');
}

function fieldedPart(def: StudyDefinition): Record<string, unknown> {
  const fielded: Record<string, unknown> = { ...def };
  for (const key of NOT_FIELDED) delete fielded[key];
  return fielded;
}

/** A fielded part in the words of the files a researcher edits; a key not listed reads as itself. */
const PART_NAMES: Record<string, string> = {
  locales: 'locales',
  title: 'title',
  consent: 'consent page',
  design: 'design',
  factors: 'factors',
  restrictions: 'restrictions',
  vignette: 'vignette',
  pages: 'pages',
  attentionCheck: 'attention check',
  populationMargins: 'population margins (population-margins.json)',
  quotas: 'quotas (quotas.json)',
};

/** The fielded parts in which `a` and `b` differ, in words: "population margins (population-margins.json)". */
function changedParts(a: StudyDefinition, b: StudyDefinition): string {
  const [pa, pb] = [fieldedPart(a), fieldedPart(b)];
  const keys = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].filter((k) => canonicalJson(pa[k] ?? null) !== canonicalJson(pb[k] ?? null));
  const names = keys.map((k) => PART_NAMES[k] ?? k);
  return andList(names) || 'texts or design';
}

/** A wave with the definition snapshot it runs, and its status (a running one goes on showing that snapshot). */
export interface FieldedSnapshot {
  waveId: string;
  definition: StudyDefinition;
  status?: 'open' | 'paused' | 'closed';
}

/**
 * What becomes of the waves of a version a file has moved past: they keep their snapshot, and an open or paused one
 * goes on showing it — said, since a researcher who edits a wording mid-wave asks what the live wave now shows.
 */
function wavesKeep(clashes: readonly FieldedSnapshot[]): string {
  const still = (s: FieldedSnapshot) =>
    s.status === 'open' ? 'still open, goes on showing it' : s.status === 'paused' ? 'paused, goes on showing it once reopened' : null;
  const [only] = clashes;
  if (clashes.length === 1 && only) return `wave ${only.waveId} keeps what it showed${still(only) ? ` and, ${still(only)}` : ''}`;
  const running = clashes.flatMap((s) => (still(s) ? [`${s.waveId}, ${still(s)}`] : []));
  const kept = `waves ${andList(clashes.map((s) => s.waveId))} keep what they showed`;
  return running.length ? `${kept}: ${andList(running)}` : kept;
}

/**
 * Why `def` may not be stored as a new snapshot, or null: waves already fielded its `version` with other texts or
 * design, named with the parts that differ (vignette, pages, population margins, …) and what becomes of them. The
 * stored snapshots are the record of what each wave used, so no other bookkeeping is kept.
 */
export function versionConflict(def: StudyDefinition, fielded: readonly FieldedSnapshot[]): string | null {
  const mine = fieldedFingerprint(def);
  const clashes = fielded.filter((s) => s.definition.version === def.version && fieldedFingerprint(s.definition) !== mine);
  const clash = clashes[0];
  if (!clash) return null;
  const next = Math.max(def.version, ...fielded.map((s) => s.definition.version)) + 1;
  const by = clashes.length === 1 ? `wave ${clash.waveId}` : `waves ${andList(clashes.map((s) => s.waveId))}`;
  return (
    `study "${def.id}": version ${def.version} was fielded by ${by} with other ${changedParts(clash.definition, def)}; ` +
    `set "version" to ${next} in study.json to field this change (${wavesKeep(clashes)})`
  );
}

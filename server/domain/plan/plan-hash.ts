import { createHash } from 'node:crypto';
import { canonicalJson } from '../definition-elements.ts';
import type { StudyDefinition } from '../study-definition.ts';

/**
 * sha256 of what determines a wave's estimates: the analysis plan plus the parts of the definition it reads —
 * factor level order (the first level is the reference), the attention check behind the derived column, and
 * the population margins used for raking. Keys are sorted first, so the hash ignores file layout and key
 * order; any change of content changes it. Recorded on the wave at launch (migration 003).
 */
export function planHash(def: StudyDefinition): string {
  const locked = {
    analysisPlan: def.analysisPlan,
    factors: def.factors.map((f) => ({ name: f.name, levels: f.levels.map((l) => l.code) })),
    attentionCheck: def.attentionCheck ?? null,
    populationMargins: def.populationMargins?.margins ?? null,
  };
  return createHash('sha256').update(canonicalJson(locked)).digest('hex');
}

// The conjoint differential suite: its designs and the hash tying a case's inputs to R's stored output.
import { createHash } from 'node:crypto';
import { CONJOINT_SEEDS, conjointDesign, type ConjointCase, type ConjointDesign } from './designs.ts';

export function conjointSuite(): ConjointDesign[] {
  return CONJOINT_SEEDS.map(conjointDesign);
}

export function caseHash(c: ConjointCase, d: ConjointDesign): string {
  return createHash('sha256').update(JSON.stringify([c, d.levels ?? null, d.probabilities, d.csv])).digest('hex').slice(0, 16);
}

// The conjoint differential suite: its designs and the hash tying a case's inputs to R's stored output.
import { createHash } from 'node:crypto';
import { CONJOINT_SEEDS, conjointDesign, TRIAL13_DESIGNS, TRIAL14_DESIGNS, TRIAL20_DESIGNS, TRIAL25_DESIGNS, TRIAL33_DESIGNS, TRIAL34_DESIGNS, TRIAL35_DESIGNS, TRIAL36_DESIGNS, TRIAL37_DESIGNS, TRIAL38_DESIGNS, TRIAL39_DESIGNS, TRIAL40_DESIGNS, TRIAL41_DESIGNS, TRIAL43_DESIGNS, type ConjointCase, type ConjointDesign } from './designs.ts';

export function conjointSuite(): ConjointDesign[] {
  if (process.env.VLAB_CONJOINT_SEEDS) return CONJOINT_SEEDS.map((seed) => conjointDesign(seed));
  return [...CONJOINT_SEEDS.map((seed) => conjointDesign(seed)), ...[...TRIAL13_DESIGNS, ...TRIAL14_DESIGNS, ...TRIAL20_DESIGNS, ...TRIAL25_DESIGNS, ...TRIAL33_DESIGNS, ...TRIAL34_DESIGNS, ...TRIAL35_DESIGNS, ...TRIAL36_DESIGNS, ...TRIAL37_DESIGNS, ...TRIAL38_DESIGNS, ...TRIAL39_DESIGNS, ...TRIAL40_DESIGNS, ...TRIAL41_DESIGNS, ...TRIAL43_DESIGNS].map(([seed, variant]) => conjointDesign(seed, variant))];
}

export function caseHash(c: ConjointCase, d: ConjointDesign): string {
  return createHash('sha256').update(JSON.stringify([c, d.levels ?? null, d.probabilities, d.csv])).digest('hex').slice(0, 16);
}

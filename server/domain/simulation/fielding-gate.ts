import { fullQuotaLevel, quotaCaps, quotaCellOf } from '../quota.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { treatmentPageIndex } from '../wave-lifecycle.ts';
import type { SimulatedRespondent } from './respondent.ts';

/** What became of a simulated start: a complete, or the reason it is none (the fielding tallies' names). */
export type FieldingFate = 'complete' | 'screenedOut' | 'overQuota' | 'abandoned';

/**
 * The steps a start passes on the server before it is a complete, for a wave of `target` completes: consent, the
 * quota step before the treatment page (a level at its cap turns the participant away), and staying to the end.
 * Only completes keep a slot: a leaver's lease runs out (VLAB_QUOTA_LEASE_SECONDS) and frees it for a later start,
 * as on the server (were it held for good, caps summing to the target could never be met). Shared by the vignette
 * (simulated-wave.ts) and conjoint (conjoint-diagnosis.ts) diagnoses, so both field a wave the same way.
 */
export function fieldingGate(def: StudyDefinition, target: number): (r: Pick<SimulatedRespondent, 'fate' | 'leaveOnPage' | 'answers'>) => FieldingFate {
  const caps = quotaCaps(def, target);
  const filled = new Map<string, number>();
  const slot = (c: { variable: string; level: string }) => `${c.variable}\u0000${c.level}`;
  const treatmentPage = treatmentPageIndex(def);
  return (r) => {
    if (r.fate === 'declined') return 'screenedOut';
    if (r.fate === 'abandoned' && r.leaveOnPage! < treatmentPage) return 'abandoned';
    if (caps.length) {
      const cell = quotaCellOf(def, r.answers);
      if (fullQuotaLevel(caps, cell, (c) => filled.get(slot(c)) ?? 0)) return 'overQuota';
      if (r.fate !== 'abandoned') for (const c of cell) filled.set(slot(c), (filled.get(slot(c)) ?? 0) + 1);
    }
    return r.fate === 'abandoned' ? 'abandoned' : 'complete';
  };
}

import type { WaveChangeRecord } from './wave-update.ts';

/**
 * Why a quota level holds more completes than its cap, or null when it does not. The caps follow the wave's
 * current target, and admitted participants keep their places when a researcher lowers it (docs/api.md, PATCH),
 * so a level can show 15 completes of cap 5: the status says so instead of looking like an overfilled quota
 * (attacker pass 18). The quota step never admits past a cap, so the lowered target is the cause whenever the
 * changes log holds one; without one the status still says the level is over its cap.
 */
export function quotaOverCapReason(completes: number, cap: number, changes: readonly WaveChangeRecord[]): string | null {
  if (completes <= cap) return null;
  const lowered = changes.findLast((c) => c.field === 'target' && Number(c.newValue) < Number(c.oldValue));
  return lowered ? `admitted before the target was lowered from ${lowered.oldValue} to ${lowered.newValue}` : 'more completes than the cap of the current target';
}

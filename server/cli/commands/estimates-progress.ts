import { planFitCount } from '../../services/conjoint-estimates.ts';
import type { ReplicationProgress } from '../../services/replication-service.ts';
import { createWavePlans } from '../../services/wave-plan.ts';
import { progressBar, type Progress } from '../../simulate/progress.ts';
import type { Store } from '../../storage/store.ts';

/**
 * Bars on a terminal for `vlab estimates` and `vlab replication` (nothing in a pipe or a log): the wave's completes
 * read, then the plan's outcomes fitted, then (replication) the data file's rows written. A wave of 20,000
 * completes takes seconds and one of 200,000 most of a minute; without them the command said nothing until it had
 * finished, and the package's writing (about half of a replication's time) had no bar until the newcomer pass 14.
 */
export async function estimatesBars(store: Store, waveId: string, verb: string): Promise<ReplicationProgress & { stop(): void }> {
  // No bar to draw (progressBar draws none either): the totals are not read, so scripts pay nothing for the bars.
  if (!process.stderr.isTTY) return { stop: () => undefined };
  // Counted before reading: a participant completing meanwhile may add a row the bar does not count.
  const completes = (await store.read((tx) => tx.participants.countByStatus(waveId))).complete;
  const fits = planFitCount((await createWavePlans(store.repos).wavePlan(waveId)).definition);
  let read = 0;
  let fitted = 0;
  let bar: Progress = progressBar(completes, `${verb}: completes read`);
  let phase: 'reading' | 'fitting' | 'writing' = 'reading';
  const next = (to: typeof phase, total: number, label: string) => {
    bar.stop();
    bar = progressBar(total, `${verb}: ${label}`);
    phase = to;
  };
  return {
    onParticipant: () => {
      if (phase !== 'reading') return;
      bar.update(++read);
      // The fitting bar starts when the last counted complete is read (or at the first fit, if fewer were read).
      if (read === completes) next('fitting', fits, 'outcomes fitted');
    },
    onFitted: () => {
      if (phase === 'reading') next('fitting', fits, 'outcomes fitted');
      bar.update(Math.min(++fitted, fits));
    },
    onRowWritten: (written, total) => {
      if (phase !== 'writing') next('writing', total, 'data rows written');
      bar.update(written);
    },
    stop: () => bar.stop(),
  };
}

import { planFitCount } from '../../services/conjoint-estimates.ts';
import type { EstimatesProgress } from '../../services/estimates-service.ts';
import { createWavePlans } from '../../services/wave-plan.ts';
import { progressBar, type Progress } from '../../simulate/progress.ts';
import type { Store } from '../../storage/store.ts';

/**
 * Two bars on a terminal for `vlab estimates` and `vlab replication` (nothing in a pipe or a log): the wave's
 * completes read, then the plan's outcomes fitted. A wave of 20,000 completes takes seconds and one of 200,000 most
 * of a minute; without them the command said nothing until it had finished.
 */
export async function estimatesBars(store: Store, waveId: string, verb: string): Promise<EstimatesProgress & { stop(): void }> {
  // No bar to draw (progressBar draws none either): the totals are not read, so scripts pay nothing for the bars.
  if (!process.stderr.isTTY) return { stop: () => undefined };
  // Counted before reading: a participant completing meanwhile may add a row the bar does not count.
  const completes = (await store.read((tx) => tx.participants.countByStatus(waveId))).complete;
  const fits = planFitCount((await createWavePlans(store.repos).wavePlan(waveId)).definition);
  let read = 0;
  let fitted = 0;
  let bar: Progress = progressBar(completes, `${verb}: completes read`);
  let fitting = false;
  // The fitting bar starts when the last counted complete is read (or at the first fit, if fewer were read).
  const startFitting = () => {
    bar.stop();
    bar = progressBar(fits, `${verb}: outcomes fitted`);
    fitting = true;
  };
  return {
    onParticipant: () => {
      if (fitting) return;
      bar.update(++read);
      if (read === completes) startFitting();
    },
    onFitted: () => {
      if (!fitting) startFitting();
      bar.update(Math.min(++fitted, fits));
    },
    stop: () => bar.stop(),
  };
}

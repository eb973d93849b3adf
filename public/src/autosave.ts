import { ApiRefusal, saveAnswers, type Outcome } from './respondent-api.ts';

/** What a save sends: every answer so far (the server replaces the partial save) and the page shown. */
export interface SaveState {
  answers: Record<string, unknown>;
  page: number;
}

export interface AutosaveOptions {
  code: string;
  /** The survey's current answers and page. */
  current: () => SaveState;
  /** The server refused a save (a 4xx): retrying the same body cannot help. */
  onRefused: (error: ApiRefusal) => void;
  /** A save did not reach the server (offline, or no answer after its retries); called at each such failure. */
  onUnreachable: () => void;
  /** A save reached the server again after `onUnreachable`. */
  onReachable: () => void;
  /** The server ended the participant instead of saving (their quota lease lapsed and the level filled): no more saves. */
  onOutcome: (outcome: Outcome) => void;
  /** A save was stored; the server says how long the participant's quota lease has left (null: none held). */
  onSaved?: (leaseSecondsLeft: number | null) => void;
  /** How long after a change the save is sent; changes meanwhile ride along. */
  delayMs?: number;
  /** How long after a save that did not reach the server it is tried again (sooner when the device is back online). */
  retryMs?: number;
}

/**
 * Calls `onHidden` when the page is hidden or unloaded (`visibilitychange`, `pagehide`) and `onOnline` when the
 * device is back online; returns what stops both.
 */
function listenToPage(onHidden: () => void, onOnline: () => void): () => void {
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHidden();
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onHidden);
  window.addEventListener('online', onOnline);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onHidden);
    window.removeEventListener('online', onOnline);
  };
}

/** What tells two save states apart. */
const key = (state: SaveState) => JSON.stringify(state);

/**
 * Saves answers as they change, so a reload or an app switch loses at most the last second of input.
 *
 * - A change schedules a save `delayMs` later; further changes do not push it back, so a respondent who
 *   keeps typing is still saved every `delayMs`.
 * - Saves run one after another and only the newest state waiting is sent: a slow save never overwrites a
 *   newer one with older answers.
 * - When the page is hidden (app switch, tab switch, closing: `visibilitychange` and `pagehide`), anything not
 *   yet acknowledged is sent at once as a keepalive request, which the browser delivers even if the page is
 *   then frozen or unloaded.
 * - A save that does not reach the server (offline) is tried again every `retryMs` and at once when the device
 *   is back online, without waiting for another change: the answers on the page are saved as soon as they can
 *   be, and the respondent is told meanwhile (onUnreachable) to keep the page open.
 */
export function createAutosave({ code, current, onRefused, onUnreachable, onReachable, onOutcome, onSaved, delayMs = 800, retryMs = 5000 }: AutosaveOptions) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let stopped = false;
  let unreachable = false;
  let pending: SaveState | null = null;
  /** The body of the last save the server acknowledged, to skip sending the same state twice. */
  let acknowledged = '';

  const send = async (state: SaveState, keepalive: boolean) => {
    try {
      const result = await saveAnswers(code, state.answers, state.page, { keepalive });
      if (result.outcome) {
        if (!stopped) onOutcome(result.outcome);
        return stop();
      }
      acknowledged = key(state);
      if (!stopped) onSaved?.(result.leaseSecondsLeft ?? null);
      if (unreachable && !stopped) onReachable();
      unreachable = false;
    } catch (error) {
      if (stopped) return;
      if (error instanceof ApiRefusal) return onRefused(error);
      unreachable = true;
      onUnreachable();
      if (timer === null) timer = setTimeout(saveNow, retryMs);
    }
  };
  const run = async () => {
    running = true;
    while (pending && !stopped) {
      const next = pending;
      pending = null;
      if (key(next) !== acknowledged) await send(next, false);
    }
    running = false;
  };
  const cancelTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  /** `renewLease`: sent even if the server has this state already (it renews the participant's quota lease). */
  const saveNow = (renewLease = false) => {
    cancelTimer();
    if (stopped) return;
    if (renewLease) acknowledged = '';
    pending = current();
    if (!running) void run();
  };
  const onHidden = () => {
    if (stopped) return;
    const state = current();
    if (key(state) === acknowledged) return;
    cancelTimer();
    pending = null;
    void send(state, true);
  };
  const unlisten = listenToPage(onHidden, () => {
    if (unreachable) saveNow();
  });

  function stop(): void {
    stopped = true;
    cancelTimer();
    unlisten();
  }

  return {
    /** An answer changed: save within `delayMs`. */
    changed(): void {
      if (timer === null && !stopped) timer = setTimeout(saveNow, delayMs);
    },
    /** Save now (a page change). */
    saveNow,
    /** Save now even if nothing changed since the last save: the respondent asked to keep their quota lease. */
    renew: () => saveNow(true),
    /** No more saves: the survey is being completed, and the completion carries every answer. */
    stop,
  };
}

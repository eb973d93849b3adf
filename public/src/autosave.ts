import { createServerCopy, fitsKeepalive } from './keepalive-save.ts';
import { ApiRefusal, pacedWaitMs, saveAnswers, type Outcome, type SaveOrder } from './respondent-api.ts';

/**
 * What a save sends: every answer so far and the page shown. The server merges it over the answers it holds; the
 * save sent as the tab is hidden sends only the answers changed since (keepalive-save.ts).
 */
export interface SaveState {
  answers: Record<string, unknown>;
  page: number;
}

export interface AutosaveOptions {
  code: string;
  /** The survey's current answers and page. */
  current: () => SaveState;
  /** The answers the server held when the page started (the start's answers; none when it did not send them). */
  savedAnswers?: Record<string, unknown>;
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

/** One delayed call at a time: `start` does nothing while one waits. */
function singleTimer() {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    start(call: () => void, ms: number): void {
      if (timer === null) {
        timer = setTimeout(() => {
          timer = null;
          call();
        }, ms);
      }
    },
    cancel(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * Numbers the page's saves 1, 2, 3… under a random id of this page load (docs/api.md, saveOrder). Requests may
 * arrive out of order — the keepalive save sent as the tab is hidden overtakes an ordinary save still in flight, a
 * retry arrives late — and the server applies none older than one it applied, so the last answer given wins. The
 * id keeps two tabs or devices from comparing their counts. getRandomValues, not randomUUID: the page may be
 * served over plain HTTP, where randomUUID does not exist. The quota step takes the next number too
 * (createAutosave's nextSaveOrder): a save sent before it that lands after it is then older than one applied and
 * changes nothing, where its older pre-treatment answer was refused (409, "went on in another tab") until attacker
 * pass 37b.
 */
function saveCounter() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  const pageSession = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  let sequence = 0;
  return {
    next: (): SaveOrder => ({ pageSession, sequence: ++sequence }),
    /** The number the next save will carry (for its body's size). */
    peek: (): SaveOrder => ({ pageSession, sequence: sequence + 1 }),
  };
}

/** What tells two save states apart. */
const key = (state: SaveState) => JSON.stringify(state);

/**
 * Saves answers as they change, so a reload or an app switch loses at most the last second of input.
 *
 * - A change schedules a save `delayMs` later; further changes do not push it back, so a respondent who
 *   keeps typing is still saved every `delayMs`.
 * - Saves run one after another and only the newest state waiting is sent; each is numbered (saveCounter), and the
 *   server applies none older than one it applied: a slow save never overwrites a newer one with older answers,
 *   not even the keepalive save that overtook it.
 * - When the page is hidden (app switch, tab switch, closing: `visibilitychange` and `pagehide`), the answers
 *   changed since the last acknowledged save (or one in flight) are sent at once as a keepalive request, which the
 *   browser delivers even if the page is then frozen or unloaded, when they fit its 64 KiB (keepalive-save.ts),
 *   else as a plain request.
 * - A save the server paces (429, its per-participant limit, which the page's cadence never meets) is sent again
 *   after its Retry-After, with the answers of that moment: nothing typed is dropped.
 * - A save that does not reach the server (offline, or a connection that hangs past an attempt's time limit, which
 *   ends its tries at once: respondent-api.ts) is tried again every `retryMs` and at once when the device is back
 *   online, without waiting for another change: the answers on the page are saved as soon as they can be, and the
 *   respondent is told meanwhile (onUnreachable) to keep the page open.
 */
// Whole on purpose (~81 lines): a factory whose body is its methods, each short, sharing the page's save state and counter.
export function createAutosave({ code, current, savedAnswers = {}, onRefused, onUnreachable, onReachable, onOutcome, onSaved, delayMs = 800, retryMs = 5000 }: AutosaveOptions) {
  const timer = singleTimer();
  let running = false;
  let stopped = false;
  let unreachable = false;
  let pending: SaveState | null = null;
  const serverCopy = createServerCopy(savedAnswers);
  const order = saveCounter();

  /** Sends `state` (or, `answers`, the part of it the server lacks); once acknowledged the server holds all of `state`. */
  const send = async (state: SaveState, keepalive: boolean, answers = state.answers) => {
    const saveOrder = order.next();
    const sent = serverCopy.sent(state.answers, key(state), keepalive, saveOrder.sequence);
    try {
      const result = await saveAnswers(code, answers, state.page, saveOrder, { keepalive });
      if (result.outcome) {
        if (!stopped) onOutcome(result.outcome);
        return stop();
      }
      serverCopy.acknowledged(sent);
      if (!stopped) onSaved?.(result.leaseSecondsLeft ?? null);
      if (unreachable && !stopped) onReachable();
      unreachable = false;
    } catch (error) {
      if (stopped) return;
      if (error instanceof ApiRefusal) return error.status === 429 ? timer.start(saveNow, pacedWaitMs(error.retryAfterSeconds)) : onRefused(error);
      unreachable = true;
      onUnreachable();
      timer.start(saveNow, retryMs);
    } finally {
      serverCopy.settled(sent);
    }
  };
  const run = async () => {
    running = true;
    while (pending && !stopped) {
      const next = pending;
      pending = null;
      if (!serverCopy.holds(key(next))) await send(next, false);
    }
    running = false;
  };
  /** `renewLease`: sent even if the server has this state already (it renews the participant's quota lease). */
  const saveNow = (renewLease = false) => {
    timer.cancel();
    if (stopped) return;
    if (renewLease) serverCopy.forgetAcknowledged();
    pending = current();
    if (!running) void run();
  };
  const onHidden = () => {
    if (stopped) return;
    const state = current();
    if (serverCopy.holds(key(state)) || serverCopy.keepaliveOnItsWay(key(state))) return;
    timer.cancel();
    pending = null;
    const changed = serverCopy.changed(state.answers);
    void send(state, fitsKeepalive(changed, state.page, order.peek()), changed);
  };
  const unlisten = listenToPage(onHidden, () => unreachable && saveNow());

  function stop(): void {
    stopped = true;
    timer.cancel();
    unlisten();
  }

  return {
    /** An answer changed: save within `delayMs`. */
    changed(): void {
      if (!stopped) timer.start(saveNow, delayMs);
    },
    /** Save now (a page change). */
    saveNow,
    /** Save now even if nothing changed since the last save: the respondent asked to keep their quota lease. */
    renew: () => saveNow(true),
    /** No more saves: the survey is being completed, and the completion carries every answer. */
    stop,
    nextSaveOrder: (): SaveOrder => order.next(), // the quota step's number (saveCounter)
  };
}

import type { SaveOrder } from './respondent-api.ts';

/**
 * What the save sent as the tab is hidden or closed carries. Browsers cap the bodies of keepalive requests in
 * flight at 64 KiB (the Fetch standard's "inflight keepalive bytes"; Chromium, Firefox and Safari) and refuse one
 * that passes it: a respondent whose answers pass 64 KiB (thirteen comment boxes of 5,000 characters, or five in a
 * script of three UTF-8 bytes a character) lost the last 0.8 s of typing when the tab closed. The server merges a
 * save over the answers it holds (server/services/respondent-steps.ts, answersAfter), so this save sends only the
 * answers that changed since the server acknowledged a save, a cleared one as its `null` (cleared-answers.ts); the
 * page keeps what the server holds for that (createServerCopy).
 */

/** The browsers' cap on keepalive request bodies in flight (Fetch standard, 4.6 HTTP-network-or-cache fetch). */
export const KEEPALIVE_BODY_LIMIT = 64 * 1024;

/**
 * The answers of `current` whose value differs from their value in any of `bases`: the state the server
 * acknowledged and a save still in flight, which may yet land after this one is merged (an answer changed and
 * changed back while that save was on its way must be sent again, or the save in flight would leave the middle value).
 */
export function answersChangedSince(current: Record<string, unknown>, bases: readonly Record<string, unknown>[]): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const name of Object.keys(current)) {
    const value = JSON.stringify(current[name]);
    if (bases.some((base) => !Object.hasOwn(base, name) || JSON.stringify(base[name]) !== value)) {
      Object.defineProperty(changed, name, { value: current[name], enumerable: true, writable: true, configurable: true });
    }
  }
  return changed;
}

/**
 * Whether a save of these answers may go as a keepalive request: its JSON body in UTF-8 under the cap. One that
 * does not is sent as a plain request instead, which arrives when the page stays (a tab or app switch, the usual
 * reason a page is hidden) and is cancelled only if it is unloaded; a keepalive request over the cap is never sent at all.
 */
export function fitsKeepalive(answers: Record<string, unknown>, currentPage: number, saveOrder?: SaveOrder): boolean {
  return new TextEncoder().encode(JSON.stringify({ answers, currentPage, saveOrder })).length <= KEEPALIVE_BODY_LIMIT;
}

/** A save sent: its answers (a copy: SurveyJS may change an answer's array in place), its state's key, its number, and how it went. */
export interface SentSave {
  answers: Record<string, unknown>;
  key: string;
  keepalive: boolean;
  sequence: number;
  /** Answered, or given up on: a save given up on may still have reached the server (only its answer was lost). */
  settled: boolean;
}

/**
 * What the server holds of the page's answers as far as the page knows: those of the newest acknowledged save (at
 * first, those the page started with), and those of the saves that may yet land: sent and not overtaken by a newer
 * acknowledged save. The server applies no save older than one it applied from this page (docs/api.md), so once save
 * n is acknowledged the saves before it can change nothing; until then each of them may, even one the page gave up
 * on (its request may have arrived and only the answer been lost).
 */
export function createServerCopy(savedAnswers: Record<string, unknown>) {
  let acknowledged = structuredClone(savedAnswers);
  /** The key of the newest acknowledged save's state, to skip sending the same state twice. */
  let acknowledgedKey = '';
  let acknowledgedSequence = 0;
  const mayLand = new Set<SentSave>();
  return {
    holds: (key: string) => key === acknowledgedKey,
    /** The next save is sent even if the server has its state (a save renews the participant's quota lease). */
    forgetAcknowledged(): void {
      acknowledgedKey = '';
    },
    sent(answers: Record<string, unknown>, key: string, keepalive: boolean, sequence: number): SentSave {
      // One given up on with the same answers says nothing more (retries while offline resend one state): keep one.
      for (const save of mayLand) if (save.settled && save.key === key) mayLand.delete(save);
      const save = { answers: structuredClone(answers), key, keepalive, sequence, settled: false };
      mayLand.add(save);
      return save;
    },
    /** An answer that arrives after a newer save's was applied before it, or not at all: it leaves what the page knows. */
    acknowledged(save: SentSave): void {
      if (save.sequence > acknowledgedSequence) {
        acknowledged = save.answers;
        acknowledgedKey = save.key;
        acknowledgedSequence = save.sequence;
      }
      for (const older of mayLand) if (older.sequence <= save.sequence) mayLand.delete(older);
    },
    settled(save: SentSave): void {
      save.settled = true;
    },
    /**
     * A keepalive save of this state is on its way (`visibilitychange`, then `pagehide` as the tab closes): a second
     * copy would only count against the cap. A plain request in flight does not count: the unload cancels it.
     */
    keepaliveOnItsWay: (key: string) => [...mayLand].some((save) => save.keepalive && !save.settled && save.key === key),
    /** The answers the server may lack. */
    changed: (answers: Record<string, unknown>) => answersChangedSince(answers, [acknowledged, ...[...mayLand].map((save) => save.answers)]),
  };
}

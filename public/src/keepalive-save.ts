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
export function fitsKeepalive(answers: Record<string, unknown>, currentPage: number): boolean {
  return new TextEncoder().encode(JSON.stringify({ answers, currentPage })).length <= KEEPALIVE_BODY_LIMIT;
}

/** A save sent: its answers (a copy: SurveyJS may change an answer's array in place), its state's key, and how it went. */
export interface SentSave {
  answers: Record<string, unknown>;
  key: string;
  keepalive: boolean;
}

/**
 * What the server holds of the page's answers as far as the page knows: those of the last acknowledged save (at
 * first, those the page started with), and those of saves on their way, which may yet land.
 */
export function createServerCopy(savedAnswers: Record<string, unknown>) {
  let acknowledged = structuredClone(savedAnswers);
  /** The key of the last acknowledged save's state, to skip sending the same state twice. */
  let acknowledgedKey = '';
  const inFlight = new Set<SentSave>();
  return {
    holds: (key: string) => key === acknowledgedKey,
    /** The next save is sent even if the server has its state (a save renews the participant's quota lease). */
    forgetAcknowledged(): void {
      acknowledgedKey = '';
    },
    sent(answers: Record<string, unknown>, key: string, keepalive: boolean): SentSave {
      const save = { answers: structuredClone(answers), key, keepalive };
      inFlight.add(save);
      return save;
    },
    acknowledged(save: SentSave): void {
      acknowledged = save.answers;
      acknowledgedKey = save.key;
    },
    settled(save: SentSave): void {
      inFlight.delete(save);
    },
    /**
     * A keepalive save of this state is on its way (`visibilitychange`, then `pagehide` as the tab closes): a second
     * copy would only count against the cap. A plain request in flight does not count: the unload cancels it.
     */
    keepaliveOnItsWay: (key: string) => [...inFlight].some((save) => save.keepalive && save.key === key),
    /** The answers the server may lack. */
    changed: (answers: Record<string, unknown>) => answersChangedSince(answers, [acknowledged, ...[...inFlight].map((save) => save.answers)]),
  };
}

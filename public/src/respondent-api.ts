/** The respondent API as the page uses it (docs/api.md). Network failures and hung requests are retried; 4xx answers are not. */

export interface ApiErrorBody {
  error: { code: string; message: string; waveStatus?: string; redirectUrl?: string | null; reason?: string; param?: string; question?: string };
}

export interface Outcome {
  status: 'complete' | 'screened_out' | 'overquota';
  redirectUrl: string | null;
}

export interface StartResponse {
  participant: { code: string; status: string; currentPage: number; locale: string };
  survey: Record<string, unknown>;
  answers: Record<string, unknown>;
  outcome: Outcome | null;
  /** Seconds until the participant's quota lease lapses, or null: none held (docs/api.md). */
  leaseSecondsLeft: number | null;
}

/** A refusal by the server: retrying the same request cannot help. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields of the error body, e.g. a closed wave's status and redirect. */
    readonly details: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
    /** From a 429's Retry-After header: how long to wait before trying again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/**
 * A retry's pause, cut short when the device comes back online: a completion sent offline then goes through at once
 * instead of waiting out a pause of up to 15 s while the respondent looks at "Saving your answers…".
 */
const pauseUnlessOnline = (ms: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });

/** Retry-After is either seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : null;
}

/**
 * The server answered, but only with 5xx (503 `busy`: its database away, its work queue full) until the retries ran
 * out. Not a refusal (later the same request may pass), and not the connection's fault: the start says the survey
 * is busy; a save or the quota step treat it as not reached, as before.
 */
export class ServerBusy extends Error {
  constructor(readonly status: number) {
    super(`the server answered ${status}`);
  }
}

interface RequestOptions {
  attempts?: number;
  /**
   * An attempt over its time limit ends the tries at once, as not reached: a save, which autosave.ts tries again
   * every few seconds with the answers of that moment, the quota step, which Next tries again, and the start, which
   * the respondent is asked to reload (since page pass 39). Tried again at
   * once, a hung connection hung each of four attempts, so the respondent heard nothing for about a minute (4 × 15 s
   * and the pauses) and the answers given meanwhile waited that long too (until page pass 38).
   */
  hangEndsTries?: boolean;
  /** Called before each retry; `busy`: the server answered 5xx (it was reached), rather than not answering. */
  onRetry?: (attempt: number, busy: boolean) => void;
  /** Lets the request outlive the page (a save sent while the tab is hidden or closing). */
  keepalive?: boolean;
  /**
   * A 429 is waited out (its Retry-After) and sent again, not counted as an attempt: the per-participant limit on
   * writes paces a participant's own requests, which the page must not give up on (the completion, the quota step).
   */
  waitWhenPaced?: boolean;
}

/**
 * How long one attempt of a request may take, its answer's body included, before it counts as not reaching the
 * server and goes to the retries like a failed one. Without it a request whose connection hangs (a captive portal, a
 * dead mobile cell, a proxy that holds it) neither failed nor ended: a save held back every later save and the page
 * said nothing (respondent page pass 37). 15 s: a save of a few KiB takes well under a second even on a slow mobile
 * link, and a retry sends the same body, which the server takes once (a save's number, the completion's
 * idempotency), so giving up on a slow attempt costs nothing but the wait.
 */
const REQUEST_TIME_LIMIT_MS = 15_000;

/**
 * One attempt: the answer and its body (null when not JSON), or how the server was not reached: `failed` (offline, a
 * refused connection) or `hung` (no answer within REQUEST_TIME_LIMIT_MS). A timer and an AbortController rather than
 * AbortSignal.timeout: the timer is cleared once answered, and Playwright's fake clock drives it in the browser tests.
 */
async function sendOnce(method: 'POST' | 'PUT', path: string, body: unknown, keepalive: boolean): Promise<{ response: Response; payload: unknown } | 'failed' | 'hung'> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIME_LIMIT_MS);
  try {
    const response = await fetch(path, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      keepalive,
      signal: controller.signal,
    });
    const text = await response.text();
    return { response, payload: parseJson(text) };
  } catch {
    return controller.signal.aborted ? 'hung' : 'failed';
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Sends a JSON request, retrying network failures, attempts over their time limit (REQUEST_TIME_LIMIT_MS) and 5xx
 * answers with growing pauses (0.5 s … 15 s; a pause ends early when the device comes back online).
 * `attempts` = Infinity keeps trying: used for the completion, which the server makes idempotent.
 */
export async function requestJson<T>(
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  { attempts = 4, onRetry, keepalive = false, waitWhenPaced = false, hangEndsTries = false }: RequestOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const sent = await sendOnce(method, path, body, keepalive);
    if (sent === 'hung' && hangEndsTries) throw new Error('the server did not answer in time');
    const { response, payload } = typeof sent === 'string' ? { response: null, payload: null } : sent;
    if (response && response.status < 500) {
      if (response.ok) return payload as T;
      const error = (payload as ApiErrorBody | null)?.error;
      const { code = 'error', message = `HTTP ${response.status}`, ...details } = error ?? {};
      const waitSeconds = retryAfterSeconds(response.headers.get('Retry-After'));
      if (waitWhenPaced && response.status === 429) {
        attempt--;
        await pauseUnlessOnline(pacedWaitMs(waitSeconds));
        continue;
      }
      throw new ApiRefusal(response.status, code, message, details, waitSeconds);
    }
    if (attempt >= attempts) throw response ? new ServerBusy(response.status) : new Error('the server could not be reached');
    onRetry?.(attempt, response !== null);
    await pauseUnlessOnline(Math.min(15_000, 500 * 2 ** (attempt - 1)));
  }
}

/**
 * `locale` is the link's `?lang=`: the server uses it for a new participant if the study has that locale. An attempt
 * that hangs ends the tries (hangEndsTries): the page says it could not load and to reload, where four hung attempts
 * kept the loading text for about a minute (until page pass 39). The reload sends the start again, which resumes a
 * participant the hung attempt may have made (by the panel ID).
 */
export const startParticipant = (waveId: string, panel: Record<string, string>, locale: string | null) =>
  requestJson<StartResponse>('POST', `/api/waves/${encodeURIComponent(waveId)}/participants`, { panel, ...(locale ? { locale } : {}) }, { hangEndsTries: true });

/**
 * How long a request the server paces (429, its per-participant limit on writes) waits before it goes again: the
 * server's Retry-After, at least 1 s, 5 s when it gave none. Shared by the saves (autosave.ts) and the requests that
 * wait a 429 out here (the completion, the quota step).
 */
export const pacedWaitMs = (seconds: number | null) => Math.max(1, seconds ?? 5) * 1000;

/**
 * The quota step (docs/api.md): before the vignette; a full quota level ends the survey with an outcome. An attempt
 * that hangs ends its tries (hangEndsTries): the page says the server could not be reached and Next tries again,
 * where four hung attempts kept Next at "One moment…" for about a minute (until page pass 38). Numbered among the
 * page's saves (`saveOrder`, autosave.ts): its tries send the same number, as a save's do.
 */
export const checkQuota = (code: string, answers: Record<string, unknown>, saveOrder: SaveOrder) =>
  requestJson<{ admitted: boolean; outcome: Outcome | null; leaseSecondsLeft: number | null }>(
    'POST',
    `/api/participants/${code}/quota-check`,
    { answers, saveOrder },
    { waitWhenPaced: true, hangEndsTries: true },
  );

/** Where a save stands among the page's saves: the server applies none older than one it applied (docs/api.md). */
export interface SaveOrder {
  pageSession: string;
  sequence: number;
}

/**
 * A keepalive save is sent once: the page that sends it may be gone before a retry could run. An attempt that hangs
 * ends a save's tries (hangEndsTries): autosave.ts says the answers are not saved yet and tries again. A save of a
 * participant whose quota lease lapsed while their level filled is not stored, and says the outcome (overquota).
 * A retry sends the same body, its number too: the server takes the same save again, never an older one.
 */
export const saveAnswers = (code: string, answers: Record<string, unknown>, currentPage: number, saveOrder: SaveOrder, { keepalive = false } = {}) =>
  requestJson<{ saved: boolean; outcome?: Outcome; leaseSecondsLeft: number | null }>(
    'PUT',
    `/api/participants/${code}/answers`,
    { answers, currentPage, saveOrder },
    keepalive ? { keepalive, attempts: 1 } : { hangEndsTries: true },
  );

export const completeParticipant = (
  code: string,
  answers: Record<string, unknown>,
  honeypot: string,
  onRetry: (attempt: number, busy: boolean) => void,
) => requestJson<Outcome>('POST', `/api/participants/${code}/complete`, { answers, honeypot }, { attempts: Infinity, onRetry, waitWhenPaced: true });

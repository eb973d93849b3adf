/**
 * The respondent API (docs/api.md) as a synthetic respondent calls it: the same three requests the page sends,
 * with Node's fetch (undici, which keeps connections alive). Every URL is resolved against the one base URL and
 * redirects are never followed, so a run talks to that server and nothing else. Network failures and 5xx
 * answers are retried with short growing pauses, like the page's client; a 4xx is a refusal, never retried.
 */

export interface Outcome {
  status: 'complete' | 'screened_out' | 'overquota';
  redirectUrl: string | null;
}

export interface StartResponse {
  participant: { code: string; status: string; currentPage: number };
  survey: unknown;
  answers: Record<string, unknown>;
  outcome: Outcome | null;
}

/** What a partial save returns; a save may also end the survey (an over-quota exit before the treatment). */
export interface SaveResponse {
  saved?: boolean;
  currentPage?: number;
  outcome?: Outcome | null;
}

/** The server said no (4xx): `code` is the API's error code, e.g. `rate_limited`. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`);
    this.name = 'ApiRefusal';
  }
}

/** The server could not be reached (or kept failing) after every attempt. */
export class NetworkFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkFailure';
  }
}

export interface RequestLog {
  /** Milliseconds of every request that got an HTTP answer, in completion order. */
  latencies: number[];
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Failed attempts that were retried (network errors and 5xx). */
  retries: number;
}

export interface ApiClientOptions {
  baseUrl: string;
  /** Attempts per request before giving up (the completion, which the server makes idempotent, gets twice as many). */
  attempts?: number;
  /** Pause before the first retry, doubled at each further one. */
  retryDelayMs?: number;
  log?: RequestLog;
  /** A researcher token for the starts (`vlab simulate --token`): the server does not count them against its start limit. */
  token?: string;
}

export function newRequestLog(): RequestLog {
  return { latencies: [], requests: 0, retries: 0 };
}

export function createApiClient({ baseUrl, attempts = 5, retryDelayMs = 100, log = newRequestLog(), token }: ApiClientOptions) {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`base URL must be http(s), got ${baseUrl}`);

  async function request<T>(method: 'POST' | 'PUT', path: string, body: unknown, tries = attempts, authorization?: string): Promise<T> {
    const url = new URL(path, base);
    if (url.origin !== base.origin) throw new TypeError(`refusing a request outside ${base.origin}: ${url.href}`);
    let lastProblem = '';
    for (let attempt = 1; attempt <= tries; attempt++) {
      if (attempt > 1) {
        log.retries++;
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 2)));
      }
      const started = performance.now();
      log.requests++;
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          redirect: 'manual',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
          body: JSON.stringify(body),
        });
      } catch (error) {
        lastProblem = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
        continue;
      }
      const text = await response.text().catch(() => '');
      log.latencies.push(performance.now() - started);
      if (response.status >= 500) {
        lastProblem = `HTTP ${response.status}`;
        continue;
      }
      const payload = parseJson(text);
      if (response.status >= 200 && response.status < 300) return payload as T;
      const error = (payload as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiRefusal(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status} from ${url.pathname}`);
    }
    throw new NetworkFailure(`${method} ${url.pathname}: ${lastProblem} (after ${tries} attempts)`);
  }

  return {
    log,
    start: (waveId: string, panel: Record<string, string>, locale?: string) =>
      request<StartResponse>('POST', `/api/waves/${encodeURIComponent(waveId)}/participants`, locale ? { panel, locale } : { panel }, attempts, token && `Bearer ${token}`),
    save: (code: string, answers: Record<string, unknown>, currentPage: number) =>
      request<SaveResponse>('PUT', `/api/participants/${encodeURIComponent(code)}/answers`, { answers, currentPage }),
    /** The quota step, with the pre-treatment answers, before the vignette is shown. */
    quotaCheck: (code: string, answers: Record<string, unknown>) =>
      request<{ admitted: boolean; outcome: Outcome | null }>('POST', `/api/participants/${encodeURIComponent(code)}/quota-check`, { answers }),
    /** `honeypot` is the page's hidden field, which a person leaves empty: so does a synthetic respondent. */
    complete: (code: string, answers: Record<string, unknown>) =>
      request<Outcome>('POST', `/api/participants/${encodeURIComponent(code)}/complete`, { answers, honeypot: '' }, attempts * 2),
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The respondent API as the page uses it (docs/api.md). Network failures are retried; 4xx answers are not. */

export interface ApiErrorBody {
  error: { code: string; message: string; waveStatus?: string; redirectUrl?: string | null };
}

export interface Outcome {
  status: 'complete' | 'screened_out' | 'overquota';
  redirectUrl: string | null;
}

export interface StartResponse {
  participant: { code: string; status: string; currentPage: number };
  survey: Record<string, unknown>;
  answers: Record<string, unknown>;
  outcome: Outcome | null;
}

/** A refusal by the server: retrying the same request cannot help. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra fields of the error body, e.g. a closed wave's status and redirect. */
    readonly details: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a JSON request, retrying network failures and 5xx answers with growing pauses (0.5 s … 15 s).
 * `attempts` = Infinity keeps trying: used for the completion, which the server makes idempotent.
 */
export async function requestJson<T>(
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  { attempts = 4, onRetry }: { attempts?: number; onRetry?: (attempt: number) => void } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let response: Response | null = null;
    try {
      response = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
    } catch {
      response = null;
    }
    if (response && response.status < 500) {
      const payload = (await response.json().catch(() => null)) as T | ApiErrorBody | null;
      if (response.ok) return payload as T;
      const error = (payload as ApiErrorBody | null)?.error;
      const { code = 'error', message = `HTTP ${response.status}`, ...details } = error ?? {};
      throw new ApiRefusal(response.status, code, message, details);
    }
    if (attempt >= attempts) throw new Error('the server could not be reached');
    onRetry?.(attempt);
    await sleep(Math.min(15_000, 500 * 2 ** (attempt - 1)));
  }
}

export const startParticipant = (waveId: string, panel: Record<string, string>) =>
  requestJson<StartResponse>('POST', `/api/waves/${encodeURIComponent(waveId)}/participants`, { panel });

/** The quota step (docs/api.md): before the vignette; a full quota level ends the survey with an outcome. */
export const checkQuota = (code: string, answers: Record<string, unknown>) =>
  requestJson<{ admitted: boolean; outcome: Outcome | null }>('POST', `/api/participants/${code}/quota-check`, { answers });

export const saveAnswers = (code: string, answers: Record<string, unknown>, currentPage: number) =>
  requestJson<{ saved: true }>('PUT', `/api/participants/${code}/answers`, { answers, currentPage });

export const completeParticipant = (
  code: string,
  answers: Record<string, unknown>,
  honeypot: string,
  onRetry: (attempt: number) => void,
) => requestJson<Outcome>('POST', `/api/participants/${code}/complete`, { answers, honeypot }, { attempts: Infinity, onRetry });

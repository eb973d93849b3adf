/**
 * Typed domain errors. Routes never build error bodies themselves: one middleware maps a DomainError to
 * `{ error: { code, message } }` with its status; anything else is a 500 with no internals.
 */
export type DomainErrorCode =
  | 'bad_request'
  | 'invalid_input'
  | 'not_found'
  | 'method_not_allowed'
  | 'wave_closed'
  | 'conflict'
  | 'unauthorized'
  | 'rate_limited'
  | 'busy'
  | 'payload_too_large'
  | 'unsupported_media_type';

const STATUS: Record<DomainErrorCode, number> = {
  bad_request: 400,
  invalid_input: 422,
  not_found: 404,
  method_not_allowed: 405,
  wave_closed: 409,
  conflict: 409,
  unauthorized: 401,
  rate_limited: 429,
  busy: 503,
  payload_too_large: 413,
  unsupported_media_type: 415,
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly status: number;
  /** Extra fields for the error body beside code and message, e.g. a closed wave's redirect. */
  readonly details: Record<string, unknown>;
  /** Seconds the client should wait before trying again (sent as Retry-After), for refusals that pass. */
  readonly retryAfterSeconds: number | undefined;

  /**
   * `cause`: the error of the server's own that this refusal stands for (a disk that cannot take writes): logged
   * by the error middleware, never sent to the client.
   */
  constructor(code: DomainErrorCode, message: string, details: Record<string, unknown> = {}, retryAfterSeconds?: number, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DomainError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

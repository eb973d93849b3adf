import { DomainError, type DomainErrorCode } from '../domain/errors.ts';
import type { FileMeta, StreamJob, ValueJob } from './researcher-jobs.ts';

/**
 * Messages between the researcher pool (main thread) and its worker threads. Every message names the request it
 * belongs to (`id`); a stream is pulled one chunk at a time, so the download's backpressure reaches the worker.
 */
export type ToWorker =
  | { id: number; type: 'value'; job: ValueJob }
  | { id: number; type: 'stream'; job: StreamJob }
  | { id: number; type: 'pull' }
  | { id: number; type: 'cancel' };

export type FromWorker =
  | { id: number; type: 'value'; value: unknown }
  | { id: number; type: 'meta'; meta: FileMeta }
  | { id: number; type: 'chunk'; chunk: Uint8Array }
  | { id: number; type: 'end' }
  | { id: number; type: 'error'; error: SerializedError };

/** An error crossing the thread boundary: a DomainError keeps its code (a 404 stays a 404); anything else is a bug. */
export interface SerializedError {
  domain?: { code: DomainErrorCode; details: Record<string, unknown>; retryAfterSeconds?: number };
  message: string;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DomainError) {
    return { domain: { code: error.code, details: error.details, retryAfterSeconds: error.retryAfterSeconds }, message: error.message };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { message: e.message, stack: e.stack };
}

export function deserializeError(error: SerializedError): Error {
  if (error.domain) return new DomainError(error.domain.code, error.message, error.domain.details, error.domain.retryAfterSeconds);
  const e = new Error(`researcher worker: ${error.message}`);
  if (error.stack) e.stack = error.stack;
  return e;
}

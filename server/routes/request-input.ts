import type { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { WAVE_ID } from '../domain/wave.ts';
import { firstIssue } from '../domain/zod-issues.ts';

/** A request body or query parsed by `schema`, or `422 invalid_input` naming the first wrong field. */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new DomainError('invalid_input', firstIssue(result.error));
  return result.data;
}

/** A wave id from the path, or 404 before anything is looked up. */
export function waveIdParam(value: string): string {
  if (!WAVE_ID.test(value)) throw new DomainError('not_found', `no wave "${value}"`);
  return value;
}

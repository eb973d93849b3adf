import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { WAVE_ID } from '../domain/wave.ts';
import { shortened } from '../domain/shortened.ts';
import { firstIssue, quotedNames } from '../domain/zod-issues.ts';

/**
 * A request body or query parsed by `schema`, or `422 invalid_input` naming the first wrong field; `detailsOf`
 * adds fields to the error body from that field's path (a client that words the refusal in its own language).
 */
export function parseBody<T>(schema: z.ZodType<T>, value: unknown, detailsOf: (path: readonly PropertyKey[]) => Record<string, unknown> = () => ({})): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new DomainError('invalid_input', firstIssue(result.error, '', value ?? {}), detailsOf(result.error.issues[0]?.path ?? []));
  return result.data;
}

/**
 * A query string parsed by `schema` (a strict object), or `422 invalid_input`: a parameter the route does not take
 * is named with those it does (`query parameter "x": not taken here (it takes format)`), where parseBody said
 * `(root): unknown field "x"`, words of a JSON body that an address never had.
 */
export function parseQuery<T>(schema: z.ZodObject<z.ZodRawShape, z.core.$strict> & z.ZodType<T>, query: unknown): T {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue?.code !== 'unrecognized_keys' || issue.path.length > 0) return parseBody(schema, query);
  const taken = Object.keys(schema.shape);
  const names = quotedNames(issue.keys);
  const takes = taken.length ? `it takes ${taken.join(', ')}` : 'it takes none';
  throw new DomainError('invalid_input', `query parameter${issue.keys.length > 1 ? 's' : ''} ${names}: not taken here (${takes})`);
}

/** A wave id from the path, or 404 before anything is looked up. */
export function waveIdParam(value: string): string {
  if (!WAVE_ID.test(value)) throw new DomainError('not_found', `no wave "${shortened(value)}"`);
  return value;
}

/**
 * A JSON object of named values (answers, wave settings). zod's record leaves a `__proto__` key out without a
 * word, so a save carrying one was acknowledged while nothing of it was stored: that name is refused as unknown,
 * as any other name the schema does not know.
 */
export const namedValues = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, '__proto__')) ctx.addIssue({ code: 'custom', message: 'unknown field "__proto__"' });
  })
  .pipe(z.record(z.string(), z.unknown()));

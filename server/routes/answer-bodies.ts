import { z } from 'zod';
import { namedValues, parseBody } from './request-input.ts';

// The bodies that carry a respondent's answers (docs/api.md): a save, the quota step and the completion.

/**
 * A save's place in the order the page made its saves (docs/api.md): a random id of the page load and the save's
 * number in it, counted up from 1. Optional: a page without it (an older bundle still open) is saved as before.
 */
export const saveOrderSchema = z.strictObject({
  pageSession: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8–64 letters, digits, - or _'),
  sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});
/**
 * A page number: a whole number from 0 (any size: the service says where the survey ends, quoting it, for 99 and
 * for 1e300 alike, where zod's .int() answered "at most 9007199254740991" for a number past 2^53).
 */
const pageNumber = z.number().min(0).superRefine((page, ctx) => {
  if (!Number.isInteger(page)) ctx.addIssue({ code: 'custom', message: `expected a whole number, got ${page}` });
});
export const partialBody = z.strictObject({ answers: namedValues, currentPage: pageNumber, saveOrder: saveOrderSchema.optional() });
const HONEYPOT_MAX = 10_000;
/**
 * `honeypot` is the page's hidden field, which people never see: kept only as a quality flag, never as an answer.
 * Anything a bot puts there is accepted (up to a bound) so that the flag, not a refusal, records it.
 */
export const completeBody = z.strictObject({
  answers: namedValues,
  honeypot: z.string().max(HONEYPOT_MAX).optional(),
});
/** `saveOrder`: the page numbers its quota step among its saves, so a save it made before arriving after is stale. */
export const quotaBody = z.strictObject({ answers: namedValues, saveOrder: saveOrderSchema.optional() });

/** An object as JSON.parse makes one (not an array, not null), whose keys include no `__proto__`. */
const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__');

/** The fields of an answer-carrying body besides `answers`: each one's check, and whether it must be there. */
type OtherFields = Record<string, { ok: (value: unknown) => boolean; required: boolean }>;

/**
 * The answer-carrying bodies as the page sends them, checked by hand: `answers` an object, and only the `other`
 * fields, each as its check wants. zod's record copies the answers key by key, and the service validates them
 * against the survey anyway; this accepts only bodies the schema accepts, unchanged, and hands every other body to
 * the schema, so refusals and their messages are the schema's.
 */
function answersBody<T>(schema: z.ZodType<T>, body: unknown, other: OtherFields): T {
  if (isJsonObject(body) && isJsonObject(body.answers)) {
    let plain = true;
    for (const key in body) if (key !== 'answers' && !(Object.hasOwn(other, key) && other[key]!.ok(body[key]))) plain = false;
    for (const key in other) if (other[key]!.required && !Object.hasOwn(body, key)) plain = false;
    if (plain) return body as T;
  }
  return parseBody(schema, body);
}

const COMPLETE_FIELDS: OtherFields = { honeypot: { ok: (v) => typeof v === 'string' && v.length <= HONEYPOT_MAX, required: false } };
const PARTIAL_FIELDS: OtherFields = {
  currentPage: { ok: (v) => Number.isSafeInteger(v) && (v as number) >= 0, required: true },
  saveOrder: { ok: (v) => saveOrderSchema.safeParse(v).success, required: false },
};
const QUOTA_FIELDS: OtherFields = { saveOrder: PARTIAL_FIELDS.saveOrder! };

/** A save's body: `{ answers, currentPage, saveOrder? }`. */
export const partialSaveBody = (body: unknown) => answersBody(partialBody, body, PARTIAL_FIELDS);
/** The quota step's body: `{ answers, saveOrder? }`. */
export const quotaStepBody = (body: unknown) => answersBody(quotaBody, body, QUOTA_FIELDS);
/** The completion's body: `{ answers, honeypot? }`. */
export const completionBody = (body: unknown) => answersBody(completeBody, body, COMPLETE_FIELDS);

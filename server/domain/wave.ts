import { z } from 'zod';
import { localeCode } from './localized-text.ts';
import { redirectTemplateProblem } from './panel.ts';
import { MAX_WAVE_TARGET } from './wave-target.ts';

export type WaveStatus = 'open' | 'paused' | 'closed';

/** One fielding of a study snapshot: its own seed, assignment sequence, target and panel redirects. */
export interface Wave {
  id: string;
  studyId: number;
  status: WaveStatus;
  target: number;
  seed: string;
  completeUrl: string | null;
  screenoutUrl: string | null;
  overquotaUrl: string | null;
  /** The locale of participants whose link asks for none (or for one the study does not have). */
  locale: string;
  createdAt: string;
  updatedAt: string;
}

/** Wave ids appear in respondent links (`/s/<id>`): short, URL-safe. */
export const WAVE_ID = /^[A-Za-z0-9_-]{6,32}$/;

const redirectUrl = z
  .string()
  .max(2000)
  .superRefine((value, ctx) => {
    const problem = redirectTemplateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A wave's target, for `POST /waves`, `PATCH` and the CLI alike. The bound comes before `.int()`: zod reports the
 * first check that fails, and `.int()` checks the safe-integer range, so a target of 2^60 was told "at most
 * 9007199254740991" where 10,000,001 was told 10000000 (attacker pass 37).
 */
export const waveTarget = z.number().positive().max(MAX_WAVE_TARGET).int();

export const waveSettingsSchema = z.strictObject({
  target: waveTarget,
  // Printed, exported and hashed as it is: a control character (PostgreSQL refuses NUL) or half a surrogate pair
  // (stored as U+FFFD) would make the seed on record differ from the one typed.
  seed: z.string().min(1).max(200).regex(/^[^\p{Cc}\p{Cs}]*$/u, 'must not contain control characters or unpaired surrogates'),
  completeUrl: redirectUrl.nullable(),
  screenoutUrl: redirectUrl.nullable(),
  overquotaUrl: redirectUrl.nullable(),
  locale: localeCode,
});
export type WaveSettings = z.infer<typeof waveSettingsSchema>;

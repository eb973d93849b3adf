import { DomainError } from './errors.ts';
import { studyLocales } from './localized-text.ts';
import type { StudyDefinition } from './study-definition.ts';
import { waveSettingsSchema, type Wave, type WaveSettings } from './wave.ts';
import { shortened } from './shortened.ts';
import { firstIssue } from './zod-issues.ts';

/**
 * The settings of a wave that may change while it runs: where respondents are sent back to, how many completes
 * are wanted, and the language of links without `?lang=`. The seed (it fixes the assignment sequence already
 * drawn from) and the study snapshot (what respondents were shown) never change: that is a new wave.
 */
export const CHANGEABLE_WAVE_SETTINGS = ['target', 'completeUrl', 'screenoutUrl', 'overquotaUrl', 'locale'] as const;
export type ChangeableWaveSetting = (typeof CHANGEABLE_WAVE_SETTINGS)[number];
export type WaveSettingsUpdate = Partial<Pick<WaveSettings, ChangeableWaveSetting>>;

/** Each setting validated exactly as at creation (waveSettingsSchema: placeholders only after the host, …). */
const updateSchema = waveSettingsSchema.pick({ target: true, completeUrl: true, screenoutUrl: true, overquotaUrl: true, locale: true }).partial();

const FIXED: Record<string, string> = {
  seed: "a wave's seed fixes its assignment sequence and cannot change once it runs; create a new wave for another seed",
  study: 'a wave keeps the study it was created for; create a new wave of the other study',
};

/** The update asked for, validated, or `422 invalid_input` naming the first wrong field. `undefined` fields stay as they are. */
export function parseWaveUpdate(input: Record<string, unknown>): WaveSettingsUpdate {
  for (const key of Object.keys(input)) {
    if (input[key] === undefined) continue;
    if (FIXED[key]) throw new DomainError('invalid_input', `${key}: ${FIXED[key]}`);
    if (!(CHANGEABLE_WAVE_SETTINGS as readonly string[]).includes(key)) {
      throw new DomainError('invalid_input', `${shortened(key)}: not a setting of a wave that can change (${CHANGEABLE_WAVE_SETTINGS.join(', ')} can)`);
    }
  }
  const parsed = updateSchema.safeParse(input);
  // The value refused is quoted, as POST /waves quotes it (`target: must be at most 10000000, got 20000000`).
  if (!parsed.success) throw new DomainError('invalid_input', firstIssue(parsed.error, '', input));
  const update = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as WaveSettingsUpdate;
  if (Object.keys(update).length === 0) throw new DomainError('invalid_input', `nothing to change: give one of ${CHANGEABLE_WAVE_SETTINGS.join(', ')}`);
  return update;
}

/** Why `locale` cannot be a wave's default locale for `def`, or null (wave create and update say the same). */
export function waveLocaleProblem(def: StudyDefinition, locale: string): string | null {
  const locales = studyLocales(def);
  return locales.includes(locale) ? null : `locale: "${locale}" is not a locale of study "${def.id}" (${locales.join(', ')})`;
}

/** One setting changed: its value before and after; `status` is a pause, reopening or close (`transition`). */
export interface WaveSettingChange {
  field: ChangeableWaveSetting | 'status';
  oldValue: string | number | null;
  newValue: string | number | null;
}

/** The settings `update` really changes on `wave`, in CHANGEABLE_WAVE_SETTINGS order (a value set again is no change). */
export function waveSettingChanges(wave: Wave, update: WaveSettingsUpdate): WaveSettingChange[] {
  return CHANGEABLE_WAVE_SETTINGS.filter((field) => update[field] !== undefined && update[field] !== wave[field]).map((field) => ({
    field,
    oldValue: wave[field],
    newValue: update[field]!,
  }));
}

/** A recorded change, as `vlab wave status` and the researcher API's wave status show it. */
export interface WaveChangeRecord extends WaveSettingChange {
  at: string;
  /** "cli", or "token:<name>" for the researcher API token that made it. */
  by: string;
}

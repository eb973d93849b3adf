import { setMostRecent } from './recent-map.ts';

/**
 * The languages of the waves whose page this process has served: wave id → the study's locales and the wave's
 * default. The connection cap (busy-page.ts) reads it to answer a refused respondent in their survey's language
 * without touching the database: a Spanish-only study opened from an English browser got the English busy page.
 * Filled by the respondent page (routes/respondent-page.ts) each time it serves a wave; a wave not served since the
 * start is not known, and the cap falls back to the link's `?lang=` and the browser's languages.
 */
export interface WaveLanguage {
  locales: readonly string[];
  defaultLocale: string;
}

/** Waves held; past this the least recently served goes, so a flood of wave pages cannot grow it. */
export const WAVE_LANGUAGES_MAX = 10_000;

export interface WaveLanguages {
  remember(waveId: string, language: WaveLanguage): void;
  of(waveId: string): WaveLanguage | undefined;
}

export function createWaveLanguages(max = WAVE_LANGUAGES_MAX): WaveLanguages {
  const waves = new Map<string, WaveLanguage>();
  return {
    remember: (waveId, language) => setMostRecent(waves, waveId, language, max),
    of: (waveId) => waves.get(waveId),
  };
}

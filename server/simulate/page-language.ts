import { createHash } from 'node:crypto';
import { studyLocales, textIn } from '../domain/localized-text.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import { unescapeHtml } from '../domain/vignette.ts';

/** Whether the served locale is the one asked for (`es-MX` served as `es` is what was asked). */
export const servesLanguage = (asked: string, served: string): boolean =>
  asked === served || asked.toLowerCase() === served.toLowerCase() || asked.toLowerCase().startsWith(`${served.toLowerCase()}-`);

/** What the wave's page says before anyone starts: the language it is written in and the study's title in it. */
export interface WavePage {
  served: string;
  title: string;
}

/**
 * The wave's page, asked with `?lang=` when a language is given: the server writes it in the language it would give
 * a respondent (`<html lang>`, the start's own choice of locale) and titles it with the study's title. Undefined when
 * the page cannot be read (the run's own checks at the first respondent stand).
 */
export async function wavePage(baseUrl: string, waveId: string, language?: string): Promise<WavePage | undefined> {
  let page: string;
  try {
    const url = new URL(`/s/${encodeURIComponent(waveId)}${language ? `?lang=${encodeURIComponent(language)}` : ''}`, baseUrl);
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    if (!response.ok) {
      await response.body?.cancel();
      return undefined;
    }
    page = await response.text();
  } catch {
    return undefined;
  }
  const served = /<html lang="([^"]+)"/.exec(page)?.[1];
  return served ? { served, title: unescapeHtml(/<title>([^<]*)<\/title>/.exec(page)?.[1] ?? '') } : undefined;
}

/** The local study of the page: the wave's own when the local database says which, else the one with its title. */
export function pageStudy(page: WavePage, definitions: readonly StudyDefinition[], waveStudy?: string): StudyDefinition | undefined {
  const studies = definitions.filter((def) => (waveStudy ? def.id === waveStudy : studyLocales(def).some((l) => textIn(def.title, l) === page.title)));
  return studies.length === 1 ? studies[0] : undefined;
}

/**
 * A language the study does not have is answered in the wave's default, so the run would test another language than
 * the one asked for: said before anyone starts, naming the study's languages, rather than after a first participant
 * was started and left in the wave. Undefined when the language is served.
 */
export function unservedLanguage(page: WavePage, language: string, study: StudyDefinition | undefined): string | undefined {
  if (servesLanguage(language, page.served)) return undefined;
  const languages = study ? `study "${study.id}" is in ${studyLocales(study).join(', ')}` : `the wave's study is not in ${language}`;
  return `--language ${language}: ${languages}; the server would send the survey in ${page.served}, so no respondent was started`;
}

/**
 * The language respondent `index` of a run asks for, drawn from simulation.json's `languages` shares with a uniform
 * of its own (sha256 of the seed and index), so it follows from `seed` and `index` and moves none of the answers' draws.
 */
export function drawnLanguage(shares: Record<string, number>, seed: string, index: number): string {
  const u = createHash('sha256').update(`${seed}\u0000${index}\u0000language`).digest().readUInt32BE(0) / 2 ** 32;
  const entries = Object.entries(shares);
  let cumulative = 0;
  for (const [language, share] of entries) {
    cumulative += share;
    if (u < cumulative) return language;
  }
  return entries.at(-1)![0];
}

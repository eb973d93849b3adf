import { createHash } from 'node:crypto';
import { chooseLocale, studyLocales, textIn } from '../domain/localized-text.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import { unescapeHtml } from '../domain/vignette.ts';

/**
 * Whether the served locale is the one asked for, by the server's own rule (chooseLocale): `es-MX` and `es_ES` served
 * as `es`, `pt` as `pt-BR` are what was asked.
 */
export const servesLanguage = (asked: string, served: string): boolean => chooseLocale(asked, [served], '') === served;

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

/**
 * The local study whose simulation.json `languages` the run mixes, known before anyone starts: the wave's own when
 * --study or the local database says which, else the one with the page's title — among several (a draft copy that
 * kept the title), the one with a simulation model, as the run answers only with such a study.
 */
export function pageStudy(page: WavePage | undefined, definitions: readonly StudyDefinition[], waveStudy?: string): StudyDefinition | undefined {
  if (waveStudy) return definitions.find((def) => def.id === waveStudy);
  const titled = page ? definitions.filter((def) => studyLocales(def).some((l) => textIn(def.title, l) === page.title)) : [];
  const modelled = titled.filter((def) => def.simulation);
  return titled.length === 1 ? titled[0] : modelled.length === 1 ? modelled[0] : undefined;
}

/**
 * Said when the study that answered the survey has `languages` shares the run could not use, because the page did
 * not tell it from other local studies before anyone started (their vignettes did, afterwards): respondents then
 * asked for the wave's default language, which a summary of "completes 1500" alone would hide.
 */
export function languagesNotUsed(answered: StudyDefinition, page: WavePage | undefined, definitions: readonly StudyDefinition[]): string {
  const titled = page ? definitions.filter((def) => def.simulation && studyLocales(def).some((l) => textIn(def.title, l) === page.title)) : [];
  const why = titled.length > 1 ? `the wave's page title names several local studies (${titled.map((def) => def.id).sort().join(', ')})` : "the wave's page could not be read";
  return (
    `simulation.json languages of study "${answered.id}" not used: ${why}, so every respondent asked for the wave's default language; ` +
    "give the wave's study with --study, or the database the server serves with --db"
  );
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

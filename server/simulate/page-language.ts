import { studyLocales, textIn } from '../domain/localized-text.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';

const unescapeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Whether the served locale is the one asked for (`es-MX` served as `es` is what was asked). */
export const servesLanguage = (asked: string, served: string): boolean =>
  asked === served || asked.toLowerCase() === served.toLowerCase() || asked.toLowerCase().startsWith(`${served.toLowerCase()}-`);

/**
 * Before anyone starts: the wave's page asked with `?lang=` is written in the language the server would give a
 * respondent (`<html lang>`, the start's own choice of locale). A language the study does not have is answered in
 * the wave's default, so the run would test another language than the one asked for: said here, naming the study's
 * languages (the local studies whose title the page shows), rather than after a first participant was started and
 * left in the wave. Undefined when the language is served, or the page cannot be read (the run's own check stands).
 */
export async function unservedLanguage(
  baseUrl: string,
  waveId: string,
  language: string,
  definitions: readonly StudyDefinition[],
  waveStudy?: string,
): Promise<string | undefined> {
  let page: string;
  try {
    const url = new URL(`/s/${encodeURIComponent(waveId)}?lang=${encodeURIComponent(language)}`, baseUrl);
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
  if (!served || servesLanguage(language, served)) return undefined;
  const title = unescapeHtml(/<title>([^<]*)<\/title>/.exec(page)?.[1] ?? '');
  const studies = definitions.filter((def) => (waveStudy ? def.id === waveStudy : studyLocales(def).some((l) => textIn(def.title, l) === title)));
  const study = studies.length === 1 ? `study "${studies[0]!.id}" is in ${studyLocales(studies[0]!).join(', ')}` : `the wave's study is not in ${language}`;
  return `--language ${language}: ${study}; the server would send the survey in ${served}, so no respondent was started`;
}

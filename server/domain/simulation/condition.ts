import type { Assignment } from '../design.ts';
import { defaultLocale, studyLocales, textIn } from '../localized-text.ts';
import { PLACEHOLDER, VIGNETTE_ELEMENT, vignetteOf, type StudyDefinition } from '../study-definition.ts';
import { unescapeHtml } from '../vignette.ts';

/**
 * Reads a participant's condition back from the survey the server sent, as a person would: by reading the
 * vignette and recognising which level's text fills each slot of the study's template. A synthetic respondent
 * uses nothing else, so a server that showed the wrong text would be caught by the estimates.
 *
 * Each template paragraph becomes an anchored pattern whose placeholders are alternatives of the level texts
 * (longest first); a factor named twice must read the same level both times. The vignette is read in the survey's
 * own locale (`survey.locale`, the participant's), so a respondent who takes a study in Spanish reads Spanish.
 */
export function createConditionReader(def: StudyDefinition): (survey: unknown) => Assignment {
  const locales = studyLocales(def);
  const byLocale = new Map<string, LocaleReading>();
  // The survey says its language (`survey.locale`, the participant's); one the study does not have is read in its default.
  const readingOf = (survey: unknown): LocaleReading => {
    const said = (survey as { locale?: unknown } | null)?.locale;
    const locale = typeof said === 'string' && locales.includes(said) ? said : defaultLocale(def);
    let reading = byLocale.get(locale);
    if (!reading) byLocale.set(locale, (reading = localeReading(def, locale)));
    return reading;
  };

  return (survey) => {
    const { paragraphs, levelText } = readingOf(survey);
    const shown = vignetteParagraphs(survey);
    if (shown.length !== paragraphs.length) {
      throw new ConditionError(`the vignette has ${shown.length} paragraphs; the template of "${def.id}" has ${paragraphs.length}`);
    }
    const found: Assignment = {};
    paragraphs.forEach(({ pattern, factors }, i) => {
      const match = pattern.exec(shown[i]!);
      if (!match) throw new ConditionError(`vignette paragraph ${i + 1} matches no combination of level texts: "${shown[i]}"`);
      factors.forEach((name, k) => {
        const level = def.factors.find((f) => f.name === name)!.levels.find((l) => levelText(l.text) === match[k + 1])!;
        if (found[name] !== undefined && found[name] !== level.code) {
          throw new ConditionError(`the vignette shows two levels of "${name}"`);
        }
        found[name] = level.code;
      });
    });
    return Object.fromEntries(def.factors.map((f) => [f.name, found[f.name]!]));
  };
}

interface LocaleReading {
  paragraphs: { pattern: RegExp; factors: string[] }[];
  levelText: (text: StudyDefinition['factors'][number]['levels'][number]['text']) => string;
}

/** The template's paragraphs as patterns over the level texts, in one locale. */
function localeReading(def: StudyDefinition, locale: string): LocaleReading {
  const levelText: LocaleReading['levelText'] = (text) => textIn(text, locale);
  const paragraphs = vignetteOf(def).template.map((localized) => {
    const template = textIn(localized, locale);
    const factors: string[] = [];
    let source = '';
    let last = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      const factor = def.factors.find((f) => f.name === match[1])!;
      factors.push(factor.name);
      const texts = factor.levels.map((l) => levelText(l.text)).sort((a, b) => b.length - a.length);
      source += escapeRegExp(template.slice(last, match.index)) + `(${texts.map(escapeRegExp).join('|')})`;
      last = match.index + match[0].length;
    }
    source += escapeRegExp(template.slice(last));
    return { pattern: new RegExp(`^${source}$`), factors };
  });
  return { paragraphs, levelText };
}

export class ConditionError extends Error {
  constructor(message: string) {
    super(`condition: ${message}`);
    this.name = 'ConditionError';
  }
}

/** The text of the vignette's paragraphs in the SurveyJS JSON of one participant (HTML entities decoded). */
export function vignetteParagraphs(survey: unknown): string[] {
  const pages = (survey as { pages?: { elements?: { name?: string; html?: unknown }[] }[] } | null)?.pages;
  const html = pages?.flatMap((p) => p.elements ?? []).find((e) => e.name === VIGNETTE_ELEMENT)?.html;
  if (typeof html !== 'string') throw new ConditionError('the survey has no vignette');
  return [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => unescapeHtml(m[1]!));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

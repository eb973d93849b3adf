import type { Assignment } from '../design.ts';
import { defaultLocale, studyLocales, textIn } from '../localized-text.ts';
import { PLACEHOLDER, VIGNETTE_ELEMENT, vignetteOf, type StudyDefinition } from '../study-definition.ts';
import { closeGaps, templatePieces, unescapeHtml } from '../vignette.ts';

/**
 * Reads a participant's condition back from the survey the server sent, as a person would: by reading the
 * vignette and recognising which level's text fills each slot of the study's template. A synthetic respondent
 * uses nothing else, so a server that showed the wrong text would be caught by the estimates.
 *
 * Each template paragraph becomes an anchored pattern whose placeholders are alternatives of the level texts
 * (longest first); a factor named twice must read the same level both times. The vignette is read in the survey's
 * own locale (`survey.locale`, the participant's), so a respondent who takes a study in Spanish reads Spanish.
 * A level whose text is empty leaves its sentence out, and a paragraph it alone filled is not shown (vignette.ts):
 * each paragraph is then read in every way such levels allow, and the shown paragraphs aligned to the template's.
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
    const reading = readingOf(survey);
    const shown = vignetteParagraphs(survey);
    const vanishing = reading.paragraphs.some((variants) => variants.some((v) => v.pattern === null));
    if (!vanishing && shown.length !== reading.paragraphs.length) {
      throw new ConditionError(`the vignette has ${shown.length} paragraphs; the template of "${def.id}" has ${reading.paragraphs.length}`);
    }
    const failure: Failure = { shownAt: -1, message: '' };
    const found = readFrom(reading, shown, 0, 0, {}, failure);
    if (!found) throw new ConditionError(failure.message || `the vignette has ${shown.length} paragraphs, which no cell of "${def.id}" shows`);
    return Object.fromEntries(def.factors.map((f) => [f.name, found[f.name]!]));
  };
}

/** One way a template paragraph can read: which factors' sentences it leaves out, and the pattern of the rest. */
interface ParagraphVariant {
  /** null: nothing is left of the paragraph, which is then not shown. */
  pattern: RegExp | null;
  /** The factors of the pattern's groups, in order. */
  factors: string[];
  /** Each factor left out, with its level that says nothing. */
  leftOut: [string, string][];
}

interface LocaleReading {
  /** Per template paragraph, its variants: first the one that leaves nothing out. */
  paragraphs: ParagraphVariant[][];
  /** The level of `factor` whose text is `text`. */
  levelOf: (factor: string, text: string) => string;
}

/** Where the deepest attempt to read the vignette failed, and why (the error a reader gets). */
interface Failure {
  shownAt: number;
  message: string;
}

/**
 * Template paragraphs from `at` read against the shown paragraphs from `shownAt`, with the levels `found` so far;
 * the whole assignment, or null (`failure` then says where the deepest attempt stopped). A paragraph may have been
 * left out (a level whose text is empty), so several alignments are tried; the first that reads everything wins.
 */
function readFrom(reading: LocaleReading, shown: string[], at: number, shownAt: number, found: Assignment, failure: Failure): Assignment | null {
  if (at === reading.paragraphs.length) {
    if (shownAt === shown.length) return found;
    fail(failure, shownAt, `the vignette has ${shown.length} paragraphs; the template has ${reading.paragraphs.length}`);
    return null;
  }
  for (const variant of reading.paragraphs[at]!) {
    const levels: [string, string][] = [...variant.leftOut];
    if (variant.pattern) {
      const match = shownAt < shown.length ? variant.pattern.exec(shown[shownAt]!) : null;
      if (!match) {
        fail(failure, shownAt, shownAt < shown.length
          ? `vignette paragraph ${shownAt + 1} matches no combination of level texts: "${shown[shownAt]}"`
          : `the vignette has ${shown.length} paragraphs; the template has ${reading.paragraphs.length}`);
        continue;
      }
      variant.factors.forEach((name, k) => levels.push([name, reading.levelOf(name, match[k + 1]!)]));
    }
    const next = { ...found };
    const twice = levels.find(([name, code]) => next[name] !== undefined && next[name] !== code);
    if (twice) {
      fail(failure, shownAt, `the vignette shows two levels of "${twice[0]}"`);
      continue;
    }
    for (const [name, code] of levels) next[name] = code;
    const read = readFrom(reading, shown, at + 1, variant.pattern ? shownAt + 1 : shownAt, next, failure);
    if (read) return read;
  }
  return null;
}

function fail(failure: Failure, shownAt: number, message: string): void {
  if (shownAt < failure.shownAt) return;
  failure.shownAt = shownAt;
  failure.message = message;
}

/** The template's paragraphs as patterns over the level texts, in one locale. */
function localeReading(def: StudyDefinition, locale: string): LocaleReading {
  const textsOf = new Map(def.factors.map((f) => [f.name, f.levels.map((l) => ({ code: l.code, text: textIn(l.text, locale) }))]));
  const paragraphs = vignetteOf(def).template.map((localized) => {
    const template = textIn(localized, locale);
    const here = [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
    // The factors here with a level that says nothing: each may be left out (vignette.ts's fillParagraph).
    const silent = here.filter((name) => textsOf.get(name)!.some((l) => l.text === ''));
    const variants: ParagraphVariant[] = [];
    for (let mask = 0; mask < 2 ** silent.length; mask++) {
      const out = new Set(silent.filter((_, k) => mask & (2 ** k)));
      const pieces = closeGaps(templatePieces(template, (name) => (out.has(name) ? null : name)));
      const leftOut = [...out].map((name): [string, string] => [name, textsOf.get(name)!.find((l) => l.text === '')!.code]);
      if (pieces.length === 0) {
        variants.push({ pattern: null, factors: [], leftOut });
        continue;
      }
      const factors: string[] = [];
      const source = pieces.map((piece) => {
        if ('text' in piece) return escapeRegExp(piece.text);
        factors.push(piece.filled);
        const texts = textsOf.get(piece.filled)!.map((l) => l.text).filter((t) => t !== '').sort((a, b) => b.length - a.length);
        return `(${texts.map(escapeRegExp).join('|')})`;
      });
      variants.push({ pattern: new RegExp(`^${source.join('')}$`), factors, leftOut });
    }
    return variants;
  });
  const levelOf = (factor: string, text: string) => textsOf.get(factor)!.find((l) => l.text === text)!.code;
  return { paragraphs, levelOf };
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
  // A line break of a text is a <br> on the page (vignette.ts's paragraphsHtml): the level's text holds a newline.
  return [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => unescapeHtml(m[1]!.replaceAll('<br>', '\n')));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

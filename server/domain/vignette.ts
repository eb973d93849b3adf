import type { Assignment } from './design.ts';
import { defaultLocale, textIn } from './localized-text.ts';
import { PLACEHOLDER, vignetteOf, type StudyDefinition } from './study-definition.ts';

/**
 * The vignette a participant reads, in their locale: the template's paragraphs with each `{factor}` replaced by
 * the respondent-facing text of the assigned level. Level codes and factor names never reach the respondent.
 */
export function renderVignette(def: StudyDefinition, assignment: Assignment, locale = defaultLocale(def)): string[] {
  const texts = new Map<string, string>();
  for (const factor of def.factors) {
    const code = assignment[factor.name];
    const level = factor.levels.find((l) => l.code === code);
    if (!level) throw new RangeError(`renderVignette: no level "${code}" of factor "${factor.name}"`);
    texts.set(factor.name, textIn(level.text, locale));
  }
  // A paragraph whose every placeholder was left out (and nothing else) is not shown at all.
  return vignetteOf(def)
    .template.map((paragraph) => fillParagraph(textIn(paragraph, locale), (name) => texts.get(name)!))
    .filter((paragraph) => paragraph !== '');
}

/** A piece of a template paragraph: its own text, a placeholder's filling (`T`), or a placeholder left out. */
export type ParagraphPiece<T> = { text: string } | { filled: T } | { gap: true };

/**
 * A template paragraph with each `{factor}` replaced by its level's text. An empty text (a level that leaves its
 * sentence out) takes the spaces around it along, leaving one where the sentence stood between two others, none
 * at the paragraph's start or end: "{a} {b}" reads "B." with a empty, "x {a} y" reads "x y". Where no text is
 * empty the paragraph is exactly the template filled in.
 */
export function fillParagraph(template: string, textOf: (name: string) => string): string {
  const pieces = templatePieces(template, (name) => {
    const text = textOf(name);
    return text === '' ? null : text;
  });
  return closeGaps(pieces).map((p) => ('text' in p ? p.text : p.filled)).join('');
}

/** The template's own text and its placeholders, each filled by `fill` (null: left out). */
export function templatePieces<T>(template: string, fill: (name: string) => T | null): ParagraphPiece<T>[] {
  const pieces: ParagraphPiece<T>[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) pieces.push({ text: template.slice(last, match.index) });
    const filled = fill(match[1]!);
    pieces.push(filled === null ? { gap: true } : { filled });
    last = match.index + match[0].length;
  }
  if (last < template.length) pieces.push({ text: template.slice(last) });
  return pieces;
}

/**
 * The pieces with every run of left-out placeholders closed up: the spaces on either side of the run go, and one
 * space stands in their place if there were any and something is left on both sides. Fillings are level texts,
 * which never start or end with a space (the schema trims them), so only the template's own text holds spaces.
 */
export function closeGaps<T>(pieces: ParagraphPiece<T>[]): ({ text: string } | { filled: T })[] {
  const out: ({ text: string } | { filled: T })[] = [];
  let inGap = false;
  let spaced = false;
  for (const given of pieces) {
    let piece = given;
    if ('gap' in piece) {
      if (!inGap) spaced = trimEnd(out);
      inGap = true;
      continue;
    }
    if (inGap && 'text' in piece) {
      const text = piece.text.replace(/^\s+/, '');
      spaced ||= text !== piece.text;
      if (text === '') continue;
      piece = { text };
    }
    if (inGap && spaced && out.length) out.push({ text: ' ' });
    inGap = false;
    spaced = false;
    out.push(piece);
  }
  return out;
}

/** Removes the spaces that end `out` (its last piece's, if text); whether there were any. */
function trimEnd<T>(out: ({ text: string } | { filled: T })[]): boolean {
  const last = out.at(-1);
  if (!last || !('text' in last)) return false;
  const text = last.text.replace(/\s+$/, '');
  if (text === last.text) return false;
  if (text === '') out.pop();
  else out[out.length - 1] = { text };
  return true;
}

/**
 * Paragraphs as HTML, a line break in one as `<br>`: a list experiment's items, written a line each in a level's text,
 * ran together on one line until walk-through 34 (HTML folds a newline into a space). escapeHtml leaves no `<` of the
 * text, so a `<br>` is always this one (simulation/condition.ts reads it back as a newline).
 */
export function paragraphsHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`).join('');
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The text escapeHtml (numeric references: `&#38;`) or a named entity (`&amp;`) stands for, as a reader sees it. */
export function unescapeHtml(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

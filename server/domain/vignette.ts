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
  return vignetteOf(def).template.map((paragraph) =>
    textIn(paragraph, locale).replace(PLACEHOLDER, (_, name: string) => texts.get(name)!),
  );
}

export function paragraphsHtml(paragraphs: string[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
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

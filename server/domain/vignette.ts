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

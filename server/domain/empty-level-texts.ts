import { studyLocales, textIn } from './localized-text.ts';
import type { StudyDefinition } from './study-definition.ts';
import { renderVignette } from './vignette.ts';

type Problem = { path: PropertyKey[]; message: string };

/**
 * Where a level's empty text is refused (an empty text leaves a vignette's sentence out, vignette.ts): in a conjoint,
 * whose level is a cell of the profiles' table, and in a vignette for a second level of one factor, since two levels
 * that both say nothing (in any of the study's locales) are one treatment to the respondent, and the simulated
 * respondent could not read which was shown. Nor may the levels that say nothing leave a vignette with no text at
 * all: its page would ask the respondent to read nothing.
 */
export function emptyLevelTextProblems(def: StudyDefinition, kind: 'vignette' | 'conjoint'): Problem[] {
  const problems: Problem[] = [];
  def.factors.forEach((factor, i) => {
    const firstEmpty = new Map<string, string>();
    factor.levels.forEach((level, j) => {
      const path = ['factors', i, 'levels', j, 'text'];
      const emptyIn = studyLocales(def).filter((locale) => textIn(level.text, locale) === '');
      if (emptyIn.length === 0) return;
      if (kind === 'conjoint') {
        problems.push({ path, message: "a conjoint's level is a cell of the profiles' table: it needs a text" });
        return;
      }
      const other = emptyIn.map((locale) => firstEmpty.get(locale)).find((code) => code !== undefined);
      if (other !== undefined) {
        problems.push({ path, message: `levels "${other}" and "${level.code}" both leave their sentence out: respondents could not tell them apart (give one of them a text)` });
      }
      for (const locale of emptyIn) if (!firstEmpty.has(locale)) firstEmpty.set(locale, level.code);
    });
  });
  if (kind === 'vignette' && problems.length === 0 && def.vignette) problems.push(...emptyVignetteProblems(def));
  return problems;
}

/** A vignette left with no text where every factor that can say nothing does (each other factor at its first level). */
function emptyVignetteProblems(def: StudyDefinition): Problem[] {
  for (const locale of studyLocales(def)) {
    const silent = def.factors.map((f) => f.levels.find((l) => textIn(l.text, locale) === '') ?? f.levels[0]!);
    if (renderVignette(def, Object.fromEntries(def.factors.map((f, i) => [f.name, silent[i]!.code])), locale).length > 0) continue;
    const codes = def.factors.map((f, i) => `${f.name} "${silent[i]!.code}"`).join(', ');
    return [{ path: ['vignette', 'template'], message: `with ${codes} the vignette has no text at all${studyLocales(def).length > 1 ? ` (${locale})` : ''}: give one of these levels a text, or the template a sentence of its own` }];
  }
  return [];
}

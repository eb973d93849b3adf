import { studyLocales, textIn } from './localized-text.ts';
import type { StudyDefinition } from './study-definition.ts';

type Problem = { path: PropertyKey[]; message: string };

/**
 * Where a level's empty text is refused (an empty text leaves a vignette's sentence out, vignette.ts): in a conjoint,
 * whose level is a cell of the profiles' table, and in a vignette for a second level of one factor, since two levels
 * that both say nothing (in any of the study's locales) are one treatment to the respondent, and the simulated
 * respondent could not read which was shown.
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
  return problems;
}

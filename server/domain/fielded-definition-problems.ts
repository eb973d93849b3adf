import { DefinitionError, parseStudyDefinition, type StudyDefinition } from './study-definition.ts';

const SOURCE = 'definition';

/**
 * What today's checks refuse in a definition a wave was opened with, a line each (empty when it passes). A wave keeps
 * its snapshot, which is never checked again, so a wave opened before a check was added (a `showOtherItem`, a
 * rating's `rateStep`) keeps showing what the server now refuses: its respondents' saves of such answers are
 * refused. `vlab serve` and `wave status` say so in these words (attacker pass 11).
 *
 * @example definitionProblems(snapshot) // ['pages.outcomes[0].elements[1].showOtherItem: SurveyJS would store "other" …']
 */
export function definitionProblems(def: StudyDefinition): string[] {
  try {
    parseStudyDefinition(def, SOURCE);
    return [];
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    return error.message.split('\n').map((line) => (line.startsWith(`${SOURCE}: `) ? line.slice(SOURCE.length + 2) : line));
  }
}

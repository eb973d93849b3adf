import { isDeepStrictEqual } from 'node:util';
import type { Answers } from './answers.ts';
import { DomainError } from './errors.ts';

/**
 * A completion of a participant who has already finished is a retry (its answer lost on the way) only if every
 * answer it sends is the one stored: then it gets the stored outcome again. Other answers come from another tab or
 * window of the same link completed first (attacker pass 12: both got 200 and the second tab's answers were dropped
 * without a word), so they are refused as a conflict and the page says the survey went on elsewhere. Cleared
 * answers (`null`) are not compared: the first completion may have ignored them (cleared-answers.ts), and SurveyJS
 * clears hidden questions' answers. Answers the retry leaves out are not compared either: the first completion's
 * answers were merged over the saved ones.
 */
export function checkRetriedCompletion(stored: Answers, incoming: Answers): void {
  for (const name of Object.keys(incoming)) {
    if (!Object.hasOwn(stored, name) || !isDeepStrictEqual(stored[name], incoming[name])) {
      throw new DomainError(
        'conflict',
        `this survey was already completed, continued in another tab or window with other answers (answers.${name}); these were not stored`,
      );
    }
  }
}

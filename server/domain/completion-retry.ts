import { isDeepStrictEqual } from 'node:util';
import type { Answers } from './answers.ts';
import { DomainError } from './errors.ts';
import type { Participant } from './participant.ts';

/**
 * A completion of a participant who has already finished is a retry (its answer lost on the way) only if every
 * answer it sends is the one stored: then it gets the stored outcome again. Other answers come from another tab or
 * window of the same link completed first (attacker pass 12: both got 200 and the second tab's answers were dropped
 * without a word), so they are refused as a conflict and the page says the survey went on elsewhere. Cleared
 * answers (`null`) are not compared: the first completion may have ignored them (cleared-answers.ts), and SurveyJS
 * clears hidden questions' answers. Answers the retry leaves out are not compared either: the first completion's
 * answers were merged over the saved ones.
 */
export function checkRetriedCompletion(stored: Answers, incoming: Answers, ended: Pick<Participant, 'status' | 'screenoutReason'>): void {
  for (const name of Object.keys(incoming)) {
    if (!Object.hasOwn(stored, name) || !isDeepStrictEqual(stored[name], incoming[name])) throw new DomainError('conflict', endedMessage(ended, name));
  }
}

/**
 * Why the survey is over, in the refusal's words: only a completion "continued in another tab"; a participant who
 * declined consent was told that too until attacker pass 38 (screen-outs keep their final answers, { consent: false }).
 */
function endedMessage({ status, screenoutReason }: Pick<Participant, 'status' | 'screenoutReason'>, name: string): string {
  if (status === 'complete') return `this survey was already completed, continued in another tab or window with other answers (answers.${name}); these were not stored`;
  const why = screenoutReason === 'consent_declined' ? 'when consent was declined (screened out)' : `(screened out${screenoutReason ? `: ${screenoutReason}` : ''})`;
  return `this survey already ended ${why}; these answers were not stored (answers.${name} differs)`;
}

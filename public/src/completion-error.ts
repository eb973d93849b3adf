import type { RespondentMessages } from './i18n/messages.ts';
import { ApiRefusal } from './respondent-api.ts';

/**
 * The heading and sentence shown when the server refuses the completion. A conflict (409: the same link in another
 * tab or window went further) reads as it does for a save: reload to carry on. Any other refusal asks to contact
 * the researchers, with the refusal code's meaning in the page's words (messages.refusalReason): a Spanish page quoted
 * the server's English ("Póngase en contacto con los investigadores (answers: required question not answered: …)"),
 * then its code ("…; código invalid_input"), and an English page the server's message ("answers.consent: required").
 * An answer refused as outside its question's limits names that question by the title the page shows
 * (`titleOf`, in the page's language), never by the server's name for it.
 */
export function describeCompletionError(error: unknown, messages: RespondentMessages, titleOf: (question: string) => string | undefined = () => undefined): [string, string] {
  if (error instanceof ApiRefusal && error.status === 409) return [messages.elsewhereTitle, messages.elsewhereText];
  const code = error instanceof ApiRefusal ? error.code : 'error';
  const question = error instanceof ApiRefusal && error.details.reason === 'answer_out_of_limits' ? error.details.question : undefined;
  const title = question === undefined ? undefined : titleOf(question);
  return [messages.saveFailedTitle, messages.saveFailedText(title ? messages.answerOutOfLimits(title) : messages.refusalReason(code))];
}

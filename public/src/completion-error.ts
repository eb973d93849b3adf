import type { RespondentMessages } from './i18n/messages.ts';
import { ApiRefusal } from './respondent-api.ts';

/**
 * The heading and sentence shown when the server refuses the completion. A conflict (409: the same link in another
 * tab or window went further) reads as it does for a save: reload to carry on. Any other refusal asks to contact
 * the researchers, with the refusal code's meaning in the page's words (messages.refusalReason): a Spanish page quoted
 * the server's English ("Póngase en contacto con los investigadores (answers: required question not answered: …)"),
 * then its code ("…; código invalid_input"), and an English page the server's message ("answers.consent: required").
 */
export function describeCompletionError(error: unknown, messages: RespondentMessages): [string, string] {
  if (error instanceof ApiRefusal && error.status === 409) return [messages.elsewhereTitle, messages.elsewhereText];
  const code = error instanceof ApiRefusal ? error.code : 'error';
  return [messages.saveFailedTitle, messages.saveFailedText(messages.refusalReason(code))];
}

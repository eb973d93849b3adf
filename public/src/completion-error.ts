import type { RespondentMessages } from './i18n/messages.ts';
import { ApiRefusal } from './respondent-api.ts';

/**
 * The heading and sentence shown when the server refuses the completion. A conflict (409: the same link in another
 * tab or window went further) reads as it does for a save: reload to carry on. Any other refusal asks to contact
 * the researchers, with the reason in the page's language (messages.refusalReason): a Spanish page quoted the
 * server's English ("Póngase en contacto con los investigadores (answers: required question not answered: …)").
 */
export function describeCompletionError(error: unknown, messages: RespondentMessages): [string, string] {
  if (error instanceof ApiRefusal && error.status === 409) return [messages.elsewhereTitle, messages.elsewhereText];
  const [code, message] = error instanceof ApiRefusal ? [error.code, error.message] : ['error', error instanceof Error ? error.message : 'unknown error'];
  return [messages.saveFailedTitle, messages.saveFailedText(messages.refusalReason(code, message))];
}

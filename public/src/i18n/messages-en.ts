import type { RespondentMessages } from './messages.ts';

/**
 * What each refusal code of a completion means (docs/api.md), for refusalReason; any other: the server refused the
 * request. Words only: the server's own message ("answers.consent: required") was read aloud to the respondent, a
 * field path and a colon in place of a reason (accessibility pass 19).
 */
const REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'the server did not accept one of your answers',
  not_found: 'we could not find your place in this survey',
  payload_too_large: 'your answers are too long to be saved',
  rate_limited: 'too many requests came from your network',
};

/** What each refusal code of a start means for the link (linkRefusalReason); any other: the survey refused it. */
const LINK_REFUSALS: Readonly<Record<string, string>> = {
  invalid_input: 'it is not in the form this survey expects',
  payload_too_large: 'it is too long',
};

export const en: RespondentMessages = {
  documentTitle: 'Survey',
  loading: 'Loading the survey…',
  noScript: 'This survey needs JavaScript. Please enable it and reload the page.',
  pageDocumentTitle: (page, study) => `${page} – ${study}`,
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  taskOf: (task, tasks) => `Task ${task} of ${tasks}`,
  progressLabel: 'Survey progress',
  requiredNote: 'required',
  textLimit: (max) => `Up to ${max.toLocaleString('en')} characters.`,
  textLimitReached: (max) => `You have reached the limit of ${max.toLocaleString('en')} characters; more is not added.`,
  checkQuestions: (count) => `Please check ${count === 1 ? '1 question' : `${count} questions`} on this page.`,
  linkInvalidTitle: 'This survey link is not valid',
  linkInvalidText: 'Please check the link you were given.',
  linkRefusedTitle: 'This survey link cannot be used',
  linkRefusedText: (reason) => `The survey could not accept a part of your link (${reason}). Please check the link you were given, or contact the researchers.`,
  linkRefusalReason: (code) => LINK_REFUSALS[code] ?? 'the survey refused it',
  panelParamRefused: (param, value) => `${param}: expected 1–128 printable ASCII characters (no spaces or accents), got ${value}`,
  panelParamTwice: (param, values) => `${param} is given more than once, with different values: ${values}`,
  previewTitle: 'This is a preview of the HIT',
  previewText: 'Please accept the HIT to begin the survey.',
  pausedTitle: 'This survey is paused',
  pausedText: 'It is not accepting new participants right now. Please try again later. Thank you for your interest.',
  closedTitle: 'This survey is closed',
  closedText: 'It is no longer accepting new participants. Thank you for your interest.',
  rateLimitedTitle: 'Too many people are starting the survey from your network',
  rateLimitedText: (minutes) =>
    `Please wait ${minutes === 1 ? 'a minute' : `about ${minutes} minutes`}, then reload this page.`,
  busyTitle: 'The survey is very busy right now',
  busyText: 'Please wait a minute, then reload this page.',
  busyReloadText: (from, to) => `Please keep this page open: it will reload by itself in ${from} to ${to} seconds.`,
  busyServerTitle: 'The server is very busy right now',
  headersTooLargeTitle: 'The survey cannot open: too many cookies',
  headersTooLargeText: 'Your browser keeps more cookies for this website than it can send with the page. Delete this website\'s cookies (in your browser\'s settings, under privacy or site data), then open your survey link again.',
  loadFailedTitle: 'The survey could not be loaded',
  loadFailedText: 'Please check your connection and reload the page.',
  quotaUnreachable: 'We could not reach the server. Please check your connection and try again.',
  quotaWaiting: 'One moment, please: waiting for the server.',
  quotaWaitingButton: 'One moment…',
  leaveStudy: 'Leave the study',
  rereadSummary: 'Read the situation again',
  vignetteProgress: (position, count) => `Vignette ${position} of ${count}`,
  aboutVignette: (title, position, count) => `${title} — vignette ${position} of ${count}`,
  questionsAboutVignette: (position, count) => `Questions about vignette ${position} of ${count}`,
  backStaysPut: 'This survey does not go back to earlier pages. Your answers so far are saved; please carry on from this page.',
  saveRefused: 'Your latest change could not be saved. Your earlier answers are kept; please carry on with the survey.',
  saveOffline: 'You seem to be offline: your latest answers are not saved yet. Please keep this page open; they will be saved when the connection is back.',
  saveOfflineInSight: 'Offline: answers not saved yet',
  saveOnlineAgain: 'The connection is back and your answers are saved.',
  leaseWarningTitle: 'Are you still there?',
  leaseWarningText: (minutes) =>
    `Your answers so far are saved. Unless you tell us you are still here, your place in this survey goes to someone else ${minutes === 1 ? 'within a minute' : `within ${minutes} minutes`}.`,
  leaseWarningKeep: 'Keep my place',
  elsewhereTitle: 'This survey went on in another tab or window',
  elsewhereText: 'Please reload this page to carry on from where you got to.',
  savingTitle: 'Saving your answers…',
  savingText: 'Please keep this page open.',
  savingRetryText: 'We could not reach the server yet and are trying again. Please keep this page open.',
  savingBusyText: 'The survey is very busy right now and we are trying again. Please keep this page open.',
  saveFailedTitle: 'Your answers could not be saved',
  saveFailedText: (reason) => `Please contact the researchers (${reason}).`,
  refusalReason: (code) => REFUSALS[code] ?? 'the server refused the request',
  answerOutOfLimits: (title) => `the server did not accept your answer to “${title}”`,
  thanksTitle: 'Thank you!',
  redirectText: 'Taking you back to the survey panel…',
  returnToPanel: 'Return to the survey panel',
  completionCodeLabel: 'Your completion code, if the panel asks for it:',
  completeText: 'Your answers have been recorded. You may now close this page.',
  overquotaTitle: 'Thank you for your interest',
  overquotaText: 'We already have all the answers we need from people like you, so the survey ends here. You may now close this page.',
  declinedTitle: 'Thank you for your time',
  declinedText: 'You chose not to take part, so the survey has ended. You may now close this page.',
};

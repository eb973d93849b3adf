import 'survey-core/survey-core.fontless.css';
import './respondent.css';
import { Model, Serializer, settings, surveyLocalization, SvgRegistry, type SurveyModel } from 'survey-core';
import 'survey-js-ui';
import './i18n/survey-locales.ts';
import { messagesFor, type RespondentMessages } from './i18n/messages.ts';
import { textDirection } from './i18n/text-direction.ts';
import { createAutosave } from './autosave.ts';
import { createLeaseWarning } from './lease-warning.ts';
import { escapePipedAnswers } from './piped-html.ts';
import { guardTapsAfterPageChange } from './tap-guard.ts';
import { keepFocusInViewOnResize } from './focus-in-view.ts';
import { readOnlyWhile } from './read-only-wait.ts';
import { patchSurveyMarkup } from './surveyjs-patches.ts';
import { drawEachPageAfresh } from './page-drawn-afresh.ts';
import { drawChangingTextsAfresh } from './texts-drawn-afresh.ts';
import { followColorScheme } from './color-scheme.ts';
import { instantScrollsUnderReducedMotion } from './reduced-motion-scroll.ts';
import { createPageChrome, focusHeading, scrollToTop } from './page-chrome.ts';
import { ApiRefusal, checkQuota, completeParticipant, startParticipant, type Outcome } from './respondent-api.ts';
import { describeStartError } from './start-error.ts';
import { describeCompletionError } from './completion-error.ts';
import { createAnswersToSend } from './cleared-answers.ts';
import { completionCodeLine, panelReturnLink } from './panel-return.ts';
import { announceTextLimits } from './text-limit-notice.ts';
import { balanceRatingRows } from './rating-rows.ts';
import { linkParameters } from './link-parameters.ts';
import { watchBackButton } from './back-button.ts';
// The server's own lists, so the page and the server cannot drift apart (both modules are free of imports).
import { panelParamsOf } from '../../server/domain/panel-params.ts';
import { CONSENT_PAGE, CONSENT_QUESTION, TREATMENT_PAGE, VIGNETTE_REOPENED } from '../../server/domain/survey-names.ts';

/**
 * The respondent page: a thin client of the respondent API. The server draws the condition and sends the
 * survey, in the participant's language, with the vignette already written out; this page renders it, saves
 * answers as they change, and posts the completion once (retrying until the server has it).
 */

const container = document.getElementById('survey')!;
// SurveyJS's own smooth scrolls (a dropdown's list, a focused question) are instant when the reader asked for less motion.
instantScrollsUnderReducedMotion();

// The study title is the page's h1 (ours), each page's title an h2 and each question's an h3.
settings.titleTags.page = 'h2';
settings.titleTags.question = 'h3';
settings.titleTags.panel = 'h3';
// SurveyJS animates pages and questions; a respondent who asked for less motion gets none.
settings.animationEnabled = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
// A rating is asked as buttons on every screen. SurveyJS's default ('auto') draws it as a dropdown wherever its
// buttons do not fit one row — a 1–5 scale on a 360 px phone — while a laptop shows the buttons: the same question
// in another answer format by device, a mode effect a comparison across devices would carry. The buttons wrap
// instead; a study that wants the dropdown says `"displayMode": "dropdown"` (docs/study-definitions.md).
Serializer.findProperty('rating', 'displayMode').defaultValue = 'buttons';

let messages: RespondentMessages = messagesFor(document.documentElement.lang);

// Back stays in the survey while it runs, with a word that the survey does not go back (back-button.ts).
const backButton = watchBackButton();

const statusBox = document.getElementById('vlab-status-box')!;
const status = document.getElementById('vlab-status')!;

/**
 * Shows a message in place of the survey: a heading and, under it, the sentence in the page's one status region
 * (in the shell from page load, so a change is announced). Focus moves to a new heading, which is read; the
 * region speaks the sentence. The same heading again (a retry) keeps the heading and its focus, and the region
 * speaks only a sentence that changed, so the same words are never said twice.
 */
function showMessage(title: string, text: string, studyTitle = ''): void {
  container.replaceChildren();
  for (const action of statusBox.querySelectorAll('.vlab-message__action')) action.remove();
  statusBox.className = 'vlab-message';
  const shown = statusBox.querySelector('h1');
  if (shown?.textContent !== title) {
    const heading = document.createElement('h1');
    heading.textContent = title;
    if (shown) shown.replaceWith(heading);
    else statusBox.prepend(heading);
    document.title = studyTitle ? messages.pageDocumentTitle(title, studyTitle) : title;
    focusHeading(heading);
    scrollToTop();
  }
  if (status.textContent !== text) status.textContent = text;
}

/**
 * A conjoint task's table (written by the server, conjoint-survey.ts) is named by its page's heading ("Task 2 of
 * 5"), whose id SurveyJS gives it: by reference, so the words are not said a second time.
 */
function nameTablesByHeading(page: HTMLElement, heading: HTMLElement): void {
  if (!heading.id) return;
  for (const table of page.querySelectorAll('.vlab-conjoint__table')) table.setAttribute('aria-labelledby', heading.id);
}

/**
 * Sends the respondent back to the panel by `url`, with a link to it and its completion code under the message shown
 * (panel-return.ts): after the status region, so the sentence is said alone; the keyboard reaches it from the heading. The panel takes
 * the survey's place in the history (`replace`): with `assign`, Back from the panel reloaded the survey, whose start
 * (already completed) sent the respondent to the panel again, a Back button that never left it (until pass 36).
 */
function returnToPanel(url: string): void {
  const link = panelReturnLink(url, messages.returnToPanel);
  if (link) statusBox.append(link);
  const code = link && completionCodeLine(url, messages.completionCodeLabel);
  if (code) statusBox.append(code);
  backButton.leaveFor(url);
}

/** An end page: Back leaves the survey from here (back-button.ts). */
function finish(outcome: Outcome, studyTitle: string): void {
  backButton.ended();
  if (outcome.redirectUrl) {
    showMessage(messages.thanksTitle, messages.redirectText, studyTitle);
    returnToPanel(outcome.redirectUrl);
  } else if (outcome.status === 'complete') {
    showMessage(messages.thanksTitle, messages.completeText, studyTitle);
  } else if (outcome.status === 'overquota') {
    showMessage(messages.overquotaTitle, messages.overquotaText, studyTitle);
  } else {
    showMessage(messages.declinedTitle, messages.declinedText, studyTitle);
  }
}

/**
 * SurveyJS writes its icon symbols into the page as markup, and one of them (the timer circle, unused here)
 * carries a style attribute, which our CSP (no 'unsafe-inline') blocks with a console error. Dropping inline
 * style attributes from the registered icons keeps the policy strict; the stylesheet still styles the icons.
 */
function stripInlineStylesFromIcons(): void {
  for (const [id, markup] of Object.entries(SvgRegistry.icons)) {
    SvgRegistry.icons[id] = markup.replace(/\sstyle="[^"]*"/g, '');
  }
}

/**
 * A save or quota step refused as a conflict: the server's copy went further than this page (the same link open in
 * another tab or window passed the vignette or finished), so this page's answers cannot be stored. Retrying cannot
 * help; a reload resumes where the other one got to. The page never goes back, so alone it never meets one.
 */
const wentOnElsewhere = (error: unknown) => error instanceof ApiRefusal && error.status === 409;

/** After declining consent the primary button ends the survey: it says so instead of "Complete". */
function labelConsentExit(survey: SurveyModel): void {
  const declined = survey.currentPage?.name === CONSENT_PAGE && survey.getValue(CONSENT_QUESTION) === false;
  survey.completeText = declined ? messages.leaveStudy : surveyLocalization.getString('completeText', survey.locale);
}

// Whole on purpose (~100 lines): the page's one flow (fetch the session, build the survey, wire autosave, the quota
// step and completion), whose handlers share the survey and session objects; its parts are the functions above.
async function main(): Promise<void> {
  const waveId = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
  // Parameters a panel appended after a `#` in the study URL count too (link-parameters.ts).
  const query = linkParameters(window.location.search, window.location.hash);
  // A parameter's name in other capitals (`prolific_pid`) is the panel's own, as the server reads it.
  const panel = panelParamsOf(query) as Record<string, string>;

  let start;
  try {
    start = await startParticipant(waveId, panel, query.get('lang'));
  } catch (error) {
    showMessage(...describeStartError(error, messages, panel));
    // A closed or paused wave may send respondents back to their panel by the over-quota link.
    if (error instanceof ApiRefusal && error.code === 'wave_closed' && error.details.redirectUrl) {
      returnToPanel(String(error.details.redirectUrl));
    }
    return;
  }
  // A participant keeps the locale of their start, whatever a later link asks for.
  document.documentElement.lang = start.participant.locale;
  document.documentElement.dir = textDirection(start.participant.locale);
  messages = messagesFor(start.participant.locale);
  const studyTitle = String(start.survey.title ?? '');
  if (start.outcome) return finish(start.outcome, studyTitle);

  const code = start.participant.code;
  const survey = new Model(start.survey);
  escapePipedAnswers(survey);
  survey.showCompletedPage = false;
  survey.showTitle = false;
  // A text, number or comment box sets its answer as it is typed, not when it is left (SurveyJS's default): the
  // autosave then carries it within a second, so a phone that dies or a tab the system kills mid-answer keeps it.
  survey.textUpdateMode = 'onTyping';
  survey.data = start.answers;
  const answersToSend = createAnswersToSend(start.answers ?? {});
  followColorScheme(survey);
  if (start.participant.currentPage > 0 && start.participant.currentPage < survey.visiblePageCount) {
    survey.currentPageNo = start.participant.currentPage;
  }
  const chrome = createPageChrome(container, studyTitle, messages);
  // Before the quota lease lapses: "Are you still there?"; its button renews the lease by a save.
  const leaseWarning = createLeaseWarning({ messages, onKeep: () => autosave.renew() });
  const autosave = createAutosave({
    code,
    current: () => ({ answers: answersToSend(survey.data as Record<string, unknown>), page: survey.currentPageNo }),
    savedAnswers: start.answers ?? {},
    onRefused: (error) => (wentOnElsewhere(error) ? leave() : chrome.notice(messages.saveRefused)),
    onUnreachable: () => chrome.notice(messages.saveOffline, { keep: true, inSight: messages.saveOfflineInSight }),
    onReachable: () => chrome.notice(messages.saveOnlineAgain),
    // A lapsed quota lease whose level filled meanwhile: the server ended the participant, as the quota step does.
    onOutcome: (outcome) => {
      leaseWarning.stop();
      finish(outcome, studyTitle);
    },
    onSaved: (leaseSecondsLeft) => leaseWarning.schedule(leaseSecondsLeft),
  });
  leaseWarning.schedule(start.leaseSecondsLeft);
  /** The survey ends on this page (finished, turned away, or gone on elsewhere): no more saves or lease warnings. */
  function stopSaving(): void {
    autosave.stop();
    leaseWarning.stop();
  }
  function leave(): void {
    stopSaving();
    backButton.ended();
    showMessage(messages.elsewhereTitle, messages.elsewhereText, studyTitle);
  }
  labelConsentExit(survey);

  // The quota step: leaving the last pre-treatment page waits for the server, which may end the survey here.
  survey.onServerValidateQuestions.add(async (sender, options) => {
    if (sender.visiblePages[sender.currentPageNo + 1]?.name !== TREATMENT_PAGE) return options.complete();
    try {
      const result = await readOnlyWhile(
        sender,
        chrome.surveyRoot,
        () => checkQuota(code, answersToSend(sender.data as Record<string, unknown>), autosave.nextSaveOrder()),
        { say: () => chrome.announce(messages.quotaWaiting), nextLabel: messages.quotaWaitingButton },
      );
      if (result.outcome && !result.admitted) {
        stopSaving();
        return finish(result.outcome, studyTitle);
      }
      leaseWarning.schedule(result.leaseSecondsLeft);
    } catch (error) {
      if (wentOnElsewhere(error)) return leave();
      const first = sender.currentPage.questions[0];
      if (first) options.errors[first.name] = messages.quotaUnreachable;
    }
    options.complete();
  });
  // The error boxes are quiet (surveyjs-patches.ts): how many questions to check is said once, here. The quota
  // step's "could not reach the server" is no answer to check: the question focused says it.
  survey.onValidatePage.add((_, options) => {
    const toCheck = options.questions.filter((q) => q.errors.some((e) => e.getText() !== messages.quotaUnreachable)).length;
    if (toCheck) chrome.announce(messages.checkQuestions(toCheck));
  });
  survey.onValueChanged.add((sender) => {
    labelConsentExit(sender);
    autosave.changed();
  });
  survey.onCurrentPageChanged.add((sender) => {
    labelConsentExit(sender);
    autosave.saveNow();
    backButton.pageShown();
  });
  // Back keeps the page: shown as after Next (its heading focused, the view at its top, "Page 5 of 7" said), and why.
  backButton.onBack(() => {
    // "Saving your answers…" stays as it is: the completion is still on its way.
    if (survey.state === 'completed') return;
    const heading = chrome.surveyRoot.querySelector<HTMLElement>('.sd-page__title');
    chrome.showPage(survey.currentPageNo, survey.visiblePageCount, survey.currentPage.processedTitle, heading, true);
    chrome.notice(messages.backStaysPut);
  });
  guardTapsAfterPageChange(chrome.surveyRoot, survey);
  keepFocusInViewOnResize();
  announceTextLimits(chrome.surveyRoot, chrome.announce, messages.textLimitReached);
  balanceRatingRows(survey);
  // Focus and the position said on each page change; on the first page shown too when it is a resume mid-survey (a
  // reload, the link opened again), which lands on the saved page as Next would have: before, focus stayed on the
  // body and a screen reader started again from the study title. A start on the first page reads from the top.
  let announce = survey.currentPageNo > 0;
  survey.onAfterRenderPage.add((sender, options) => {
    const heading = options.htmlElement.querySelector<HTMLElement>('.sd-page__title');
    if (heading) nameTablesByHeading(options.htmlElement, heading);
    chrome.showPage(sender.currentPageNo, sender.visiblePageCount, sender.currentPage.processedTitle, heading, announce);
    announce = true;
  });
  // "Read the situation again" is a <details>; its toggle event does not bubble, so listen while it descends.
  chrome.surveyRoot.addEventListener(
    'toggle',
    (event) => {
      const target = event.target as HTMLElement;
      if (target.matches('details.vlab-reread') && (target as HTMLDetailsElement).open) survey.setValue(VIGNETTE_REOPENED, true);
    },
    true,
  );
  survey.onComplete.add(async (sender) => {
    stopSaving();
    showMessage(messages.savingTitle, messages.savingText, studyTitle);
    try {
      const honeypot = (document.getElementById('vlab-website') as HTMLInputElement | null)?.value ?? '';
      // A 5xx answer is a busy server, not a lost connection: say which (before, "could not reach the server").
      const outcome = await completeParticipant(code, answersToSend(sender.data as Record<string, unknown>), honeypot, (_attempt, busy) =>
        showMessage(messages.savingTitle, busy ? messages.savingBusyText : messages.savingRetryText, studyTitle),
      );
      finish(outcome, studyTitle);
    } catch (error) {
      backButton.ended();
      showMessage(...describeCompletionError(error, messages, (name) => sender.getQuestionByName(name)?.processedTitle), studyTitle);
    }
  });
  stripInlineStylesFromIcons();
  patchSurveyMarkup(messages);
  drawEachPageAfresh();
  drawChangingTextsAfresh();
  survey.render(chrome.surveyRoot);
}

void main();

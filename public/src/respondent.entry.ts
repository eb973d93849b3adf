import 'survey-core/survey-core.fontless.css';
import './respondent.css';
import { Model, SvgRegistry } from 'survey-core';
import 'survey-js-ui';
import { escapePipedAnswers } from './piped-html.ts';
import { ApiRefusal, checkQuota, completeParticipant, saveAnswers, startParticipant, type Outcome } from './respondent-api.ts';

/**
 * The respondent page: a thin client of the respondent API. The server draws the condition and sends the
 * survey with the vignette already written out; this page only renders it, saves answers as the respondent
 * moves between pages, and posts the completion once (retrying until the server has it).
 */

const PANEL_PARAMS = ['PROLIFIC_PID', 'STUDY_ID', 'SESSION_ID', 'workerId', 'assignmentId', 'hitId', 'RID', 'rid'];

const container = document.getElementById('survey')!;
/** The vignette page's name in every participant's survey (docs/api.md). */
const TREATMENT_PAGE = 'treatment_page';

function showMessage(title: string, text: string): void {
  const box = document.createElement('div');
  box.className = 'vlab-message';
  box.setAttribute('role', 'status');
  const heading = document.createElement('h1');
  heading.textContent = title;
  const body = document.createElement('p');
  body.textContent = text;
  box.append(heading, body);
  container.replaceChildren(box);
}

function finish(outcome: Outcome): void {
  if (outcome.redirectUrl) {
    showMessage('Thank you!', 'Taking you back to the survey panel…');
    window.location.assign(outcome.redirectUrl);
  } else if (outcome.status === 'complete') {
    showMessage('Thank you!', 'Your answers have been recorded. You may now close this page.');
  } else if (outcome.status === 'overquota') {
    showMessage('Thank you for your interest', 'We already have all the answers we need from people like you, so the survey ends here. You may now close this page.');
  } else {
    showMessage('Thank you for your time', 'You chose not to take part, so the survey has ended. You may now close this page.');
  }
}

function describeStartError(error: unknown): [string, string] {
  if (error instanceof ApiRefusal && error.code === 'not_found') {
    return ['This survey link is not valid', 'Please check the link you were given.'];
  }
  if (error instanceof ApiRefusal && error.code === 'wave_closed' && error.details.waveStatus === 'paused') {
    return ['This survey is paused', 'It is not accepting new participants right now. Please try again later. Thank you for your interest.'];
  }
  if (error instanceof ApiRefusal && error.code === 'wave_closed') {
    return ['This survey is closed', 'It is no longer accepting new participants. Thank you for your interest.'];
  }
  return ['The survey could not be loaded', 'Please check your connection and reload the page.'];
}

/** Saves run one after another, and only the newest pending state is sent: a slow save never overwrites a newer one. */
function createSaver(code: string) {
  let running = false;
  let pending: { answers: Record<string, unknown>; page: number } | null = null;
  const run = async () => {
    running = true;
    while (pending) {
      const next = pending;
      pending = null;
      // A failed partial save is not fatal: the completion carries every answer again.
      await saveAnswers(code, next.answers, next.page).catch(() => undefined);
    }
    running = false;
  };
  return (answers: Record<string, unknown>, page: number) => {
    pending = { answers, page };
    if (!running) void run();
  };
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

async function main(): Promise<void> {
  const waveId = decodeURIComponent(window.location.pathname.split('/')[2] ?? '');
  const query = new URLSearchParams(window.location.search);
  const panel: Record<string, string> = {};
  for (const name of PANEL_PARAMS) {
    const value = query.get(name);
    if (value) panel[name] = value;
  }

  let start;
  try {
    start = await startParticipant(waveId, panel);
  } catch (error) {
    showMessage(...describeStartError(error));
    // A closed or paused wave may send respondents back to their panel by the over-quota link.
    if (error instanceof ApiRefusal && error.code === 'wave_closed' && error.details.redirectUrl) {
      window.location.assign(error.details.redirectUrl);
    }
    return;
  }
  if (start.outcome) {
    finish(start.outcome);
    return;
  }

  const code = start.participant.code;
  const survey = new Model(start.survey);
  escapePipedAnswers(survey);
  survey.showCompletedPage = false;
  survey.data = start.answers;
  if (start.participant.currentPage > 0 && start.participant.currentPage < survey.visiblePageCount) {
    survey.currentPageNo = start.participant.currentPage;
  }
  const save = createSaver(code);
  // The quota step: leaving the last pre-treatment page waits for the server, which may end the survey here.
  survey.onServerValidateQuestions.add(async (sender, options) => {
    if (sender.visiblePages[sender.currentPageNo + 1]?.name !== TREATMENT_PAGE) return options.complete();
    try {
      const result = await checkQuota(code, sender.data as Record<string, unknown>);
      if (result.outcome && !result.admitted) return finish(result.outcome);
    } catch {
      const first = sender.currentPage.questions[0];
      if (first) options.errors[first.name] = 'We could not reach the server. Please check your connection and try again.';
    }
    options.complete();
  });
  survey.onCurrentPageChanged.add((sender) => save(sender.data as Record<string, unknown>, sender.currentPageNo));
  survey.onComplete.add(async (sender) => {
    showMessage('Saving your answers…', 'Please keep this page open.');
    try {
      const honeypot = (document.getElementById('vlab-website') as HTMLInputElement | null)?.value ?? '';
      const outcome = await completeParticipant(code, sender.data as Record<string, unknown>, honeypot, () =>
        showMessage('Saving your answers…', 'We could not reach the server yet and are trying again. Please keep this page open.'),
      );
      finish(outcome);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown error';
      showMessage('Your answers could not be saved', `Please contact the researchers (${message}).`);
    }
  });
  container.replaceChildren();
  stripInlineStylesFromIcons();
  survey.render(container);
}

void main();

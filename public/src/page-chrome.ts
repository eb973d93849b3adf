import type { RespondentMessages } from './i18n/messages.ts';
import { createNoticeInSight } from './notice-in-sight.ts';
import { REQUIRED_NOTE_ID } from './surveyjs-patches.ts';

/**
 * What the page shows around SurveyJS: the study title as the page's one h1, the progress ("Page 3 of 7" and
 * a bar of the pages done, right after a resume too), a notice line for calm messages, and a live region that
 * tells screen-reader users a new page opened. The progress is ours, not SurveyJS's: its page dots are
 * clickable, and clicking an earlier one would go back past the vignette.
 */
export interface PageChrome {
  /** Where SurveyJS renders. */
  surveyRoot: HTMLElement;
  /** Shows page `index` (0-based) of `count`: progress, tab title, and with `announce` focus and announcement. */
  showPage(index: number, count: number, pageTitle: string, pageHeading: HTMLElement | null, announce: boolean): void;
  /**
   * Shows `text` in the notice line (a status region: announced when it changes, so the same text again is not
   * set, nor said, again). A page change clears it, unless `keep`: a notice about the connection holds until the
   * connection changes. `inSight`: a few words kept at the foot of the screen while the notice line is out of sight
   * (notice-in-sight.ts), until the next notice.
   */
  notice(text: string, options?: { keep?: boolean; inSight?: string }): void;
  /** Says `text` through the page's polite live region, once (the same words again are said again). */
  announce(text: string): void;
}

/** How long words said by the live region stay in it (and in the reading order) before it is emptied. */
export const LIVE_TEXT_MS = 3000;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

/**
 * Moves focus to a heading without making it a tab stop, so the screen reader reads from there. The respondent
 * page scrolls to the top itself (scrollToTop); `scroll` lets the browser bring the heading into view instead
 * (the dashboard's wave details, further down the page).
 */
export function focusHeading(heading: HTMLElement, { scroll = false } = {}): void {
  heading.setAttribute('tabindex', '-1');
  heading.focus({ preventScroll: !scroll });
}

/** Scrolls to the top of the page, at once when the respondent asked for reduced motion. */
export function scrollToTop(): void {
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  window.scrollTo({ top: 0, behavior: reduce ? 'auto' : 'smooth' });
}

export function createPageChrome(container: HTMLElement, studyTitle: string, messages: RespondentMessages): PageChrome {
  const header = element('header', 'vlab-header');
  const title = element('h1', 'vlab-title', studyTitle);
  const progress = element('div', 'vlab-progress');
  const bar = element('progress', 'vlab-progress__bar');
  bar.setAttribute('aria-label', messages.progressLabel);
  const pageOf = element('p', 'vlab-progress__text');
  progress.append(bar, pageOf);
  header.append(title, progress);
  // A live region is announced only when it changes while already in the accessibility tree: the notice line
  // stays there, empty (and without a box) until a message arrives, never display: none.
  const notice = element('p', 'vlab-notice');
  notice.setAttribute('role', 'status');
  const live = element('p', 'vlab-visually-hidden');
  live.setAttribute('aria-live', 'polite');
  // What a required checkbox question's group is described by (surveyjs-patches.ts): hidden, read only by reference.
  const requiredNote = element('span', '', messages.requiredNote);
  requiredNote.id = REQUIRED_NOTE_ID;
  requiredNote.hidden = true;
  const surveyRoot = element('div', 'vlab-survey-root');
  container.replaceChildren(header, notice, live, requiredNote, surveyRoot);
  const noticeInSight = createNoticeInSight(notice, container);
  // Emptied first, so the same words (Next pressed twice on the same unanswered questions) are said again; and
  // emptied a while after, once said: left there, "Page 3 of 7" was read a second time (after the visible
  // progress) by a screen reader reading the page line by line.
  let keepNotice = false;
  let said: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string) => {
    live.textContent = '';
    clearTimeout(said);
    said = setTimeout(() => {
      live.textContent = text;
      said = setTimeout(() => (live.textContent = ''), LIVE_TEXT_MS);
    }, 50);
  };

  return {
    surveyRoot,
    showPage(index, count, pageTitle, pageHeading, announce) {
      bar.max = count;
      bar.value = index;
      const position = messages.pageOf(index + 1, count);
      bar.setAttribute('aria-valuetext', position);
      pageOf.textContent = position;
      document.title = messages.pageDocumentTitle(pageTitle || position, studyTitle);
      if (!announce) return;
      if (!keepNotice) {
        notice.textContent = '';
        noticeInSight.hide();
      }
      focusHeading(pageHeading ?? title);
      scrollToTop();
      // The focused heading reads the page's title; the region adds only what it does not say, the position.
      say(position);
    },
    notice(text, { keep = false, inSight } = {}) {
      keepNotice = keep;
      if (notice.textContent !== text) notice.textContent = text;
      if (inSight) noticeInSight.show(inSight);
      else noticeInSight.hide();
    },
    announce: say,
  };
}

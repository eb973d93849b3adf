/**
 * Keeps a notice about the connection in sight while the respondent is further down the page. The notice line
 * stands above the page, so a respondent answering lower down (a phone, large text: at 320 px with 32 px text the
 * offline sentence is taller than the screen) never saw "You seem to be offline" (page pass 41's leftover). While
 * the notice line's top is out of sight, a compact line of a few words sticks to the foot of the screen.
 *
 * It is hidden from assistive technology: the notice line, a status region, says the whole sentence once. It takes
 * no focus and is not a control. It covers no focused control: the page's scroll padding grows by its height
 * (`--vlab-notice-line`), so a control tabbed to is scrolled clear of it, and one it would cover as it appears is
 * scrolled up by the overlap. At the page's end it stands in its place under Next, covering nothing.
 */
export interface NoticeInSight {
  /** Shows `words` at the foot of the screen whenever the notice line is out of sight, until `hide`. */
  show(words: string): void;
  hide(): void;
}

export function createNoticeInSight(notice: HTMLElement, container: HTMLElement): NoticeInSight {
  const line = document.createElement('p');
  line.className = 'vlab-notice-line';
  line.setAttribute('aria-hidden', 'true');
  line.hidden = true;
  container.append(line);
  let wanted = false;
  let frame = 0;
  const style = document.documentElement.style;
  const setPadding = (height: string) => {
    if (style.getPropertyValue('--vlab-notice-line') !== height) style.setProperty('--vlab-notice-line', height);
  };
  const update = () => {
    frame = 0;
    const top = notice.getBoundingClientRect().top;
    const show = wanted && (top < 0 || top >= window.innerHeight);
    // Shown already: its height may have changed with the width (a phone turned: two lines or one), and the scroll
    // padding follows it (it kept the first height until page pass 43: a control tabbed to stopped under the words).
    if (line.hidden !== show) {
      if (show) setPadding(`${line.offsetHeight}px`);
      return;
    }
    const nextInSight = show ? wholeInSight(container.querySelector('.sd-navigation__next-btn, .sd-navigation__complete-btn')) : null;
    line.hidden = !show;
    setPadding(show ? `${line.offsetHeight}px` : '0px');
    if (show) clearOfLine(line, nextInSight);
  };
  const soon = () => {
    if (!frame) frame = requestAnimationFrame(update);
  };
  window.addEventListener('scroll', soon, { passive: true });
  window.addEventListener('resize', soon);
  return {
    show(words) {
      line.textContent = words;
      wanted = true;
      soon();
    },
    hide() {
      wanted = false;
      soon();
    },
  };
}

/** `element` if it is wholly on the screen (before the line shows), else null. */
function wholeInSight(element: Element | null): Element | null {
  const box = element?.getBoundingClientRect();
  return box && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight ? element : null;
}

/**
 * Scrolls up by the overlap (and the scroll padding's half rem) what the line would cover: the focused control, and
 * Next if it was in sight, as far as the focused control stays on the screen. A radio's or checkbox's input is drawn
 * by its label (SurveyJS hides the input itself, a few px at the row's top): the label's box is what the respondent
 * sees.
 */
function clearOfLine(line: HTMLElement, next: Element | null): void {
  const focused = document.activeElement;
  const seen = focused && focused !== document.body ? (focused.closest('label') ?? focused) : null;
  const top = line.getBoundingClientRect().top;
  const spare = parseFloat(getComputedStyle(document.documentElement).fontSize) / 2;
  const overlap = (e: Element | null) => (e ? e.getBoundingClientRect().bottom - top + spare : 0);
  // The focused control first: Next only as far as the focused control's top stays on the screen.
  const room = seen ? seen.getBoundingClientRect().top - spare : Infinity;
  const by = Math.max(overlap(seen), Math.min(overlap(next), room));
  if (by > 0) window.scrollBy({ top: by, behavior: 'instant' });
}

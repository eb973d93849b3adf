/** How long after the last resize the focused control is kept on the screen: SurveyJS's redraw and the reflow it
 * causes land over several frames (in the tests, a scroll made two frames after the turn was undone by 170 px of
 * layout arriving later). */
const SETTLE_MS = 1000;

/**
 * Keeps the focused control on the screen when the window changes width: a phone turned, a window narrowed. The
 * browser keeps the scroll position through a resize, not the focused control, and the page reflows under it (the
 * header, each question, SurveyJS's redraw across its 600 px mobile width), so a keyboard or switch user who had
 * tabbed down to a control at the foot of a portrait screen found its focus ring off the landscape one (889 px down
 * a 390 px screen; accessibility pass 36). For a second after the resize, each frame, a focused control out of
 * sight is scrolled in as far as needed, as Tab would (the stylesheet's `scroll-padding-block` leaves room for its
 * ring); one in sight is left alone. What shows a radio or checkbox is its row, not its visually hidden input.
 * Only a change of width, and only focus the browser shows (`:focus-visible`: the keyboard's, a text box's): a
 * phone's address bar hiding as the page scrolls changes the height alone, and a radio focused by a tap has no
 * ring, so a respondent scrolling on past a tapped answer is never pulled back to it.
 */
export function keepFocusInViewOnResize(): void {
  let until = 0;
  let frame = 0;
  let width = window.innerWidth;
  const check = (now: number) => {
    frame = now < until ? requestAnimationFrame(check) : 0;
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement) || focused === document.body || !focused.matches(':focus-visible')) return;
    const shown = focused.closest<HTMLElement>('.sd-item, .sd-boolean, .sd-rating__item') ?? focused;
    const box = shown.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) shown.scrollIntoView({ block: 'nearest' });
  };
  window.addEventListener('resize', () => {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    until = performance.now() + SETTLE_MS;
    if (!frame) frame = requestAnimationFrame(check);
  });
}

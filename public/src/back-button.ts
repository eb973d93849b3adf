/**
 * The browser's Back button during the survey. The survey is one document whose pages SurveyJS draws in place, so
 * Back left it — to the panel or the site before — from any page, and a respondent who meant "the page before" lost
 * their place (page pass 38). Each page shown by Next now has a history entry of its own (`pushState`, the address
 * unchanged), so Back stays in the survey: the survey never goes back to an earlier page (no Previous button, nor
 * back past the vignette to change pre-treatment answers), so Back keeps the page and `onBack` says so. Pressed once
 * per page gone through, Back leaves the survey as before; while the completion is on its way it stays
 * (respondent.entry.ts); once the survey has ended, Back leaves it at once (the entries are skipped), and the panel's
 * return takes the place of the survey's first entry, so Back from the panel goes to the page before the survey
 * (panel-return-browser.test.ts).
 */
export interface BackButton {
  /** What Back says during the survey (set once the survey shows). */
  onBack(say: () => void): void;
  /** Next showed a new page: an entry of its own. */
  pageShown(): void;
  /** The survey ended on an end page: Back leaves. */
  ended(): void;
  /** Leaves for `url` (the panel's return) in place of the survey's first entry. */
  leaveFor(url: string): void;
}

/** How many of the survey's entries lie behind an entry (its state), 0 for the entry the survey was opened in. */
const depthOf = (state: unknown): number => {
  const depth = (state as { vlabDepth?: unknown } | null)?.vlabDepth;
  return typeof depth === 'number' && depth > 0 ? depth : 0;
};

export function watchBackButton(): BackButton {
  // The page's view is the page's to set (a page shown scrolls to its top), not the browser's memory of an entry's.
  history.scrollRestoration = 'manual';
  // A reload keeps the entry, its state included.
  let depth = depthOf(history.state);
  let say: (() => void) | null = null;
  let ended = false;
  let leavingFor: string | null = null;
  window.addEventListener('popstate', (event) => {
    const landed = depthOf(event.state);
    if (leavingFor !== null) return window.location.replace(leavingFor);
    if (ended && landed < depth) return history.go(-(landed + 1));
    if (landed < depth) say?.();
    depth = landed;
  });
  return {
    onBack: (callback) => (say = callback),
    pageShown() {
      if (ended) return;
      depth += 1;
      history.pushState({ vlabDepth: depth }, '');
    },
    ended: () => (ended = true),
    leaveFor(url) {
      ended = true;
      if (depth === 0) return window.location.replace(url);
      leavingFor = url;
      history.go(-depth);
    },
  };
}

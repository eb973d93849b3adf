import type { SurveyModel } from 'survey-core';

/**
 * A double tap on Next (common on a slow phone) put its second tap on whatever the new page has under the finger —
 * an answer option, picked without being read (seen: "Prefer not to say" chosen on the page after consent). A tap
 * is ignored when it comes within TAP_GUARD_MS of a page change and within TAP_SLOP_PX of the tap that changed the
 * page: a double tap's signature (Android's double-tap timeout is 300 ms). A tap elsewhere, or later, is meant.
 */
export const TAP_GUARD_MS = 400;
export const TAP_SLOP_PX = 48;

/**
 * Guards `root`'s clicks as above. Only the second click of a double click or double tap is ever ignored: the
 * browser counts it in `detail` (2), so single taps and clicks, however quick (a fast reader, a test driver), and
 * the clicks the keyboard makes (Enter, Space; `detail` 0) always count. Cancelled in the capture phase, before
 * SurveyJS's handlers and the label's default action (picking the option) see it.
 */
export function guardTapsAfterPageChange(root: HTMLElement, survey: SurveyModel): void {
  let last = { x: 0, y: 0, at: -Infinity };
  let trigger: typeof last | undefined;
  survey.onCurrentPageChanged.add(() => {
    // The tap that changed the page is the last one, if it was just now (not a change made by the code).
    trigger = performance.now() - last.at < TAP_GUARD_MS ? { ...last, at: performance.now() } : undefined;
  });
  root.addEventListener(
    'click',
    (event) => {
      if (event.detail === 0) return;
      // When the tap happened, not when it is handled: on a slow phone the second tap waits while the new page is
      // drawn, and timed at handling it seemed to come later than it did (and passed the guard).
      const now = event.timeStamp;
      if (event.detail >= 2 && trigger && now - trigger.at < TAP_GUARD_MS && Math.hypot(event.clientX - trigger.x, event.clientY - trigger.y) < TAP_SLOP_PX) {
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      last = { x: event.clientX, y: event.clientY, at: now };
    },
    true,
  );
}

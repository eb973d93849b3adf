import { el } from './dashboard-dom.ts';
import { textScale } from './dashboard-plot.ts';

/**
 * The coefficient plots are laid out in px when drawn (dashboard-plot.ts: their width, margins and rows follow the
 * cards' width and the reader's text size). A text size changed afterwards (Chrome's font size, Firefox's zoom text
 * only) left them in the old layout until the next Refresh, the larger labels overlapping and cut (WCAG 1.4.4); a
 * browser zoom or a turned phone shrank or stretched them, text included (1.4.10). Each plot area keeps how to draw
 * itself, and the areas are drawn again when either changes.
 */

interface Area {
  draw(width: number): Node[];
  /** The width and text scale it was drawn for; empty before its first drawing. */
  drawnFor: string;
}

const areas = new WeakMap<HTMLElement, Area>();

/**
 * A box for the plots `draw` makes for a width, empty until layoutPlots draws them at the width the box has in the
 * page: a card's padding is in rem, so what is left of the section for a plot depends on the text size too (a
 * plot drawn for the section's width less the paddings at 16 px was shrunk to fit at 32 px, its text with it).
 */
export function plotArea(draw: (width: number) => Node[]): HTMLElement {
  const box = el('div', undefined, 'dash-plots');
  areas.set(box, { draw, drawnFor: '' });
  return box;
}

/** Draws the plot areas in `section` that were not drawn yet, or were drawn for another width or text size. */
export function layoutPlots(section: HTMLElement): void {
  if (section.hidden) return;
  const scale = textScale();
  for (const box of section.querySelectorAll<HTMLElement>('.dash-plots')) {
    const area = areas.get(box);
    if (!area || box.clientWidth === 0) continue;
    // From a phone's 280 px (narrower, the plot is shrunk to fit rather than lose its labels' room) to 760 px.
    const width = Math.max(280, Math.min(760, box.clientWidth));
    const key = `${width} ${scale}`;
    if (area.drawnFor === key) continue;
    box.replaceChildren(...area.draw(width));
    area.drawnFor = key;
  }
}

/**
 * Draws the plots in `section` again whenever its width or the reader's text size changes: observed as the size
 * of the section and of a probe 1rem wide (the root's font size; on a wide screen the section's width need not
 * change with it). Once per frame.
 */
export function keepPlotsLaidOut(section: HTMLElement): void {
  const probe = el('span', undefined, 'dash-rem-probe');
  probe.setAttribute('aria-hidden', 'true');
  document.body.append(probe);
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => layoutPlots(section));
  });
  observer.observe(section);
  observer.observe(probe);
}

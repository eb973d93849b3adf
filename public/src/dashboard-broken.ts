import type { BrokenStudy } from '../../server/domain/broken-study.ts';
import { el } from './dashboard-dom.ts';

/**
 * The studies whose definition did not load (GET /api/researcher/studies lists them with what to fix): a notice
 * per study, in a labelled region placed before the waves, saying in words (not colour alone) that the study takes
 * no new wave until its definition is fixed. Empty and hidden when every study loads.
 */
export function brokenStudiesNotice(region: HTMLElement, broken: readonly BrokenStudy[]): void {
  region.replaceChildren();
  region.hidden = broken.length === 0;
  if (broken.length === 0) return;
  const heading = el('h2', broken.length === 1 ? 'A study needs fixing' : `${broken.length} studies need fixing`);
  heading.id = 'dash-broken-heading';
  region.setAttribute('aria-labelledby', heading.id);
  const list = el('ul', undefined, 'dash-broken-list');
  for (const study of broken) {
    const item = el('li', undefined, 'dash-broken-study');
    const name = el('strong', `Broken study “${study.id}”:`);
    const note = el('span', ' it takes no new wave, and its paused waves cannot reopen, until its definition is fixed.');
    const message = el('code', study.message, 'dash-broken-message');
    item.append(name, note, el('br'), message);
    list.append(item);
  }
  region.append(heading, list);
}

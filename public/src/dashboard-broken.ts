import type { BrokenStudy } from '../../server/domain/broken-study.ts';
import { el } from './dashboard-dom.ts';

/**
 * The studies whose definition did not load (GET /api/researcher/studies lists them with what to fix): a notice
 * per study, in a labelled region placed before the waves, saying in words (not colour alone) that the study takes
 * no new wave until its definition is fixed. And the studies whose definitions folder is behind the database's
 * current definition (`behind`, folder-behind.ts: new waves use the current one), as `vlab serve` says it (task 42).
 * Empty and hidden when every study loads and no folder is behind.
 */
export function brokenStudiesNotice(region: HTMLElement, broken: readonly BrokenStudy[], behind: readonly BrokenStudy[] = []): void {
  region.replaceChildren();
  region.hidden = broken.length === 0 && behind.length === 0;
  if (region.hidden) return;
  const heading = el('h2', noticeHeading(broken.length, behind.length));
  heading.id = 'dash-broken-heading';
  region.setAttribute('aria-labelledby', heading.id);
  const list = el('ul', undefined, 'dash-broken-list');
  for (const study of broken) {
    list.append(noticeItem(`Broken study “${study.id}”:`, ' it takes no new wave, and its paused waves cannot reopen, until its definition is fixed.', study.message));
  }
  for (const study of behind) {
    list.append(noticeItem(`Study “${study.id}”:`, " this server's definitions folder is behind the database's current definition.", study.message, 'dash-behind-study'));
  }
  region.append(heading, list);
}

function noticeHeading(broken: number, behind: number): string {
  const fixing = broken === 1 ? 'A study needs fixing' : `${broken} studies need fixing`;
  const folders = behind === 1 ? 'a definitions folder is behind' : `${behind} definitions folders are behind`;
  if (!behind) return fixing;
  if (!broken) return folders.charAt(0).toUpperCase() + folders.slice(1);
  return `${fixing}; ${folders}`;
}

function noticeItem(title: string, note: string, message: string, className = 'dash-broken-study'): HTMLElement {
  const item = el('li', undefined, className);
  item.append(el('strong', title), el('span', note), el('br'), el('code', message, 'dash-broken-message'));
  return item;
}

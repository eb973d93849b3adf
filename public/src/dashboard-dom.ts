// Small DOM helpers of the dashboard. Every value from the server is written with textContent, never as HTML.
import { significantDigits } from '../../analysis/significant-digits.ts';
import { labelPhrases } from '../../server/domain/plan/term-label-lines.ts';
import { textDirection } from './i18n/text-direction.ts';

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** x with three significant digits (significant-digits.ts: 0.512, 0.0456, 12.3, 9.80e-16); NA for a missing value. */
export function fmt(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? 'NA' : significantDigits(x);
}

/** A p-value to read: <0.001, else two significant digits. */
export const fmtP = (p: number | null | undefined): string =>
  p === null || p === undefined || Number.isNaN(p) ? 'NA' : p < 0.001 ? '<0.001' : p.toPrecision(2);

export const pct = (part: number, whole: number): string => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');

export type Cell = string | number | Node;

/** A column header for screen readers only (a column of buttons, each named by itself, needs no visible title). */
export interface HiddenHeader {
  hidden: string;
}

/**
 * A table in a scroll box of its own, so that a table too wide for the screen scrolls sideways instead of the
 * page. On a phone the CSS lays each row out as a block, every cell under its column's name (data-label).
 *
 * The table is named once: by its caption, or by the heading just above that already says what it is (the Waves
 * list, `name` an element), without a caption. The box is no region: a named region around a named table had a
 * screen reader say the words twice (region, then table). Keyboard users still scroll it (axe's
 * scrollable-region-focusable): a table without controls takes focus itself, and the arrow keys scroll the box
 * around the focused table; in one with controls (the Waves list's Open buttons) focus on them scrolls it.
 */
export function table(name: string | HTMLElement, head: (string | HiddenHeader)[], rows: Cell[][], numeric: boolean[] = []): HTMLElement {
  const t = el('table', undefined, 'dash-table');
  if (typeof name === 'string') t.createCaption().textContent = name;
  else t.setAttribute('aria-labelledby', name.id);
  const tr = t.createTHead().insertRow();
  head.forEach((h, j) => {
    const th = typeof h === 'string' ? el('th', h, numeric[j] ? 'num' : undefined) : el('th');
    if (typeof h !== 'string') th.append(el('span', h.hidden, 'dash-visually-hidden'));
    th.scope = 'col';
    tr.append(th);
  });
  const body = t.createTBody();
  for (const row of rows) {
    const r = body.insertRow();
    row.forEach((cell, j) => {
      const td = el('td', undefined, numeric[j] ? 'num' : undefined);
      const h = head[j];
      if (typeof h === 'string' && h) td.dataset.label = h;
      if (cell instanceof Node) td.append(cell);
      else td.textContent = String(cell);
      r.append(td);
    });
  }
  const box = el('div', undefined, 'dash-scroll');
  box.append(t);
  if (!t.querySelector('button, a[href], input, select, textarea')) t.tabIndex = 0;
  return box;
}

/** A progress bar for a share between 0 and 1; decorative (the number beside it says the same). */
export function bar(share: number): HTMLElement {
  const track = el('span', undefined, 'dash-bar-track');
  track.setAttribute('aria-hidden', 'true');
  const fill = el('span', undefined, 'dash-bar');
  fill.style.width = `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%`;
  track.append(fill);
  return track;
}

/** A folded section: closed until the reader opens it. */
export function folded(summary: string, ...content: Node[]): HTMLDetailsElement {
  const details = el('details', undefined, 'dash-fold');
  details.append(el('summary', summary), ...content);
  return details;
}

/**
 * A term's label in groups that wrap as a whole: "Regime: Autocracy" | "(vs. Democracy)" | "× Party: Republican" |
 * "· Party: Republican" (term-labels.ts, conjoint-report.ts), in the cards and the precision table. Wrapped at any
 * space, a narrow column split them mid-group ("Regime: Autocracy (vs." over "Democracy)"); a group longer than the
 * column still wraps inside. Split by term-label-lines.ts, as the CLI table and the plot break them.
 */
export function termLabel(label: string): HTMLElement {
  const cell = el('span');
  for (const part of labelPhrases(label)) cell.append(el('span', part, 'dash-term-part'), ' ');
  return cell;
}

/**
 * A study's text in its own language: marked with `lang` where that is not the page's, so that a screen reader
 * reads "Una nueva línea de autobús" with Spanish rules (WCAG 3.1.2), with its writing direction (`dir`); as it is
 * otherwise.
 */
export function inLanguage(text: string, lang: string): Node {
  if (lang === document.documentElement.lang) return document.createTextNode(text);
  const span = el('span', text);
  span.lang = lang;
  // An Arabic title in an English table: its own direction, isolated, so its words keep their order and the
  // table's punctuation stays outside it.
  span.dir = textDirection(lang);
  return span;
}

import * as Plot from '@observablehq/plot';
import type { TermFinding } from '../../server/domain/plan/hypothesis-report.ts';
import { termLabelLines } from '../../server/domain/plan/term-label-lines.ts';
import { axisTicks } from './plot-ticks.ts';

/** Characters of a term's label per line on the y axis (wider screens) and pixels per character at a 16-px root
 * (the plot's text is 0.625rem, dashboard.css); longer labels take more lines, broken between phrases. */
const LABEL_LINE = 34;
const CHAR_PX = 6;

/**
 * The reader's text size against the browser's default (16 px): 2 when they set 32 px. The plot's text is in rem
 * (dashboard.css) so it grows with theirs (WCAG 1.4.4); its margins and rows, which Plot takes in px, grow by the
 * same factor, so the larger labels neither overlap nor are cut.
 */
export function textScale(): number {
  return (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16) / 16;
}

/**
 * A coefficient plot of one hypothesis' pre-registered terms: a panel per outcome, each on its own x scale (a
 * choice's 0–1 and a 1–5 rating do not share an axis), with a dot per term and its confidence interval and a
 * reference line at the hypothesis' h0 (0, or a marginal mean's h0 such as 0.5), labelled in the study's words,
 * as wide as the space it is given (a phone too).
 */
export function coefficientPlots(
  hypothesis: string,
  findings: readonly TermFinding[],
  h0: number,
  alpha: number,
  width: number,
  outcomeWords: Readonly<Record<string, string>> = {},
  outcomeScales: Readonly<Record<string, string>> = {},
): (SVGElement | HTMLElement)[] {
  const outcomes = [...new Set(findings.map((f) => f.outcome))];
  return outcomes
    .map((outcome) => findings.filter((f) => f.outcome === outcome && f.estimate !== null && f.conf_low !== null && f.conf_high !== null))
    .filter((panel) => panel.length > 0)
    .flatMap((panel) => {
      const outcome = outcomes.length > 1 ? panel[0]!.outcome : null;
      const chart = outcomePlot(hypothesis, outcome, panel, h0, alpha, width);
      // A lone outcome is headed too when the study has words for it: the card said nothing of what was measured.
      const words = outcomeWords[panel[0]!.outcome];
      const scale = outcomeScales[panel[0]!.outcome];
      return outcome === null && words === undefined && scale === undefined ? [chart] : [panelTitle(panel[0]!.outcome, words, scale), chart];
    });
}

/**
 * Which outcome a panel shows, as HTML above its plot: an outcome's name ("suspend_military_support") at the
 * reader's larger text was wider than a phone's plot, and SVG text neither wraps nor breaks a word. Under the name
 * (the plan's and the CSV's), the study's words for it, as `vlab estimates` prints them: the name alone left a
 * researcher to look the question up (walk-through 27).
 */
function panelTitle(outcome: string, words: string | undefined, scale: string | undefined): HTMLElement {
  const title = document.createElement('p');
  title.className = 'dash-panel-outcome';
  const name = document.createElement('span');
  name.className = 'dash-panel-name';
  name.textContent = outcome;
  title.append(name);
  if (words !== undefined) {
    const said = document.createElement('span');
    said.className = 'dash-panel-words';
    said.textContent = words;
    title.append(' ', said);
  }
  // What the axis' numbers are in (outcome-scale.ts): "0.364" read as nothing in particular (walk-through 29).
  if (scale !== undefined) {
    const unit = document.createElement('span');
    unit.className = 'dash-panel-scale';
    unit.textContent = scale;
    title.append(' ', unit);
  }
  return title;
}

/** The axis' ticks over what the plot shows (intervals, estimates and the reference line), or a count for Plot. */
function xTicks(data: readonly TermFinding[], h0: number, areaPx: number, em: number): number[] | number {
  const values = [h0, ...data.flatMap((d) => [d.estimate, d.conf_low, d.conf_high]).filter((v): v is number => v !== null)];
  return axisTicks(values, areaPx, em) ?? Math.max(1, Math.floor(areaPx / (80 * em)));
}

/**
 * One outcome's panel. Plot would insert a <style> element, which the page's CSP refuses; its rules live in
 * dashboard.css instead, so the element is dropped before the SVG enters the page.
 */
function outcomePlot(hypothesis: string, outcome: string | null, data: readonly TermFinding[], h0: number, alpha: number, width: number): SVGElement | HTMLElement {
  const level = Math.round((1 - alpha) * 100);
  const em = textScale();
  const charPx = CHAR_PX * em;
  const name = outcome === null ? hypothesis : `${hypothesis}, ${outcome}`;
  // On a phone the labels get at most 45 % of the width, on wider screens at most LABEL_LINE characters a line.
  const lineChars = Math.max(12, Math.min(LABEL_LINE, Math.floor((width * 0.45 - 12) / charPx)));
  const longest = Math.max(10, ...data.map((d) => d.label.length));
  // Broken between the label's phrases, not at any space: "Regime: Autocracy (vs." over "Democracy)" misread.
  const tick = (label: string) => termLabelLines(label, lineChars).join('\n');
  const lines = Math.max(1, ...data.map((d) => termLabelLines(d.label, lineChars).length));
  const marginLeft = 12 + charPx * Math.min(lineChars, longest);
  const chart = Plot.plot({
    ariaLabel: `Coefficient plot of ${name}`,
    ariaDescription: `Estimates with ${level}% confidence intervals of the terms ${hypothesis} tests${outcome === null ? '' : ` on ${outcome}`}, against ${h0}; the table below has the same numbers`,
    width,
    height: (60 + Math.max(26, 15 * lines + 10) * Math.max(1, data.length)) * em,
    marginLeft,
    marginTop: 24 * em,
    marginBottom: 34 * em,
    // Room for the h0 label centred on its line and the last tick's number when either is at the right edge.
    marginRight: 20 * em,
    // The reference line's value is on the axis however far the intervals lie from it: Plot's x domain covers it.
    // About a tick per 80 px, wide enough for 10-px numbers; at larger text, fewer ticks so numbers do not collide;
    // never fewer than two numbers (plot-ticks.ts).
    // The outcome is named above the panel (panelTitle), not again in the axis label, one line that cannot wrap.
    x: { label: `estimate with ${level}% CI`, labelOffset: 28 * em, grid: true, ticks: xTicks(data, h0, width - marginLeft - 20 * em, em) },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      // The lines are made by tick; Plot would wrap again at its own width (lineWidth, in ems) otherwise.
      Plot.axisY({ tickFormat: tick, lineWidth: Infinity, textOverflow: null }),
      Plot.ruleX([h0], { stroke: '#6b7280', className: 'dash-h0' }),
      Plot.text([h0], { x: (d: number) => d, frameAnchor: 'top', dy: -14 * em, text: (d: number) => `h0 = ${d}`, fill: '#374151', className: 'dash-h0-label' }),
      Plot.ruleY(data, { y: 'label', x1: 'conf_low', x2: 'conf_high', stroke: '#3b5bdb', strokeWidth: 2 }),
      Plot.dot(data, { y: 'label', x: 'estimate', fill: '#3b5bdb', r: 4, title: (d: TermFinding) => `${d.label}: ${d.estimate}` }),
    ],
  });
  // An image for assistive technology, named and described above; Plot's labels of its inner groups ("dot",
  // "rule") are not allowed on a group without a role (axe: aria-prohibited-attr), so they go.
  chart.setAttribute('role', 'img');
  chart.querySelectorAll('[aria-label]').forEach((e) => e.removeAttribute('aria-label'));
  chart.querySelectorAll('[aria-description]').forEach((e) => e.removeAttribute('aria-description'));
  chart.querySelectorAll('style').forEach((s) => s.remove());
  chart.setAttribute('data-hypothesis', hypothesis);
  if (outcome !== null) chart.setAttribute('data-outcome', outcome);
  chart.setAttribute('data-h0', String(h0));
  return chart;
}


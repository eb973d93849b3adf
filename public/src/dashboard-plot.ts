import * as Plot from '@observablehq/plot';
import type { TermFinding } from '../../server/domain/plan/hypothesis-report.ts';

/** Characters of a term's label per line on the y axis (wider screens) and pixels per character; longer labels wrap. */
const LABEL_LINE = 34;
const CHAR_PX = 6;

/**
 * A coefficient plot of one hypothesis' pre-registered terms: a dot per term (and outcome) with its confidence
 * interval and a line at zero, labelled in the study's words, as wide as the space it is given (a phone too).
 * Plot would insert a <style> element, which the page's CSP refuses; its rules live in dashboard.css instead,
 * so the element is dropped before the SVG enters the page.
 */
export function coefficientPlot(hypothesis: string, findings: readonly TermFinding[], alpha: number, width: number): SVGElement | HTMLElement {
  const multiOutcome = new Set(findings.map((f) => f.outcome)).size > 1;
  const data = findings
    .filter((f) => f.estimate !== null && f.conf_low !== null && f.conf_high !== null)
    .map((f) => ({ ...f, key: multiOutcome ? `${f.outcome}: ${f.label}` : f.label }));
  // On a phone the labels get at most 45 % of the width, on wider screens at most LABEL_LINE characters a line.
  const lineChars = Math.max(12, Math.min(LABEL_LINE, Math.floor((width * 0.45 - 12) / CHAR_PX)));
  const longest = Math.max(10, ...data.map((d) => d.key.length));
  const lines = Math.max(1, ...data.map((d) => Math.ceil(d.key.length / lineChars)));
  const chart = Plot.plot({
    ariaLabel: `Coefficient plot of ${hypothesis}`,
    ariaDescription: `Estimates with ${Math.round((1 - alpha) * 100)}% confidence intervals of the terms ${hypothesis} tests; the table below has the same numbers`,
    width,
    height: 50 + Math.max(26, 15 * lines + 10) * Math.max(1, data.length),
    marginLeft: 12 + CHAR_PX * Math.min(lineChars, longest),
    x: { label: `estimate with ${Math.round((1 - alpha) * 100)}% CI`, grid: true },
    y: { label: null, domain: data.map((d) => d.key) },
    marks: [
      // Plot's lineWidth is in ems, about two characters each.
      Plot.axisY({ lineWidth: lineChars / 2, textOverflow: null }),
      Plot.ruleX([0], { stroke: '#6b7280' }),
      Plot.ruleY(data, { y: 'key', x1: 'conf_low', x2: 'conf_high', stroke: '#3b5bdb', strokeWidth: 2 }),
      Plot.dot(data, { y: 'key', x: 'estimate', fill: '#3b5bdb', r: 4, title: (d: TermFinding) => `${d.label}: ${d.estimate}` }),
    ],
  });
  // An image for assistive technology, named and described above; Plot's labels of its inner groups ("dot",
  // "rule") are not allowed on a group without a role (axe: aria-prohibited-attr), so they go.
  chart.setAttribute('role', 'img');
  chart.querySelectorAll('[aria-label]').forEach((e) => e.removeAttribute('aria-label'));
  chart.querySelectorAll('[aria-description]').forEach((e) => e.removeAttribute('aria-description'));
  chart.querySelectorAll('style').forEach((s) => s.remove());
  chart.setAttribute('data-hypothesis', hypothesis);
  return chart;
}

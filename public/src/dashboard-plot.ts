import * as Plot from '@observablehq/plot';

export interface EstimateRow {
  hypothesis: string;
  outcome: string;
  term: string;
  estimate: number | null;
  std_error: number | null;
  conf_low: number | null;
  conf_high: number | null;
  p_value: number | null;
  p_adjusted: number | null;
  n_used: number;
}

/**
 * A coefficient plot of one hypothesis: a dot per estimated term (per outcome) with its confidence interval and
 * a line at zero. Plot would insert a <style> element, which the page's CSP refuses; its rules live in
 * dashboard.css instead, so the element is dropped before the SVG enters the page.
 */
export function coefficientPlot(hypothesis: string, rows: readonly EstimateRow[], alpha: number): SVGElement | HTMLElement {
  const multiOutcome = new Set(rows.map((r) => r.outcome)).size > 1;
  const data = rows
    .filter((r) => r.term !== '(Intercept)' && r.estimate !== null && r.conf_low !== null && r.conf_high !== null)
    .map((r) => ({ ...r, label: multiOutcome ? `${r.outcome} · ${r.term}` : r.term }));
  const longest = Math.max(10, ...data.map((d) => d.label.length));
  const chart = Plot.plot({
    ariaLabel: `Coefficient plot of ${hypothesis}`,
    width: 760,
    height: 50 + 26 * Math.max(1, data.length),
    marginLeft: Math.min(380, 12 + 6.2 * longest),
    x: { label: `estimate with ${Math.round((1 - alpha) * 100)}% CI`, grid: true },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.ruleX([0], { stroke: '#8a8f98' }),
      Plot.ruleY(data, { y: 'label', x1: 'conf_low', x2: 'conf_high', stroke: '#3b5bdb', strokeWidth: 2 }),
      Plot.dot(data, { y: 'label', x: 'estimate', fill: '#3b5bdb', r: 4, title: (d: EstimateRow) => `${d.term}: ${d.estimate}` }),
    ],
  });
  chart.querySelectorAll('style').forEach((s) => s.remove());
  chart.setAttribute('data-hypothesis', hypothesis);
  return chart;
}

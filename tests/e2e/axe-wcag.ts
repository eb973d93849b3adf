import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's source, evaluated into a page through the DevTools protocol (the page's CSP forbids inline scripts). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string; any: { message: string }[] }[];
}

/**
 * axe-core's violations on the page as it is now, of the rules `runOnly` picks: tags (WCAG_TAGS) or rule ids
 * (`color-contrast-enhanced`). The one runner every browser test uses, the respondent page's and the dashboard's.
 */
export async function axeViolations(page: Page, runOnly: { type: 'tag' | 'rule'; values: readonly string[] }): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays as respondents get it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    (only) => (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, { runOnly: only }).then((r) => r.violations),
    runOnly,
  );
}

/** axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now; violations that are serious or critical. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const violations = await axeViolations(page, { type: 'tag', values: WCAG_TAGS });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}: ${v.nodes[0]?.failureSummary ?? ''}`);
}

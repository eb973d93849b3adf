import type { Page } from 'playwright-core';

/**
 * The nodes of the page's accessibility tree, as Chromium gives it to screen readers, whose description is their
 * own name: said twice ("Next, button, Next", a tooltip repeating a label).
 */
export async function describedByItsName(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { ignored: boolean; role?: { value: string }; name?: { value: string }; description?: { value: string } };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  return nodes.filter((n) => !n.ignored && n.name?.value && n.description?.value === n.name.value).map((n) => `${n.role?.value} "${n.name!.value}"`);
}

/** What a screen reader says as the value of each combobox of the page (its name → its value), from Chromium's tree. */
export async function comboboxValues(page: Page): Promise<Record<string, string>> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { ignored: boolean; role?: { value: string }; name?: { value: string }; value?: { value: string } };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  const boxes = nodes.filter((n) => !n.ignored && n.role?.value === 'combobox');
  return Object.fromEntries(boxes.map((n) => [n.name?.value.trim() ?? '', String(n.value?.value ?? '')]));
}

/** The roles of the nodes named `name` in Chromium's accessibility tree (text runs left out): each a thing said by that name. */
export async function rolesNamed(page: Page, name: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { ignored: boolean; role?: { value: string }; name?: { value: string } };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  return nodes.filter((n) => !n.ignored && !['StaticText', 'InlineTextBox'].includes(n.role?.value ?? '') && n.name?.value.trim() === name).map((n) => n.role!.value);
}

/**
 * What a screen reader says of each combobox of the page besides its name (its name → its value, or its
 * description when it has no value: an unanswered dropdown's "Select..."), from Chromium's tree.
 */
export async function comboboxReadings(page: Page): Promise<Record<string, string>> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { ignored: boolean; role?: { value: string }; name?: { value: string }; value?: { value: string }; description?: { value: string } };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  const boxes = nodes.filter((n) => !n.ignored && n.role?.value === 'combobox');
  return Object.fromEntries(boxes.map((n) => [n.name?.value.trim() ?? '', [n.value?.value, n.description?.value].filter(Boolean).join(' | ')]));
}

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

/** The names of the nodes of role `role`, as Chromium's tree has them (untrimmed: a space at either end is in the name). */
export async function namesOfRole(page: Page, role: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { ignored: boolean; role?: { value: string }; name?: { value: string } };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  return nodes.filter((n) => !n.ignored && n.role?.value === role).map((n) => n.name?.value ?? '');
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

/**
 * What Chromium's tree holds for the focused node as focus arrives: `press` is sent and the tree asked for at once,
 * in the same breath, before the page's later tasks (a re-render) run, as a screen reader reads what focus lands
 * on when the focus event comes. Its role, name and value.
 */
export async function focusedOnArrival(page: Page, key: string): Promise<{ role: string; name: string; value: string }> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { ignored: boolean; nodeId?: string; role?: { value: string }; name?: { value: string }; value?: { value: string }; properties?: { name: string; value: { value: unknown } }[] };
  const focusedIn = (nodes: AXNode[]) =>
    nodes.filter((n) => !n.ignored && n.role?.value !== 'RootWebArea' && n.properties?.some((p) => p.name === 'focused' && p.value.value === true)).at(-1);
  const tree = async () => ((await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] }).nodes;
  const before = focusedIn(await tree());
  const down = cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, code: key, windowsVirtualKeyCode: key === 'Tab' ? 9 : 0 });
  const up = cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code: key, windowsVirtualKeyCode: key === 'Tab' ? 9 : 0 });
  // The first tree in which the focus has moved: read in the same breath as the key, as before, but a busy
  // machine can answer that first read before the key is handled (the focus still on the control left), so the
  // tree is read again until the focus is seen elsewhere — still the earliest tree with the new focus.
  let [, , nodes] = await Promise.all([down, up, tree()]);
  for (let tries = 0; focusedIn(nodes)?.nodeId === before?.nodeId && tries < 50; tries++) nodes = await tree();
  await cdp.detach();
  const node = focusedIn(nodes);
  return { role: node?.role?.value ?? '', name: node?.name?.value.trim() ?? '', value: String(node?.value?.value ?? '') };
}

/**
 * The column header a screen reader gives each data cell of the page's table, row by row: the name of the cell at
 * the same position in the table's first row of Chromium's tree, as a screen reader's table navigation counts
 * them ("Partner A" for the first profile's level). A cell left out of the tree in the first row shifts them.
 */
export async function cellColumnHeaders(page: Page): Promise<string[][]> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { nodeId: string; ignored: boolean; role?: { value: string }; name?: { value: string }; childIds?: string[] };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  // The non-ignored nodes under `node` of the given roles, looking through ignored ones and row groups.
  const under = (node: AXNode, roles: string[]): AXNode[] =>
    (node.childIds ?? []).flatMap((id) => {
      const child = byId.get(id);
      if (!child) return [];
      if (!child.ignored && roles.includes(child.role?.value ?? '')) return [child];
      return child.ignored || child.role?.value === 'rowgroup' || child.role?.value === 'generic' ? under(child, roles) : [];
    });
  const table = nodes.find((n) => !n.ignored && n.role?.value === 'table');
  if (!table) return [];
  const [head, ...rows] = under(table, ['row']).map((row) => under(row, ['cell', 'gridcell', 'columnheader', 'rowheader']));
  return rows.map((cells) => cells.flatMap((cell, j) => (cell.role?.value === 'cell' ? [head?.[j]?.name?.value.trim() ?? '(no header)'] : [])));
}

/**
 * The images of the page's accessibility tree that have no name: drawings a screen reader meets and can say nothing
 * of but "image" (a decoration must be out of the tree, a picture that means something must be named).
 */
export async function unnamedImages(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  const found: string[] = [];
  for (const node of nodes.filter((n) => !n.ignored && ['image', 'img', 'graphics-document'].includes(n.role?.value ?? '') && !n.name?.value.trim())) {
    // Where it is: the class of the element and of its parent, enough to find the markup that draws it.
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as unknown as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: 'function () { return `${this.parentElement?.getAttribute("class") ?? ""} > ${this.tagName.toLowerCase()}.${this.getAttribute("class") ?? ""}`; }',
      returnByValue: true,
    })) as unknown as { result: { value: string } };
    found.push(result.value);
  }
  await cdp.detach();
  return found;
}

/**
 * What a screen reader says of the text field named `name` as focus lands on it, from Chromium's tree: its
 * description (aria-describedby's text) and whether it is marked invalid ("invalid entry").
 */
export async function fieldReading(page: Page, name: string): Promise<{ description: string; invalid: string }> {
  const cdp = await page.context().newCDPSession(page);
  type AXNode = { ignored: boolean; role?: { value: string }; name?: { value: string }; description?: { value: string }; properties?: { name: string; value: { value: unknown } }[] };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AXNode[] };
  await cdp.detach();
  const field = nodes.find((n) => !n.ignored && n.role?.value === 'textbox' && n.name?.value.trim() === name);
  const invalid = field?.properties?.find((p) => p.name === 'invalid')?.value.value;
  return { description: field?.description?.value.trim() ?? '', invalid: String(invalid ?? 'false') };
}

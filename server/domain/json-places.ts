/**
 * A place in a parsed JSON value: the value there, and how it was reached (its key in the place holding it).
 * Linked to its parent instead of carrying its whole path, so a walk of a value nested n deep costs n, not n²
 * (attacker pass 17: a study.json 100,000 brackets deep kept `vlab study list` busy past 100 s).
 */
export interface JsonPlace {
  value: unknown;
  key?: PropertyKey;
  parent?: JsonPlace;
}

/** The keys from the root to `place` (array indices as numbers), as zod's issue paths are written. */
export function pathOf(place: JsonPlace): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at: JsonPlace | undefined = place; at?.parent; at = at.parent) path.push(at.key!);
  return path.reverse();
}

/**
 * The first place of `root`, in the file's order (depth first, fields in their order), for which `found` returns
 * something, with what it returned; undefined when none does. Iterative: JSON.parse takes nesting far deeper than
 * the call stack goes.
 *
 * @example firstPlace({ a: [1, 'x'] }, (p) => (p.value === 'x' ? 'here' : undefined)) // { place (path a, 1), result: 'here' }
 */
export function firstPlace<T>(root: unknown, found: (place: JsonPlace) => T | undefined): { place: JsonPlace; result: T } | undefined {
  const pending: JsonPlace[] = [{ value: root }];
  for (let place = pending.pop(); place; place = pending.pop()) {
    const result = found(place);
    if (result !== undefined) return { place, result };
    const { value } = place;
    if (value === null || typeof value !== 'object') continue;
    const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    // Reversed onto the stack, so the first field in the file is visited first.
    for (let i = entries.length - 1; i >= 0; i--) pending.push({ value: entries[i]![1], key: entries[i]![0], parent: place });
  }
  return undefined;
}

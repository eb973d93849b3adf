import type { z } from 'zod';

/** `factors[0].levels[1].text` — the path of a zod issue as a reader would write it. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/** The first issue of a failed parse as one line: `answers.do_nothing: Invalid option: expected one of 1|2|3|4|5`. */
export function firstIssue(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = issuePath([...(prefix ? [prefix] : []), ...issue.path]);
  if (keys.length) return `${path}: unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
  return `${path}: ${issue.message}`;
}

/** The value at a path of the parsed input (undefined where the input has nothing). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * A definition file's first problem as its author can act on it: a field that is absent says "missing" (naming
 * an unknown field beside it, usually its misspelling: "titel" for "title") rather than zod's "Invalid input";
 * a value that fits none of a union's shapes (a text or one text per locale) reports the shape it came closest
 * to, at its own path (`text.es: expected string, received number`).
 *
 * @example describeIssue(issues, { titel: 'x' }) // { path: ['title'], message: 'missing (the file has "titel" there, not a field)' }
 */
export function describeIssue(issues: readonly z.core.$ZodIssue[], input: unknown): { path: readonly PropertyKey[]; message: string } {
  const issue = issues[0]!;
  const parent = issue.path.slice(0, -1);
  // A refinement's own message (custom) is kept even where it points at an absent field: it says more.
  if (issue.code !== 'custom' && issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
    const stray = issues.find((other) => other.code === 'unrecognized_keys' && issuePath(other.path) === issuePath(parent));
    const keys = stray?.code === 'unrecognized_keys' ? stray.keys.map((k) => `"${k}"`).join(', ') : '';
    return { path: issue.path, message: keys ? `missing (the file has ${keys} there, not a field)` : 'missing' };
  }
  if (issue.code === 'unrecognized_keys') {
    return { path: issue.path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // The branch that got furthest into the value is the shape the author meant.
    const deepest = issue.errors.map((branch) => branch[0]).filter((first) => first !== undefined)
      .reduce((best, first) => (first.path.length > best.path.length ? first : best));
    if (deepest.path.length > 0) return { path: [...issue.path, ...deepest.path], message: deepest.message };
  }
  return { path: issue.path, message: issue.message };
}

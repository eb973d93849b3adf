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

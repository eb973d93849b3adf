import type { z } from 'zod';
import { closestName } from '../../analysis/helpers/did-you-mean.ts';
import { schemaFieldsAt } from './schema-fields.ts';
import { clipped, shortened, visible } from './shortened.ts';

/** Past this many keys a path is written as its first and last ones around how many were left out. */
const LONGEST_PATH = 24;

/**
 * `factors[0].levels[1].text` — the path of a zod issue as a reader would write it. A path of more than
 * LONGEST_PATH keys (a value nested thousands deep) keeps its first 16 and last 4 around `…(99,980 more)…`:
 * written whole, one line of a 100,000-deep file's message was 300 KB.
 */
export function issuePath(path: readonly PropertyKey[]): string {
  if (path.length > LONGEST_PATH) {
    const tail = issuePath(path.slice(-4));
    return `${issuePath(path.slice(0, 16))}…(${(path.length - 20).toLocaleString('en-US')} more)…${tail.startsWith('[') ? '' : '.'}${tail}`;
  }
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/** Past this many, unknown names are counted, not listed. */
const NAMES_LISTED = 10;

/**
 * `"a", "b" and 4,990 more`: names a client or a file gave that nothing takes, at most NAMES_LISTED of them, each cut
 * to 40 characters (shortened). Listed whole, 5,000 made-up answers came back as a 54 KB message and a
 * 60,000-character name as a 60 KB one (attacker pass 38).
 */
export function quotedNames(keys: readonly string[]): string {
  const listed = keys.slice(0, NAMES_LISTED).map((k) => `"${shortened(k)}"`).join(', ');
  return keys.length > NAMES_LISTED ? `${listed} and ${(keys.length - NAMES_LISTED).toLocaleString('en-US')} more` : listed;
}

/** `unknown field "a"`, `unknown fields "a", "b" and 4,990 more`. */
function unknownFields(keys: readonly string[]): string {
  return `unknown field${keys.length > 1 ? 's' : ''} ${quotedNames(keys)}`;
}

/**
 * The first issue of a failed parse as one line: `format: expected one of csv, json, got "xlsx"`. With the parsed
 * `input`, the message quotes the value that was refused.
 */
export function firstIssue(error: z.ZodError, prefix = '', input: unknown = NOT_GIVEN): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = issuePath([...(prefix ? [prefix] : []), ...issue.path]);
  if (keys.length) return `${path}: ${unknownFields(keys)}`;
  return `${path}: ${plainMessage(issue, input === NOT_GIVEN ? NOT_GIVEN : valueAt(input, issue.path))}`;
}

/** No input to quote (a caller without it, or one whose values are not to be repeated). */
const NOT_GIVEN = Symbol('not given');

/** `"radio" (a text)`, `2.5`, `a list`: the refused value as its author would recognise it. */
function describeValue(value: unknown): string {
  if (typeof value === 'string') return visible(JSON.stringify(clipped(value)));
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  // JSON.parse reads 1e400 as Infinity: the number sent is gone, but not that it was too large.
  if (typeof value === 'number' && !Number.isFinite(value) && !Number.isNaN(value)) return `a number too large to hold (read as ${value})`;
  return String(value);
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  number: 'a number', int: 'a whole number', string: 'a text', boolean: 'true or false', array: 'a list', object: 'an object',
  // z.record's type: a JSON object of named values (answers, wave settings).
  record: 'an object',
};

/** `populationMargins`, `positive or negative`, `one of a, b, c`. */
function choices(values: readonly unknown[]): string {
  const names = values.map(String);
  if (names.length === 1) return names[0]!;
  return names.length === 2 ? `${names[0]} or ${names[1]}` : `one of ${names.join(', ')}`;
}

/**
 * zod's default wording ("Invalid input: expected number, received string", "Too small: expected array to have
 * >=2 items", "Invalid option: expected one of \"x\"|\"y\"") said in the user's words, with the value refused and
 * the choice a near miss was meant to be. A schema's own message is kept as it is.
 */
function plainMessage(issue: z.core.$ZodIssue, received: unknown): string {
  const got = gotValue(received);
  const aText = typeof received === 'string' && issue.code === 'invalid_type' && issue.expected !== 'string' ? ' (a text)' : '';
  const near = (options: readonly unknown[]) => {
    if (typeof received !== 'string' || received === '') return '';
    // A slip ("holms"), or the start of one option ("radio" for SurveyJS's "radiogroup").
    const starts = options.map(String).filter((o) => o.toLowerCase().startsWith(received.toLowerCase()));
    const closest = closestName(received, options.map(String)) ?? (starts.length === 1 ? starts[0] : undefined);
    return closest ? ` (did you mean "${closest}"?)` : '';
  };
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected ')) {
    return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}${got}${aText}`;
  }
  // "Invalid option" of an enum, "Invalid input" of a literal (a field with one allowed value).
  if (issue.code === 'invalid_value' && /^Invalid (option|input)/.test(issue.message)) {
    return `expected ${choices(issue.values)}${got}${near(issue.values)}`;
  }
  if (issue.code === 'invalid_union' && issue.message.startsWith('Invalid discriminator value') && 'options' in issue) {
    const options = (issue as { options: readonly unknown[] }).options;
    return `expected ${choices(options)}${got}${near(options)}`;
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && /^Too (small|big): /.test(issue.message)) {
    return sizeMessage(issue, received);
  }
  // A schema's own words for a pattern ("expected a level code of …") with the text that did not match it.
  if (issue.code === 'invalid_format' && typeof received === 'string') return `${issue.message}${got}${spaceAround(issue, received)}`;
  return issue.message;
}

/**
 * " (a space at its end: write "below")" where the text would match its pattern without the spaces around it: a code
 * copied with a trailing space, which the lines that name the level then suggested copying ("did you mean "below "?").
 */
function spaceAround(issue: z.core.$ZodIssueInvalidStringFormat, received: string): string {
  const trimmed = received.trim();
  // zod gives a regex's pattern as its literal, "/^[a-z0-9]…$/".
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(issue.pattern ?? '');
  if (trimmed === received || trimmed === '' || !literal || !new RegExp(literal[1]!, literal[2]).test(trimmed)) return '';
  const start = received.startsWith(trimmed) ? '' : 'start';
  const end = received.endsWith(trimmed) ? '' : 'end';
  return ` (a space at its ${start && end ? 'start and end' : start || end}: write "${trimmed}")`;
}

/** `needs at least 2 items, has 1`, `must be less than 1, got 5`. */
function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, received: unknown): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const unit = issue.origin === 'array' || issue.origin === 'set' ? 'item' : issue.origin === 'string' ? 'character' : '';
  if (unit) {
    const count = Array.isArray(received) || typeof received === 'string' ? `, has ${received.length}` : '';
    return `needs ${small ? 'at least' : 'at most'} ${bound} ${unit}${bound === 1 ? '' : 's'}${count}`;
  }
  const relation = small ? (issue.inclusive ? 'at least' : 'more than') : (issue.inclusive ? 'at most' : 'less than');
  const got = typeof received === 'number' || typeof received === 'bigint' ? `, got ${received}` : '';
  return `must be ${relation} ${bound}${got}`;
}

/** `, got 5`, or nothing for an absent value. */
function gotValue(received: unknown): string {
  return received === NOT_GIVEN || received === undefined ? '' : `, got ${describeValue(received)}`;
}

/**
 * `a text or an object` for a union each of whose shapes refused the value's type outright; undefined when one
 * refused it for another reason (then zod's own issue says more).
 */
function unionShapes(branches: readonly (readonly z.core.$ZodIssue[])[]): string | undefined {
  const names: string[] = [];
  for (const first of branches.map((branch) => branch[0])) {
    if (first?.code !== 'invalid_type' || first.path.length > 0) return undefined;
    const name = TYPE_NAMES[first.expected] ?? first.expected;
    if (!names.includes(name)) names.push(name);
  }
  return names.length > 0 ? names.join(' or ') : undefined;
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
 * to, at its own path (`text.es: expected a text, got 5`); zod's generic wording is said plainly (plainMessage).
 *
 * @example describeIssue(issues, { titel: 'x' }) // { path: ['title'], message: 'missing (the file has "titel" there, not a field)', at: ['titel'] }
 */
export function describeIssue(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  schema?: z.core.$ZodType,
): { path: readonly PropertyKey[]; message: string; at?: readonly PropertyKey[] } {
  const issue = issues[0]!;
  const parent = issue.path.slice(0, -1);
  // A refinement's own message (custom) is kept even where it points at an absent field: it says more.
  if (issue.code !== 'custom' && issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
    const stray = issues.find((other) => other.code === 'unrecognized_keys' && issuePath(other.path) === issuePath(parent));
    const keys = stray?.code === 'unrecognized_keys' ? quotedNames(stray.keys) : '';
    // Located at the misspelling (`at`), where the author has to type.
    const at = stray?.code === 'unrecognized_keys' ? [...parent, stray.keys[0]!] : undefined;
    return { path: issue.path, message: keys ? `missing (the file has ${keys} there, not a field)` : 'missing', ...(at ? { at } : {}) };
  }
  if (issue.code === 'unrecognized_keys') {
    // One stray key a slip from a field of its place that the object lacks names it: "moderator" for `moderators`
    // (walk-through 34); a field it already has is no slip ("factorz" beside "factors").
    const holder = valueAt(input, issue.path);
    const absent = (field: string) => !(typeof holder === 'object' && holder !== null && Object.hasOwn(holder, field));
    const meant = schema && issue.keys.length === 1 ? closestName(issue.keys[0]!, schemaFieldsAt(schema, issue.path).filter(absent)) : undefined;
    // Located at the stray key (`at`), where the author has to type, not at the object holding it.
    return { path: issue.path, message: `${unknownFields(issue.keys)}${meant ? ` (did you mean "${meant}"?)` : ''}`, at: [...issue.path, issue.keys[0]!] };
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // The branch that got furthest into the value is the shape the author meant.
    const deepest = issue.errors.map((branch) => branch[0]).filter((first) => first !== undefined)
      .reduce((best, first) => (first.path.length > best.path.length ? first : best));
    const path = [...issue.path, ...deepest.path];
    if (deepest.path.length > 0) return { path, message: plainMessage(deepest, valueAt(input, path)) };
    // No shape got into the value (a list where a text or one text per locale goes): name every shape it could take.
    const shapes = unionShapes(issue.errors);
    if (shapes) return { path: issue.path, message: `expected ${shapes}${gotValue(valueAt(input, issue.path))}` };
  }
  return { path: issue.path, message: plainMessage(issue, valueAt(input, issue.path)) };
}

/**
 * Every problem of a failed parse, each as describeIssue says it, in zod's order (the schema's order of fields): an
 * author fixes them all in one go instead of meeting them one reload at a time. An unknown field that a "missing"
 * line already names (its misspelling) and repeats of the same line are left out.
 *
 * @example describeIssues(issues, { titel: 'x', factors: [] }).map((d) => d.message) // ['missing (the file has "titel" there, not a field)', …]
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown, schema?: z.core.$ZodType): { path: readonly PropertyKey[]; message: string; at?: readonly PropertyKey[] }[] {
  const described = issues.map((issue) => describeIssue([issue, ...issues.filter((other) => other !== issue)], input, schema));
  // A stray key already named by the missing field beside it ("the file has … there") is not said again.
  const named = new Set(described.filter((d) => d.message.startsWith('missing (the file has')).map((d) => issuePath(d.path.slice(0, -1))));
  const seen = new Set<string>();
  return described.filter((d, i) => {
    const key = `${issuePath(d.path)}\0${d.message}`;
    if (seen.has(key) || (issues[i]!.code === 'unrecognized_keys' && named.has(issuePath(d.path)))) return false;
    seen.add(key);
    return true;
  });
}

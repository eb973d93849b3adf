import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode, visit, type Node, type ParseErrorCode } from 'jsonc-parser';
import { shortened } from '../domain/shortened.ts';
import { issuePath } from '../domain/zod-issues.ts';

/**
 * Where a field is in a JSON file's text, so that a definition's problem reads `study.json:28:11: factors[0]…`
 * and an editor's go-to-line lands on it. The text is valid JSON (it was parsed first); jsonc-parser's syntax
 * tree (Microsoft's, VS Code's JSON parser) gives every value's offset.
 */

/**
 * The offset of the deepest part of `path` present in `text`: a member's key (`"code": …`), an array element's
 * first character, or, when the path goes on past what exists (a missing field), the object that lacks it.
 *
 * @example jsonPathOffset('{\n  "a": [1, {"b": 2}]\n}', ['a', 1, 'b']) // 14, the offset of "b"
 */
export function jsonPathOffset(text: string, path: readonly PropertyKey[]): number {
  // Only the part before nesting passes MAX_JSON_DEPTH is walked (parseTree recurses): a field after it is marked at the root.
  const root = parseTree(text.slice(0, tooDeepAt(text)));
  if (!root) return 0;
  const segments = path.filter((key): key is string | number => typeof key === 'string' || typeof key === 'number');
  // The longest prefix of the path that the file has; a path through a symbol key stops before it.
  const through = segments.length === path.length ? path.length : path.findIndex((key) => typeof key === 'symbol');
  // The tree holds at most MAX_JSON_DEPTH levels: trying every longer prefix of a path 100,000 deep cost its square.
  const end = Math.min(through, MAX_JSON_DEPTH + 1);
  for (let length = end; length > 0; length--) {
    const node = findNodeAtLocation(root, segments.slice(0, length));
    if (node) return markOf(node);
  }
  return root.offset;
}

/** A member's value is marked at its key (`"code": …`), where an editor shows the field; an element at itself. */
const markOf = (node: Node): number => (node.parent?.type === 'property' ? node.parent.offset : node.offset);

/** 1-based line and column of a character offset, as an editor counts them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/**
 * Why JSON.parse refused `text`, as `line:column: not valid JSON (reason)` pieces: jsonSyntaxError's place and
 * words, or, should the two parsers ever disagree, the end of the file and V8's own message (never nothing).
 */
export function jsonSyntaxPlace(text: string, parseError: unknown, holder?: string): { line: number; column: number; reason: string } {
  const { offset, reason } = jsonSyntaxError(text, holder) ?? { offset: text.length, reason: (parseError as Error).message };
  return { ...lineAndColumn(text, offset), reason };
}

/** A member whose name an object of the text already had: where the object is, the name, and both names' offsets. */
export interface RepeatedKey {
  /** The path of the object holding the name twice. */
  path: (string | number)[];
  key: string;
  first: number;
  again: number;
}

/**
 * The first name given twice in one object of `text` (valid JSON), or undefined. JSON.parse keeps the last of
 * them without a word, so a researcher who wrote "questions" or a page's "elements" twice lost the first and the
 * study loaded (attacker pass 36's leftover). Names are compared as JSON.parse compares them, after unescaping.
 *
 * @example repeatedKey('{"a": {"b": 1, "b": 2}}') // { path: ['a'], key: 'b', first: 7, again: 15 }
 */
export function repeatedKey(text: string): RepeatedKey | undefined {
  const open: Map<string, number>[] = [];
  let found: RepeatedKey | undefined;
  // Only the part before nesting passes MAX_JSON_DEPTH is visited (jsonc-parser recurses per level).
  visit(text.slice(0, tooDeepAt(text)), {
    onObjectBegin: () => void open.push(new Map()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty(key, offset, _length, _line, _character, pathOf) {
      const names = open[open.length - 1]!;
      const first = names.get(key);
      if (first !== undefined) found ??= { path: pathOf(), key, first, again: offset };
      else names.set(key, offset);
    },
  });
  return found;
}

/**
 * Where the second of two members with one name is in `text`, and `path.key: given twice …` in the words the
 * definition files and the analysis verbs' JSON files both use; undefined when no object repeats a name.
 */
export function repeatedKeyProblem(text: string): { line: number; column: number; problem: string } | undefined {
  const repeated = repeatedKey(text);
  if (!repeated) return undefined;
  const first = lineAndColumn(text, repeated.first);
  return {
    ...lineAndColumn(text, repeated.again),
    problem: `${issuePath([...repeated.path, repeated.key])}: given twice in one object (first at line ${first.line}, column ${first.column}): JSON keeps only the last, and the first would be dropped without a word; keep one`,
  };
}

/** A text without the byte-order mark Notepad writes: RFC 8259 lets a parser ignore it, and editors count no column for it. */
export const withoutByteOrderMark = (text: string): string => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** A JSON text's first syntax error: where (a character offset) and what, in words for the person editing it. */
export interface JsonSyntaxError {
  offset: number;
  reason: string;
}

const COMMENT = "a comment: JSON has none; delete it, as the // notes of the docs' annotated examples";

/**
 * The first syntax error of `text` as strict JSON (no comments, no trailing commas), or undefined if there is none.
 * Found by jsonc-parser's scanner rather than read out of V8's message, which each Node version words differently
 * and which, on Node 20, gives no position for some errors (`Unexpected token ']'` for a trailing comma).
 * `holder` names what the file is, for an empty one ("a definition", "a levels file"); `container` is what the
 * messages call the text: a `file`, or a request's `body`.
 *
 * @example jsonSyntaxError('{"a": 1,}') // { offset: 7, reason: 'a comma after the last item: …' }
 */
export function jsonSyntaxError(text: string, holder = 'a definition', container: 'file' | 'body' = 'file'): JsonSyntaxError | undefined {
  const deep = tooDeepAt(text);
  const first = firstError(text.slice(0, deep));
  // The cut text ends inside open brackets: an error found at its end is the cut's, not the text's.
  if (deep < text.length && (!first || first.offset >= deep)) {
    return { offset: deep, reason: `nested more than ${MAX_JSON_DEPTH} deep: ${container === 'body' ? 'a request body' : holder} has at most ${MAX_JSON_DEPTH} levels of { } and [ ]` };
  }
  if (!first) return undefined;
  if (text.trim() === '') return { offset: text.length, reason: `the ${container} is empty: ${holder} is one JSON object, { … }` };
  const comma = trailingComma(text, first.offset);
  if (comma !== undefined) return { offset: comma, reason: 'a comma after the last item: JSON allows none; delete it' };
  const atEnd = text.slice(first.offset).trim() === '';
  return { offset: atEnd ? text.length : first.offset, reason: reasonFor(printParseErrorCode(first.code), text.slice(first.offset, first.offset + first.length), atEnd, container) };
}

/** jsonc-parser's first error in `text` as strict JSON. Its parser recurses: the text must not nest past MAX_JSON_DEPTH. */
function firstError(text: string): { code: ParseErrorCode; offset: number; length: number } | undefined {
  let first: { code: ParseErrorCode; offset: number; length: number } | undefined;
  visit(
    text,
    {
      onError(code, offset, length) {
        first ??= { code, offset, length };
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  return first;
}

/**
 * Levels of { } and [ ] that jsonc-parser is given. It recurses per level and overflowed the stack on a text
 * nested 60,000 deep (a hostile request body: a 500 with a stack trace; a CLI file: a RangeError), where V8's
 * JSON.parse does not; no definition, analysis file or request has reason to nest past a handful.
 */
export const MAX_JSON_DEPTH = 512;

/** The offset of the bracket that opens level MAX_JSON_DEPTH + 1 (jsonc-parser's scanner does not recurse), else the text's length. */
function tooDeepAt(text: string): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  // A token that starts with a bracket is one (strings and comments start with " and /); the end's offset is the length.
  for (scanner.scan(); scanner.getTokenOffset() < text.length; scanner.scan()) {
    const first = text[scanner.getTokenOffset()];
    if (first === '{' || first === '[') {
      if (++depth > MAX_JSON_DEPTH) return scanner.getTokenOffset();
    } else if (first === '}' || first === ']') depth--;
  }
  return text.length;
}

/** The offset of a comma right before the `}` or `]` at `offset` (blanks between), where the error really is. */
function trailingComma(text: string, offset: number): number | undefined {
  if (text[offset] !== '}' && text[offset] !== ']') return undefined;
  let before = offset - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  return text[before] === ',' ? before : undefined;
}

const AT_END: Record<string, string> = { CloseBraceExpected: 'ends before the closing }', CloseBracketExpected: 'ends before the closing ]' };


/** What the person editing the file should read for each of jsonc-parser's error codes. */
function reasonFor(code: string, token: string, atEnd: boolean, container: string): string {
  switch (code) {
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return COMMENT;
    case 'UnexpectedEndOfString':
      return 'a string with no closing ": add the " where the text ends';
    case 'InvalidCharacter':
      return 'a tab or line break inside a string: write it as \\t or \\n';
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode':
      return 'a bad escape in a string: after \\ comes one of " \\ / b f n r t, or u and four hex digits';
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return `a malformed number ${shortened(token)}`;
    case 'CommaExpected':
      return 'a comma is missing before this: items are separated by commas';
    case 'ColonExpected':
      return 'a colon is missing: write "name": value';
    case 'EndOfFileExpected':
      return `more after the end of the JSON value: a ${container} holds one object`;
    default:
      if (atEnd) return `the ${container} ${AT_END[code] ?? 'ends before a value'}`;
      if (code === 'InvalidSymbol') return `unexpected \`${shortened(token)}\`: names and texts take double quotes; values are "text", numbers, true, false or null`;
      if (code === 'PropertyNameExpected') return 'a property name in double quotes was expected here';
      return 'a value was expected here: "text", a number, true, false, null, an object or an array';
  }
}

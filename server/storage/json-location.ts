/**
 * Where a field is in a JSON file's text, so that a definition's problem reads `study.json:28:11: factors[0]…`
 * and an editor's go-to-line lands on it. The text is valid JSON (it was parsed first); this scanner only walks
 * it, never judges it.
 */

/**
 * The offset of the deepest part of `path` present in `text`: a member's key (`"code": …`), an array element's
 * first character, or, when the path goes on past what exists (a missing field), the object that lacks it.
 *
 * @example jsonPathOffset('{\n  "a": [1, {"b": 2}]\n}', ['a', 1, 'b']) // 14, the offset of "b"
 */
export function jsonPathOffset(text: string, path: readonly PropertyKey[]): number {
  let at = skipBlanks(text, 0);
  let found = at;
  for (const key of path) {
    const next = text[at] === '{' && typeof key === 'string' ? memberOf(text, at, key)
      : text[at] === '[' && typeof key === 'number' ? elementOf(text, at, key)
      : undefined;
    if (!next) break;
    found = next.mark;
    at = next.value;
  }
  return found;
}

/** The key's offset (`mark`) and its value's (`value`) of an object's member, if the object has it. */
function memberOf(text: string, open: number, key: string): { mark: number; value: number } | undefined {
  let at = skipBlanks(text, open + 1);
  while (text[at] === '"') {
    const keyEnd = stringEnd(text, at);
    const value = skipBlanks(text, skipBlanks(text, keyEnd) + 1); // past the colon
    if (JSON.parse(text.slice(at, keyEnd)) === key) return { mark: at, value };
    at = skipBlanks(text, valueEnd(text, value));
    if (text[at] === ',') at = skipBlanks(text, at + 1);
  }
  return undefined;
}

/** The offset of an array's element `index`, if it has one. */
function elementOf(text: string, open: number, index: number): { mark: number; value: number } | undefined {
  let at = skipBlanks(text, open + 1);
  for (let i = 0; text[at] !== ']' && at < text.length; i++) {
    if (i === index) return { mark: at, value: at };
    at = skipBlanks(text, valueEnd(text, at));
    if (text[at] === ',') at = skipBlanks(text, at + 1);
  }
  return undefined;
}

/** The offset just past the value starting at `at`. */
function valueEnd(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return stringEnd(text, at);
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const c = text[i];
      if (c === '"') i = stringEnd(text, i) - 1;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
    }
    return text.length;
  }
  let i = at;
  while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
  return i;
}

/** The offset just past the closing quote of the string starting at `at`. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipBlanks(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

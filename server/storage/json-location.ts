import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

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
  const root = parseTree(text);
  if (!root) return 0;
  const segments = path.filter((key): key is string | number => typeof key === 'string' || typeof key === 'number');
  // The longest prefix of the path that the file has; a path through a symbol key stops before it.
  const end = segments.length === path.length ? path.length : path.findIndex((key) => typeof key === 'symbol');
  for (let length = end; length > 0; length--) {
    const node = findNodeAtLocation(root, segments.slice(0, length));
    if (node) return markOf(node);
  }
  return root.offset;
}

/** A member's value is marked at its key (`"code": …`), where an editor shows the field; an element at itself. */
const markOf = (node: Node): number => (node.parent?.type === 'property' ? node.parent.offset : node.offset);

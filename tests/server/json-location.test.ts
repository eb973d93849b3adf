import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonPathOffset } from '../../server/storage/json-location.ts';

// Where a definition's problem is in its file (study.json:28:11): the offset of the field a validation issue names.
// These pin the behaviour any implementation must keep (the hand-written scanner, or jsonc-parser's tree).

const at = (text: string, path: readonly PropertyKey[]) => {
  const offset = jsonPathOffset(text, path);
  return text.slice(offset, offset + 12);
};

const text = `{
  "title": "a \\"quoted\\" {brace} [bracket], comma",
  "factors": [
    { "code": "regime", "levels": [ { "code": "democracy" }, {"code":"autocracy","text":"x"} ] },
    {"code": "capability", "levels": []}
  ],
  "\\u0063ount": 3,
  "empty": {},
  "nested": [[1, 2], [3, [4, 5]]]
}`;

test('a member is found at its key, an array element at its first character', () => {
  assert.equal(at(text, ['title']), '"title": "a ');
  assert.equal(at(text, ['factors']), '"factors": [');
  assert.equal(at(text, ['factors', 0]), '{ "code": "r');
  assert.equal(at(text, ['factors', 0, 'levels', 1, 'text']), '"text":"x"} ');
  assert.equal(at(text, ['factors', 1, 'code']), '"code": "cap');
  assert.equal(at(text, ['nested', 1, 1, 0]), '4, 5]]]\n}');
});

test('strings holding quotes, braces, brackets and commas do not derail the walk; escaped keys match', () => {
  assert.equal(at(text, ['factors', 1]), '{"code": "ca');
  assert.equal(at(text, ['count']), '"\\u0063ount"');
  assert.equal(at(text, ['empty']), '"empty": {},');
});

test('a path past what exists points at the deepest part that does: the object or array lacking it', () => {
  assert.equal(at(text, ['factors', 0, 'levels', 0, 'texts']), '{ "code": "d');
  assert.equal(at(text, ['factors', 1, 'levels', 0]), '"levels": []');
  assert.equal(at(text, ['factors', 7, 'code']), '"factors": [');
  assert.equal(at(text, ['missing']), text.slice(0, 12));
  assert.equal(at(text, ['title', 'deeper']), '"title": "a ', 'a string has no members');
  assert.equal(at(text, ['factors', 'code']), '"factors": [', 'an array has no named members');
});

test('the root, blanks before it and CRLF line ends', () => {
  assert.equal(jsonPathOffset('  \r\n {"a": 1}', []), 5);
  const crlf = '{\r\n  "a": {\r\n    "b": [true, null]\r\n  }\r\n}';
  assert.equal(jsonPathOffset(crlf, ['a', 'b', 1]), crlf.indexOf('null'));
});

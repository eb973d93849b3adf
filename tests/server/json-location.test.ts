import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonPathOffset, jsonSyntaxError } from '../../server/storage/json-location.ts';

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

// A definition file's syntax error is placed and named by jsonc-parser, not read out of V8's message: Node 18,
// 20 and 22 word it differently and Node 20 gives no position at all for some ("Unexpected token ']'"), which put
// a trailing comma in an array at the end of the file. Each case: the text, where the message points, its words.
const syntaxCases: [name: string, text: string, at: string, reason: RegExp][] = [
  ['missing comma', '{\n  "id": "x",\n  "version": 1\n  "title": "x"\n}\n', '"title"', /^a comma is missing before this/],
  ['trailing comma in an object', '{\n  "id": "x",\n  "version": 1,\n}\n', ',\n}', /^a comma after the last item/],
  ['trailing comma in an array', '{\n  "levels": [1, 2,],\n  "version": 1\n}\n', ',],', /^a comma after the last item/],
  ['unclosed string', '{\n  "id": "x,\n  "version": 1\n}\n', '"x,', /^a string with no closing "/],
  ['line comment', '{\n  "id": "x",  // the folder name\n  "version": 1\n}\n', '// the', /^a comment: JSON has none/],
  ['block comment', '{\n  /* why */ "id": "x"\n}\n', '/* why', /^a comment: JSON has none/],
  ['single quotes', "{\n  'id': 1\n}\n", "'id'", /^unexpected `'id'`/],
  ['cut short', '{\n  "id": "x",\n  "version": ', '', /^the file ends before a value/],
  ['unclosed object', '{\n  "id": "x"\n', '', /^the file ends before the closing }/],
  ['empty file', '', '', /^the file is empty/],
  ['blank file', '  \n\n', '', /^the file is empty/],
  ['two values', '{}\n{}\n', '{}\n', /^more after the end/],
  ['tab inside a string', '{"id": "a\tb"}', '"a\tb"', /^a tab or line break inside a string/],
];

test('jsonSyntaxError: the first syntax error at its offset, in words that do not depend on the Node version', () => {
  for (const [name, text, at, reason] of syntaxCases) {
    const error = jsonSyntaxError(text);
    assert.ok(error, `${name}: an error`);
    assert.equal(text.slice(error.offset, error.offset + at.length), at, `${name}: at ${JSON.stringify(text.slice(error.offset, error.offset + 10))}`);
    if (at === '') assert.equal(error.offset, text.length, `${name}: at the end`);
    assert.match(error.reason, reason, name);
  }
  assert.equal(jsonSyntaxError('{"a": [1, {"b": null}], "c": "\\u00e9"}'), undefined, 'valid JSON has none');
});

test('a text nested deeper than 512 levels: the syntax error before the deep part, else the place nesting passes 512; the path before it still found (jsonc-parser recurses and overflowed the stack: the CLI and the server died with a RangeError)', () => {
  const deep = '['.repeat(60_000) + '}';
  assert.deepEqual(jsonSyntaxError(deep, 'a request body', 'body'), { offset: 512, reason: 'nested more than 512 deep: a request body has at most 512 levels of { } and [ ]' });
  assert.deepEqual(jsonSyntaxError('{"a": 1 "b": ' + '{"c":'.repeat(20_000)), { offset: 8, reason: 'a comma is missing before this: items are separated by commas' });
  // 512 levels are read as before: the error is the real one.
  assert.match(jsonSyntaxError('['.repeat(512) + ']'.repeat(511) + ',]')!.reason, /^a comma after the last item/);
  const valid = '{"title": ' + '['.repeat(60_000) + ']'.repeat(60_000) + ', "version": "x"}';
  assert.equal(JSON.parse(valid).version, 'x');
  assert.equal(jsonPathOffset(valid, ['title', 0]), 11);
  // The walk stops where nesting passes 512 levels: a field after that part is marked at the root.
  assert.equal(jsonPathOffset(valid, ['version']), 0);
});

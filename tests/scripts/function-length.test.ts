// The code-health rule of docs/conventions (issue 17): a function over 80 lines is split into named parts, or says in
// a comment just above it why it stays whole ("// Whole on purpose (…): why"). Long functions hide their parts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import ts from 'typescript';

const LIMIT = 80;
const REASON = /\/\/ Whole on purpose \(.+\): \S/;

interface LongFunction {
  where: string;
  lines: number;
  reasoned: boolean;
}

/** Every function, method and arrow function of a source file longer than LIMIT lines, with whether a reason precedes it. */
export function longFunctions(file: string, text: string): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const first = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (last - first + 1 > LIMIT) {
        // The comments before the declaration (or before the statement that holds an arrow function).
        const holder = ts.isArrowFunction(node) || ts.isFunctionExpression(node) ? (node.parent?.parent?.parent ?? node) : node;
        const leading = text.slice(holder.getFullStart(), holder.getStart());
        found.push({ where: `${file}:${first + 1}`, lines: last - first + 1, reasoned: REASON.test(leading) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('the rule finds a long function and accepts it only with a reason above it', () => {
  const body = Array.from({ length: LIMIT }, (_, i) => `  const x${i} = ${i};`).join('\n');
  const plain = `export function long(): void {\n${body}\n}\n`;
  assert.deepEqual(longFunctions('a.ts', plain), [{ where: 'a.ts:1', lines: LIMIT + 2, reasoned: false }]);
  const reasoned = `/** Doc. */\n// Whole on purpose (~80 lines): one list.\n${plain}`;
  assert.equal(longFunctions('a.ts', reasoned)[0]!.reasoned, true);
  assert.deepEqual(longFunctions('a.ts', `export function short(): void {\n  return;\n}\n`), []);
});

test(`every function of the product over ${LIMIT} lines is split or says why it stays whole`, () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'server', 'analysis', 'public/src', 'bench', 'support', 'scripts'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => /\.(ts|mts|mjs)$/.test(f) && !f.endsWith('.d.mts'));
  assert.ok(files.length > 100, `only ${files.length} source files found`);
  const unexplained = files.flatMap((f) => longFunctions(f, readFileSync(f, 'utf8'))).filter((f) => !f.reasoned);
  assert.deepEqual(
    unexplained.map((f) => `${f.where} (${f.lines} lines)`),
    [],
    'split these into named parts, or put "// Whole on purpose (~N lines): why" just above them',
  );
});

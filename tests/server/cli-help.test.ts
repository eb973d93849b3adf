import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { HELP_EXAMPLES } from '../../server/cli/help-examples.ts';

// `vlab --help` and each verb's: examples a newcomer can paste. Before, no help had an example, and the README's
// were the only ones; an example naming an option its verb does not have is the first thing a newcomer pastes.

const helpCache = new Map<string, string>();
function help(path: string): string {
  if (!helpCache.has(path)) {
    const args = ['bin/vlab.js', ...(path ? path.split(' ') : []), '--help'];
    helpCache.set(path, execFileSync(process.execPath, args, { encoding: 'utf8' }));
  }
  return helpCache.get(path)!;
}

/** The long options a help lists (`--db <path>`, `--no-demo`). */
function optionsOf(text: string): Set<string> {
  const section = text.slice(text.indexOf('Options:'), text.indexOf('\nCommands:') >= 0 ? text.indexOf('\nCommands:') : undefined);
  return new Set([...section.matchAll(/(?:^|[\s,])(--[a-z][a-z0-9-]*)/g)].map((m) => m[1]!));
}

/** The verb path and the options of an example line: `vlab wave create --study x` → ['wave create', ['--study']]. */
function parseExample(line: string, verbs: readonly string[]): { path: string; options: string[] } {
  const command = line.replace(/\s+#.*$/, '').slice(line.indexOf('vlab ') + 'vlab '.length);
  const path = verbs.filter((v) => v && (command === v || command.startsWith(`${v} `))).sort((a, b) => b.length - a.length)[0] ?? '';
  const options = [...command.matchAll(/(?:^|\s)(--[a-z][a-z0-9-]*)/g)].map((m) => m[1]!);
  return { path, options };
}

test('every help ends with examples whose options its verb has; `vlab --help` shows the path from study to estimates', () => {
  const verbs = [...Object.keys(HELP_EXAMPLES), 'wave list', 'wave pause', 'wave open', 'wave close', 'token list', 'db migrate'];
  for (const [path, lines] of Object.entries(HELP_EXAMPLES)) {
    const text = help(path);
    const examples = text.slice(text.indexOf('\nExamples:\n'));
    assert.ok(text.includes('\nExamples:\n'), `vlab ${path} --help has no examples`);
    for (const line of lines) {
      assert.ok(examples.includes(line), `vlab ${path} --help: "${line}"`);
      if (!/(^|\s)vlab /.test(line)) continue; // a step before the verb (npm start)
      const example = parseExample(line, verbs);
      if (path) assert.equal(example.path, path, `an example of vlab ${path} runs another verb: ${line}`);
      const known = optionsOf(help(example.path));
      for (const option of example.options) assert.ok(known.has(option), `${line}: vlab ${example.path} has no ${option}`);
    }
  }
  assert.match(help(''), /Each verb has its own options and examples: vlab <verb> --help\n$/);
});

test('the examples that need no wave run as pasted (vlab standing for the project\'s bin/vlab.js)', () => {
  const pasteable = [...HELP_EXAMPLES['p-adjust']!, ...HELP_EXAMPLES.power!.slice(0, 2)];
  for (const line of pasteable) {
    const run = spawnSync('bash', ['-c', line.replace(/\bvlab /, `${JSON.stringify(process.execPath)} bin/vlab.js `)], { encoding: 'utf8' });
    assert.equal(run.status, 0, `${line}: ${run.stderr}`);
    assert.ok(run.stdout.trim().length > 0, line);
  }
});

/** The verbs a help lists under Commands (`create [options]` → create), without commander's own `help`. */
function commandsOf(text: string): string[] {
  const at = text.indexOf('\nCommands:\n');
  if (at < 0) return [];
  const section = text.slice(at + 1).split('\n\n')[0]!;
  return [...section.matchAll(/^ {2}([a-z][a-z-]*)/gm)].map((m) => m[1]!).filter((name) => name !== 'help');
}

// The README promises that each verb's --help ends with examples; until 2026-12-04 wave list, pause, open and close,
// token list and revoke, db migrate and db copy had none (newcomer pass).
test('every verb, down to each subcommand, ends its --help with examples', () => {
  const leaves: string[] = [];
  const visit = (path: string) => {
    const subs = commandsOf(help(path));
    if (path && !subs.length) leaves.push(path);
    for (const sub of subs) visit(path ? `${path} ${sub}` : sub);
  };
  visit('');
  assert.ok(leaves.length >= 25, leaves.join(', '));
  assert.deepEqual(leaves.filter((path) => !help(path).includes('\nExamples:\n')), []);
});

// The README's and docs' shell blocks are what a newcomer pastes first (task research13): each `vlab` line there
// must name a verb and only options that verb has. Checked against the helps, as the examples above.
test("every vlab line in the README's and docs' shell blocks names a verb and options it has", () => {
  const verbs = [...Object.keys(HELP_EXAMPLES).filter(Boolean), 'wave list', 'wave pause', 'wave open', 'wave close', 'token list', 'db migrate'];
  const files = ['README.md', ...readdirSync('docs').filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
  let checked = 0;
  for (const file of files) {
    const blocks = [...readFileSync(file, 'utf8').matchAll(/```(?:sh|bash|shell|console)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    // Each command of a line (split at && || | ;) that runs vlab, after any VAR=value and npx before it.
    const commands = blocks
      .flatMap((block) => block.split('\n'))
      .flatMap((line) => line.replace(/(^|\s)#.*$/, '').split(/&&|\|\||\||;/))
      .map((command) => command.trim().replace(/^(?:\$\s+)?(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:npx\s+)?/, ''))
      .filter((command) => command.startsWith('vlab '));
    for (const line of commands) {
      const example = parseExample(line, verbs);
      assert.ok(example.path, `${file}: "${line.trim()}" names no vlab verb`);
      const known = optionsOf(help(example.path));
      for (const option of example.options) assert.ok(known.has(option), `${file}: "${line.trim()}": vlab ${example.path} has no ${option}`);
      checked++;
    }
  }
  assert.ok(checked >= 10, `only ${checked} vlab lines found in shell blocks`);
});

// Walk-through 31 looked in `vlab --help` for how to size its own study: the power line named t tests and proportions
// only, and `--study` (simulated waves of the study's design, analysed by its plan) hid in `vlab power --help`.
test("vlab --help's power line names the study's simulated power (--study) beside the formulas", () => {
  const line = help('').slice(help('').indexOf('  power [options]'), help('').indexOf('  estimates [options]'));
  assert.match(line, /--study/, line);
});

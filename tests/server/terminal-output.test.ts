// Attacker pass 14 (2026-12-04): a study definition is text a colleague or a student may have written, and its
// titles and labels reached the researcher's terminal as they were. `vlab study list` printed a title holding
// `ESC[2J` (clear the screen), `ESC]0;…BEL` (retitle the window) and `ESC]8;;https://…BEL` (a link to anywhere),
// and `vlab estimates --format table` the same in a level's label, with its line breaks starting lines of their own.
// Every character a terminal acts on is now shown as its escape (`\u001b`), line breaks in a cell or label too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { terminalText } from '../../analysis/terminal-text.ts';
import { replicationScript } from '../../server/domain/plan/replication-script.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { openStore } from '../../server/storage/open-store.ts';
import { seedAllianceWave } from './estimates-support.ts';
import { alliance } from './plan-support.ts';
import { createTestLocation } from './test-app.ts';

const HOSTILE = '\u001b[2J\u001b]0;OWNED\u0007\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007\u009b31m\u202eevil\nsecond line';
/** What a terminal would act on: C0 controls but the line break, DEL, C1, bidi overrides and isolates. */
const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const hostile: StudyDefinition = structuredClone(alliance);
hostile.title = `${HOSTILE} ${alliance.title as string}`;
const behavior = hostile.factors.find((f) => f.name === 'behavior')!;
behavior.label = `${HOSTILE} ${behavior.label}`;
for (const level of behavior.levels) level.label = `${HOSTILE} ${level.label}`;

const { location: dbPath, remove } = await createTestLocation();
const emptyDefinitions = mkdtempSync(join(tmpdir(), 'vlab-terminal-defs-'));
let waveId = '';
after(async () => {
  rmSync(emptyDefinitions, { recursive: true, force: true });
  await remove();
});

before(async () => {
  const store = await openStore(dbPath);
  const studies = createStudyService({ store });
  await studies.syncDefinitions([hostile]);
  waveId = (await studies.createWave({ studyKey: hostile.id, target: 1502, seed: 'hostile' })).wave.id;
  await seedAllianceWave(store, hostile, waveId);
  await store.close();
});

const vlab = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/vlab.js', ...args, '--db', dbPath], { encoding: 'utf8', env: { ...process.env, VLAB_DEFINITIONS: emptyDefinitions } });

test('vlab study list shows a title\'s escape sequences as text, on the study\'s one line', () => {
  const run = vlab('study', 'list');
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stdout, ACTING);
  // The study is only in the database (VLAB_DEFINITIONS is an empty folder): listed apart under a sentence saying so
  // (researcher pass 16), then the table's header and the study's one line.
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3, 'the sentence, a header and the study\'s line');
  assert.match(lines[0]!, /^1 study in the database is not in .* \(VLAB_DEFINITIONS\)/);
  assert.ok(lines[2]!.includes('\\u001b[2J\\u001b]0;OWNED\\u0007'), lines[2]);
  assert.ok(lines[2]!.includes('\\u202eevil\\nsecond line'), lines[2]);
});

test('vlab estimates --format table (and --wide) shows a label\'s escape sequences as text', () => {
  for (const wide of [[], ['--wide']]) {
    const run = vlab('estimates', `--wave=${waveId}`, '--format', 'table', ...wide);
    assert.equal(run.status, 0, run.stderr);
    assert.doesNotMatch(run.stdout, ACTING, `--format table ${wide.join(' ')}`);
    assert.ok(run.stdout.includes('\\u001b]8;;https://evil.example/\\u0007click'), 'the label is there, as text');
    const lines = run.stdout.split('\n');
    const broken = lines.flatMap((line, i) => (line.startsWith('second line') ? [`${lines[i - 1]}⏎${line}`] : []));
    assert.deepEqual(broken, [], 'a label\'s line break starts no line of its own');
  }
});

test('replicate.R writes a description\'s escape sequences as escapes: `cat replicate.R` shows what R runs', () => {
  const described = structuredClone(hostile);
  described.analysisPlan.hypotheses[0]!.description = `${HOSTILE} \u001b[8mhidden`;
  const script = replicationScript(described, { wave: 'w', planHash: 'h' });
  assert.doesNotMatch(script, ACTING);
  assert.ok(script.includes('# H1: \\u001b[2J\\u001b]0;OWNED\\u0007'), 'the description is in its comment, as text');
});

test('terminalText keeps line breaks of a message of several lines when asked, and escapes everything else', () => {
  assert.equal(terminalText('a\u001b[2J\nb\tc\u009b'), 'a\\u001b[2J\\nb\\tc\\u009b');
  assert.equal(terminalText('a\u001b[2J\nb', { lineBreaks: 'keep' }), 'a\\u001b[2J\nb');
  assert.equal(terminalText('Opinions about US security — ünïcode ✓'), 'Opinions about US security — ünïcode ✓');
});

// A respondent's free-text answer, or a study's label in the codebook, may hold what a terminal acts on, and `vlab
// export` (or any verb) without --out writes to standard output: on a terminal, what it shows is made safe as in
// the tables above (the C1 CSI U+009B and the bidi override survive JSON's escaping); in a pipe or a file the bytes
// stay the data's own. The terminal is util-linux's `script` (a pty), as in long-cli-progress.test.ts.
test('vlab export to a terminal shows acting characters as escapes; to a pipe it writes the bytes as they are', () => {
  const args = ['export', `--wave=${waveId}`, '--format', 'codebook', '--db', dbPath];
  const command = ['node', 'bin/vlab.js', ...args].map((s) => `'${s.replace(/'/g, `'\\''`)}'`).join(' ');
  const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, VLAB_DEFINITIONS: emptyDefinitions } });
  assert.equal(onTerminal.status, 0, onTerminal.stdout);
  assert.ok(onTerminal.stdout.includes('\\u009b31m\\u202eevil'), 'the C1 CSI and the override shown as text');
  // The pty turns each \n into \r\n (its own line discipline): those are the only control characters left.
  assert.doesNotMatch(onTerminal.stdout.replace(/\r\n/g, '\n'), ACTING);
  const piped = vlab(...args.slice(0, -2));
  assert.equal(piped.status, 0, piped.stderr);
  assert.ok(piped.stdout.includes('\u009b31m\u202eevil'), 'a pipe gets the data as it is');
});

test('terminalSafe keeps CSV\'s CRLF across chunk ends, decodes UTF-8 split between chunks, and escapes a lone CR', async () => {
  const { terminalSafe } = await import('../../server/cli/commands/terminal-stream.ts');
  const bytes = Buffer.from('a,"é\u001b[2J"\r\nb,\u202e\rc\r\n', 'utf8');
  const at = [4, 9, 15, bytes.length - 1]; // inside é, inside ESC[2J, after the first CR, before the last LF
  const chunks = [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length));
  const stream = terminalSafe();
  let shown = '';
  stream.on('data', (text: Buffer | string) => (shown += text.toString()));
  for (const chunk of chunks) stream.write(chunk);
  await new Promise((resolve) => stream.end(resolve));
  assert.equal(shown, 'a,"é\\u001b[2J"\r\nb,\\u202e\\rc\r\n');
});

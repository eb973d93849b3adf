// `vlab amce`, `mm`, `mm-diff` and `amce-diff` on a wave's profiles.csv hold every complete, also those the plan's
// exclusions leave out (attention_pass 0), so `vlab mm --by party` as the README writes it gave other marginal means
// than `vlab estimates` without a word, and none of the four took a condition to keep the plan's rows (newcomer
// walk-through 24: 0.572 against the plan's 0.573). `--subset "attention_pass == 1"` keeps the rows where an R
// condition is TRUE, as filtering the data does (cregg's advice), and then equals the plan's estimates.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { amce, csvFromRecords, type Row } from '../../analysis/index.ts';
import { executeConjointPlan } from '../../server/domain/plan/execute-conjoint-plan.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';
import { seededRandom } from './support.ts';
import { vlabInProcess } from './vlab-in-process.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(join(tmpdir(), 'vlab-conjoint-subset-'));
const flagship = loadDefinitionFiles(join(repo, 'survey-definitions')).find((d) => d.id === 'alliance-partner-conjoint')!;
const levels = Object.fromEntries(flagship.factors.map((f) => [f.name, f.levels.map((l) => l.code)]));
const levelsFile = join(scratch, 'levels.json');
writeFileSync(levelsFile, JSON.stringify({ ...levels, party: ['democrat', 'independent', 'republican'] }));

/** 120 participants × 5 tasks × 2 profiles drawn with seed 24; every fifth fails the attention check. */
function wave(): { rows: Row[]; profiles: Row[] } {
  const random = seededRandom(24);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const rows: Row[] = [];
  const profiles: Row[] = [];
  for (let p = 1; p <= 120; p++) {
    const wide = { participant: `p${p}`, party: pick(['democrat', 'independent', 'republican']), attention_pass: p % 5 === 0 ? 0 : 1 };
    rows.push(wide);
    for (let task = 1; task <= 5; task++) {
      const chosen = pick([1, 2]);
      for (const side of [1, 2]) {
        const profile: Record<string, string | number> = { participant: wide.participant, task, profile: side };
        for (const [name, codes] of Object.entries(levels)) profile[name] = pick(codes);
        if (profile.behavior === 'evict_troops') profile.troops = 'stationed';
        const lean = (profile.regime === 'autocracy' ? 0.3 : 0) + (wide.attention_pass ? 0 : 0.4);
        profiles.push({ ...profile, chosen: side === chosen ? 1 : 0, support_aid_cut: Math.min(5, 1 + Math.floor(random() * 4 + lean * 3)), party: wide.party, attention_pass: wide.attention_pass });
      }
    }
  }
  return { rows, profiles };
}

const { rows, profiles } = wave();
const data = join(scratch, 'profiles.csv');
writeFileSync(data, csvFromRecords(profiles, Object.keys(profiles[0]!)));

/** `vlab ...args`, run in this process (vlab-in-process.ts); vlab-bin.test.ts checks the built command. */
function vlab(args: string[]) {
  return vlabInProcess(args);
}

test('vlab mm --subset "attention_pass == 1" on the profile rows equals the plan\'s marginal means by party (its exclusions)', async () => {
  const plan = executeConjointPlan({ definition: flagship, rows, profiles });
  assert.equal(plan.nExcluded, 24);
  const h2 = plan.estimates.filter((e) => e.hypothesis === 'H2');
  const run = await vlab(['mm', '--data', data, '--formula', 'chosen ~ regime + behavior', '--id', 'participant', '--by', 'party', '--h0', '0.5', '--levels', levelsFile, '--subset', 'attention_pass == 1', '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  const printed = (JSON.parse(run.stdout) as { estimates: { BY: string; feature: string; level: string; estimate: number; std_error: number; p: number }[]; respondents: number });
  assert.equal(printed.respondents, 96);
  assert.equal(printed.estimates.length, h2.length);
  for (const row of printed.estimates) {
    const planned = h2.find((e) => e.term === `${row.feature}${row.level}:party${row.BY}`)!;
    assert.ok(planned, `${row.feature} ${row.level} ${row.BY}`);
    assert.ok(Math.abs(row.estimate - planned.estimate!) <= 1e-12, `${planned.term}: ${row.estimate} vs ${planned.estimate}`);
    assert.ok(Math.abs(row.std_error - planned.std_error!) <= 1e-12, `${planned.term} SE`);
  }
  // Without it, every complete's rows: other numbers, which the README now says.
  const all = await vlab(['mm', '--data', data, '--formula', 'chosen ~ regime', '--id', 'participant', '--by', 'party', '--levels', levelsFile, '--format', 'json']);
  assert.equal((JSON.parse(all.stdout) as { respondents: number }).respondents, 120);
  // And a line on stderr says so, with the --subset that keeps the plan's rows (walk-through 28: only the README did).
  assert.equal(all.stderr, 'vlab mm: the data include 24 respondents who failed the attention check (attention_pass 0); a plan that excludes them (vlab estimates) keeps --subset "attention_pass == 1"\n');
  assert.equal(run.stderr, '', 'nothing said with --subset');
});

test('vlab amce --subset equals amce on the kept rows; a condition that is no condition, or names no column, is one line', async () => {
  const run = await vlab(['amce', '--data', data, '--formula', 'support_aid_cut ~ regime + behavior * troops', '--id', 'participant', '--levels', levelsFile, '--subset', 'attention_pass == 1 & party != "republican"', '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  const kept = profiles.filter((p) => p.attention_pass === 1 && p.party !== 'republican');
  const direct = amce({ formula: 'support_aid_cut ~ regime + behavior * troops', rows: kept, id: 'participant', levels });
  const printed = (JSON.parse(run.stdout) as { estimates: { estimate: number | null }[]; nobs: number });
  assert.equal(printed.nobs, direct.nobs);
  printed.estimates.forEach((row, k) => assert.equal(row.estimate, direct.estimates[k]!.estimate));
  const notCondition = await vlab(['amce', '--data', data, '--formula', 'chosen ~ regime', '--id', 'participant', '--subset', 'task']);
  assert.equal(notCondition.status, 2, notCondition.stderr);
  assert.match(notCondition.stderr, /subset "task" is not TRUE or FALSE for each row/);
  assert.doesNotMatch(notCondition.stderr, /\n\s+at /, 'no stack trace');
  const noColumn = await vlab(['mm', '--data', data, '--formula', 'chosen ~ regime', '--id', 'participant', '--subset', 'attention == 1']);
  assert.equal(noColumn.status, 2, noColumn.stderr);
  assert.match(noColumn.stderr, /^vlab mm: subset references unknown column "attention" \(columns containing it: "attention_pass"\)$/m);
  const none = await vlab(['mm', '--data', data, '--formula', 'chosen ~ regime', '--id', 'participant', '--subset', 'task > 9']);
  assert.equal(none.status, 2, none.stderr);
  assert.match(none.stderr, /--subset "task > 9" keeps none of the 1200 rows/);
});

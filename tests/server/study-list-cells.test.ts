// Attacker pass 12 (2026-12-04): `vlab study list` printed a large conjoint's profile count as 1.68e+36 (the table's
// six significant digits); counts now read as grouped digits, or past 2^53 as a rounded power of ten.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { countForReading } from '../../server/cli/count-for-reading.ts';

const dir = mkdtempSync(join(tmpdir(), 'vlab-study-cells-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('counts for reading: as they are, grouped, or past 2^53 a power of ten', () => {
  assert.equal(countForReading(176), '176');
  assert.equal(countForReading(102_400_000_000), '102,400,000,000');
  assert.equal(countForReading(2 ** 53 - 1), '9,007,199,254,740,991');
  assert.equal(countForReading(20 ** 28), 'about 2.68 × 10^36');
  assert.equal(countForReading(9.996e20), 'about 1 × 10^21');
});

test('vlab study list prints a conjoint of 176 × 20^27 profiles as a power of ten, not 2.36e+37', () => {
  const defs = join(dir, 'defs');
  cpSync('survey-definitions/alliance-partner-conjoint', join(defs, 'alliance-partner-conjoint'), { recursive: true });
  const file = join(defs, 'alliance-partner-conjoint', 'study.json');
  const study = JSON.parse(readFileSync(file, 'utf8'));
  const levels = Array.from({ length: 20 }, (_, i) => ({ code: `l${i}`, label: `L${i}`, text: `t${i}` }));
  // 27 more attributes of 20 levels: 176 × 20^27 allowed profiles of 192 × 20^27.
  for (let k = 0; k < 27; k++) study.factors.push({ name: `extra_${k}`, label: `Extra ${k}`, text: `Extra ${k}`, levels });
  writeFileSync(file, JSON.stringify(study, null, 2));
  const run = spawnSync(process.execPath, ['bin/vlab.js', 'study', 'list', '--db', join(dir, 'cells.sqlite')], {
    encoding: 'utf8', env: { ...process.env, VLAB_DEFINITIONS: defs }, timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr + run.stdout);
  assert.match(run.stdout.split('\n')[1]!, /^alliance-partner-conjoint +v1 +about 2\.36 × 10\^37 of about 2\.58 × 10\^37 +0 +/);
  assert.doesNotMatch(run.stdout, /e\+/);
  // Walk-through 28: "176 of 192" under "cells", where the dashboard says a conjoint has no cells, was not explained.
  assert.match(run.stdout, /\ncells of a conjoint \(alliance-partner-conjoint\): the profiles its restrictions allow, of every combination of its attributes; a task draws them, there are no cells to fill\n$/);
});

// `vlab rake --margins population-margins.json` where `noPopulationShare` lists answers with no population figure
// (nonbinary, prefer not to say): each keeps its share as the design raking starts from estimates it, and the
// margins divide the rest. survey::rake refuses such a level without a target ("Strata in sample absent from
// population"), so R's reference gives it that share: Rscript tests/analysis/r/rake-no-population-share.R —
// rake(svydesign(ids = ~1, data = d, weights = ~1 or ~base), list(~gender, ~education), pop) with the unshared
// answers' targets from svymean(~gender, design).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rowsFromCsv } from '../../analysis/index.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (file: string) => join(repo, 'tests/analysis/fixtures', file);
const scratch = mkdtempSync(join(tmpdir(), 'vlab-rake-unshared-'));
const margins = join(scratch, 'population-margins.json');
// A study's population-margins.json as it is (the margins of rake-no-population-share.R).
writeFileSync(margins, JSON.stringify({
  source: 'test',
  margins: { gender: { female: 0.51, male: 0.49 }, education: { no_college: 0.62, college: 0.38 } },
  noPopulationShare: { gender: ['nonbinary', 'prefer_not_to_say'] },
}));
const expected = rowsFromCsv(readFileSync(fixture('rake_unshared.expected.csv'), 'utf8'));

function rakedWeights(extra: string[]): number[] {
  const result = spawnSync(process.execPath, [join(repo, 'bin/vlab.js'), 'rake', '--data', fixture('rake_unshared.csv'), '--margins', margins, '--id', 'id', ...extra], {
    encoding: 'utf8',
    cwd: repo,
  });
  assert.equal(result.status, 0, result.stderr);
  return rowsFromCsv(result.stdout).map((row, i) => {
    assert.equal(row.id, expected[i].id);
    return row.weight as number;
  });
}

function assertWeights(got: number[], column: 'weight' | 'weight_from_base'): void {
  assert.equal(got.length, expected.length);
  got.forEach((w, i) => assert.ok(Math.abs(w - (expected[i][column] as number)) < 1e-9, `${expected[i].id}: ${w} vs R's ${expected[i][column]}`));
}

test('from weight 1, the unshared answers keep their sample share: survey::rake\'s weights', () => {
  assertWeights(rakedWeights([]), 'weight');
});

test('from base weights, the unshared answers keep their base-weighted share (svymean on the design), not the unweighted one', () => {
  assertWeights(rakedWeights(['--weights', 'base']), 'weight_from_base');
});

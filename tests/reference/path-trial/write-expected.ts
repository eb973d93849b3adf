// Writes the path trial's R output (expected.json.gz): for each seed, the case's replication package in a
// temporary folder, run by Rscript replicate.R (estimatr, survey, p.adjust), whose recomputed table
// (estimates-r.csv) is stored with the inputs' hash. Prints each case's replicate.R verdict.
//   node --import tsx tests/reference/path-trial/write-expected.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rowsFromCsv } from '../../../analysis/index.ts';
import { pathPackage } from './package-files.ts';
import { pathCase, PATH_TRIAL_SEEDS } from './random-plans.ts';

const here = dirname(fileURLToPath(import.meta.url));
const stored: Record<string, unknown> = {};
for (let seed = 1; seed <= PATH_TRIAL_SEEDS; seed++) {
  const c = pathCase(seed);
  const pkg = pathPackage(c);
  const dir = mkdtempSync(join(tmpdir(), `path-trial-${seed}-`));
  for (const [name, text] of Object.entries(pkg.files)) writeFileSync(join(dir, name), text);
  const run = spawnSync('Rscript', ['replicate.R'], { cwd: dir, encoding: 'utf8' });
  const verdict = run.stdout.split('\n').filter((line) => /MISMATCH|largest difference from|not estimable/.test(line));
  process.stdout.write(`seed ${seed} ${c.study} n ${c.target}: exit ${run.status} ${verdict.join(' | ')}${run.status === 0 ? '' : `\n${run.stderr.slice(-400)}`}\n`);
  const rows = rowsFromCsv(readFileSync(join(dir, 'estimates-r.csv'), 'utf8'));
  stored[seed] = { study: c.study, input_hash: pkg.inputHash, estimates: rows };
  rmSync(dir, { recursive: true, force: true });
}
writeFileSync(join(here, 'expected.json.gz'), gzipSync(JSON.stringify(stored)));
process.stdout.write(`write-expected: ${PATH_TRIAL_SEEDS} cases in ${join(here, 'expected.json.gz')}\n`);

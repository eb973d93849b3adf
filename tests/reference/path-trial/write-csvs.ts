// Writes the CSV half of the path trial's inputs for cli.R: OUTDIR/<seed>.csv and OUTDIR/cases.json.
//   node --import tsx tests/reference/path-trial/write-csvs.ts OUTDIR && Rscript tests/reference/path-trial/cli.R OUTDIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvCase, CSV_TRIAL_SEEDS, LABELS } from './random-csvs.ts';

const outdir = process.argv[2];
if (!outdir) {
  process.stderr.write('write-csvs: give the output folder\n');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
const cases = [];
for (let seed = 1; seed <= CSV_TRIAL_SEEDS; seed++) {
  const c = csvCase(seed);
  writeFileSync(join(outdir, `${seed}.csv`), c.csv);
  cases.push({ seed, verb: c.verb, ...c.r });
}
writeFileSync(join(outdir, 'cases.json'), JSON.stringify({ levels: LABELS, cases }, null, 1));
process.stdout.write(`write-csvs: ${cases.length} files in ${outdir}\n`);

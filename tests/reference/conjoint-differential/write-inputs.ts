// Writes the conjoint differential suite's inputs for R (conjoint.R): OUTDIR/cases.json (every case with its
// design's levels and probabilities and its input hash) and OUTDIR/<design>.csv.
//   node --import tsx tests/reference/conjoint-differential/write-inputs.ts OUTDIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { conjointSuite, caseHash } from './suite.ts';

const outdir = process.argv[2];
if (!outdir) {
  process.stderr.write('write-inputs: give the output folder\n');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
const designs = conjointSuite();
for (const d of designs) writeFileSync(join(outdir, `${d.id}.csv`), d.csv);
const cases = designs.flatMap((d) => d.cases.map((c) => ({ ...c, levels: d.levels ?? null, probabilities: d.probabilities, data_file: `${d.id}.csv`, input_hash: caseHash(c, d) })));
writeFileSync(join(outdir, 'cases.json'), JSON.stringify(cases, null, 1));
process.stdout.write(`write-inputs: ${cases.length} cases, ${designs.length} designs in ${outdir}\n`);

// Writes the differential suite's inputs for R: OUTDIR/cases.json (every case with its input hash and, for
// data cases, the CSV file name) and OUTDIR/<data>.csv. Run by tests/reference/generate.R:
//   node --import tsx tests/reference/differential/write-inputs.ts OUTDIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataText, differentialSuite, inputHash } from './suite.ts';

const outdir = process.argv[2];
if (!outdir) {
  process.stderr.write('write-inputs: give the output folder\n');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
const suite = differentialSuite();
const texts = new Map(suite.data.map((data) => [data.id, dataText(data)]));
for (const [id, text] of texts) writeFileSync(join(outdir, `${id}.csv`), text);
const cases = suite.cases.map((c) => {
  const csv = 'data' in c ? texts.get(c.data) : undefined;
  return { ...c, input_hash: inputHash(c, csv), ...('data' in c ? { data_file: `${c.data}.csv` } : {}) };
});
writeFileSync(join(outdir, 'cases.json'), JSON.stringify(cases, null, 1));
process.stdout.write(`write-inputs: ${cases.length} cases, ${texts.size} data sets in ${outdir}\n`);

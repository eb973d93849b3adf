// Export streaming at scale, printed as figures (never pass/fail). A wave of N completed participants (answers,
// derived columns and quality flags, as real completes have) is written straight into a temporary database in
// big transactions; then each export runs in a child process of its own, so that its peak RSS
// (process.resourceUsage().maxRSS, or /usr/bin/time's for the CLI) is the export's alone:
//   - the export service as the app wires it (with the flag_* columns), streaming into a file;
//   - `vlab export --format csv --out FILE`, the command researchers run, when it is available.
//
//   npm run bench:export                                   1,000,000 participants, csv
//   npm run bench:export -- --rows 100000 --formats csv,long-csv,json      (or BENCH_ROWS=100000)
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createExportService, EXPORT_FORMATS, type ExportFormat } from '../server/services/export-service.ts';
import { createQualityFlagService } from '../server/services/quality-flag-service.ts';
import { openDatabase } from '../server/storage/db.ts';
import { createSqliteStore } from '../server/storage/sqlite-store.ts';
import { GENERATE_BATCH, generateCompletedWave } from './lib/generate-wave.ts';
import { machineLine } from './lib/machine.ts';
import { intOption } from './lib/options.ts';

interface ExportFigures {
  rows: number;
  bytes: number;
  seconds: number;
  peakRssMb: number;
}

/** Child: one export of the wave into a file, as `createApp` wires the service (quality flags included). */
async function runChild(dbPath: string, waveId: string, format: ExportFormat, out: string): Promise<void> {
  const db = openDatabase(dbPath);
  const store = createSqliteStore(db);
  const repos = store.repos;
  const exports = createExportService({ store, flags: createQualityFlagService().exportSource(repos) });
  const start = performance.now();
  await pipeline((await exports.file(waveId, format)).stream(), createWriteStream(out));
  const seconds = (performance.now() - start) / 1000;
  db.close();
  const figures: ExportFigures = { rows: NaN, bytes: statSync(out).size, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

/** Lines of a file minus the header: the rows of a CSV whose cells hold no line breaks (true of the generated data). */
async function csvRows(file: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return lines - 1;
}

function row(what: string, n: number, f: ExportFigures, target: string): string {
  return [
    what.padEnd(26),
    String(n).padStart(9),
    String(f.rows).padStart(9),
    (f.bytes / 2 ** 20).toFixed(0).padStart(8),
    f.seconds.toFixed(1).padStart(7),
    (f.rows / f.seconds).toFixed(0).padStart(8),
    f.peakRssMb.toFixed(0).padStart(13),
    ` ${target}`,
  ].join('  ');
}

/** `vlab export` under /usr/bin/time (its max RSS), if this checkout has the command. */
function runCli(dbPath: string, waveId: string, out: string): Omit<ExportFigures, 'rows'> | string {
  if (!existsSync('/usr/bin/time')) return 'no /usr/bin/time';
  if (spawnSync(process.execPath, ['bin/vlab.js', 'export', '--help'], { stdio: 'ignore' }).status !== 0) return 'no `vlab export` command';
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'maxrss_kb=%M', process.execPath, 'bin/vlab.js', 'export', `--wave=${waveId}`, '--format', 'csv', '--status', 'all', '--out', out, '--db', dbPath], {
    encoding: 'utf8',
  });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0) return `vlab export failed: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`;
  return { bytes: statSync(out).size, seconds, peakRssMb: Number(/maxrss_kb=(\d+)/.exec(r.stderr)![1]) / 1024 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    await runChild(args[1]!, args[2]!, args[3] as ExportFormat, args[4]!);
    return;
  }
  // `npm run bench:export -- 200000` (a bare N) is kept for those used to it.
  const n = /^\d+$/.test(args[0] ?? '') ? Number(args[0]) : intOption('rows', 'BENCH_ROWS', 1_000_000);
  const formatsFlag = args.indexOf('--formats');
  const formats = (formatsFlag >= 0 ? args[formatsFlag + 1]! : process.env.BENCH_FORMATS ?? 'csv').split(',') as ExportFormat[];
  const unknown = formats.find((f) => !EXPORT_FORMATS.includes(f));
  if (unknown) throw new Error(`--formats: unknown format "${unknown}" (expected ${EXPORT_FORMATS.join(', ')})`);

  console.log(`export benchmark — ${machineLine()}`);
  const scratch = mkdtempSync(join(tmpdir(), 'vlab-bench-export-'));
  try {
    const dbPath = join(scratch, 'bench.sqlite');
    const t0 = performance.now();
    const waveId = await generateCompletedWave(dbPath, n);
    console.log(`${n} completed participants generated in ${((performance.now() - t0) / 1000).toFixed(1)} s (${GENERATE_BATCH}-row transactions); database ${(statSync(dbPath).size / 2 ** 20).toFixed(0)} MB`);
    console.log('export                     participants      rows      MB  time (s)   rows/s  peak RSS (MB)  target');
    const self = fileURLToPath(import.meta.url);
    for (const format of formats) {
      const out = join(scratch, `export.${format}`);
      const child = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', dbPath, waveId, format, out], { encoding: 'utf8' });
      if (child.status !== 0) {
        console.log(`service ${format}: failed\n${child.stderr}`);
        process.exitCode = 1;
        continue;
      }
      const figures = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ExportFigures;
      figures.rows = format === 'json' ? n : await csvRows(out);
      console.log(row(`service → file, ${format}`, n, figures, format === 'csv' ? 'streaming, peak RSS < 300 MB' : ''));
      rmSync(out, { force: true });
    }
    const cliOut = join(scratch, 'cli.csv');
    const cli = runCli(dbPath, waveId, cliOut);
    if (typeof cli === 'string') console.log(`vlab export, csv: not run (${cli})`);
    else console.log(row('vlab export --out, csv', n, { ...cli, rows: await csvRows(cliOut) }, 'streaming, peak RSS < 300 MB'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();

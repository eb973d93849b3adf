import { statSync } from 'node:fs';
import { codedOutcomeCoding } from '../domain/plan/coded-outcomes.ts';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { csvFromRecords } from '../../analysis/index.ts';
import { conjointProfileColumns } from '../domain/export/conjoint-rows.ts';
import { spreadsheetSafeRows } from '../domain/export/spreadsheet-safe.ts';
import type { ColumnSpec, WideRow } from '../domain/export/wave-columns.ts';
import { DomainError } from '../domain/errors.ts';
import { planEstimatesCsv } from '../domain/plan/estimates-csv.ts';
import { planLevels } from '../domain/plan/plan-columns.ts';
import { REPLICATION_FILES, replicationScript } from '../domain/plan/replication-script.ts';
import { conjointReadmeLines } from '../domain/plan/replication-readme-conjoint.ts';
import { standardErrorReadmeLines } from '../domain/plan/standard-error-words.ts';
import { perRespondent } from '../domain/repeated-vignettes.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import { makeFolder } from '../storage/make-folder.ts';
import { writeFileWhole } from '../storage/output-files.ts';
import { occupiedFolder, writeFolderWhole, type FolderFile } from '../storage/output-folder.ts';
import { collect, type Store } from '../storage/store.ts';
import { createEstimatesService, type EstimatesProgress, type EstimatesService } from './estimates-service.ts';
import { createExportService, type ExportService } from './export-service.ts';
import { waveAndStudy } from './wave-lookup.ts';

/** One file of the package: its name and a fresh stream of its bytes. */
export type PackageFile = FolderFile;

/** Told as the package is made: the estimates' progress, then each row of the data file as it is written. */
export interface ReplicationProgress extends EstimatesProgress {
  /** A row of data.csv taken by the zip or the folder's file: `written` of `total` (the rows read). */
  onRowWritten?: (written: number, total: number) => void;
}

/** The rows, walked afresh by each stream of the data file, telling `onRow` of each as the stream takes it. */
function countedRows(rows: readonly WideRow[], onRow?: (written: number, total: number) => void): Iterable<WideRow> {
  if (!onRow) return rows;
  return {
    *[Symbol.iterator]() {
      for (const [i, row] of rows.entries()) {
        onRow(i + 1, rows.length);
        yield row;
      }
    },
  };
}

/** A regular file readable and writable by its owner only: unzip restores the stored mode whatever the umask. */
const OWNER_ONLY_FILE = 0o100600;

/**
 * The zip of the package, the same bytes for the same files: each entry stamped `stamp`, not the time it was made
 * (yazl's default), so that a researcher who checksums the package for a journal gets one hash per wave and plan.
 * Only the DOS date and time are written (no extended timestamp field, which holds a UTC instant), set to `stamp`'s
 * UTC wall-clock time: DOS times carry no zone, and yazl reads them off a Date in the process's zone, so the Date
 * passed has that zone's fields equal to the UTC ones — the bytes are then the same on a server in any zone (but for a
 * stamp inside a zone's daylight-saving gap, which that zone cannot show).
 */
function zipOf(files: readonly PackageFile[], stamp: Date): Readable {
  const zip = new yazl.ZipFile();
  const mtime = new Date(stamp.getUTCFullYear(), stamp.getUTCMonth(), stamp.getUTCDate(), stamp.getUTCHours(), stamp.getUTCMinutes(), stamp.getUTCSeconds());
  // The package holds every respondent's answers (its panel IDs are left out): unzipped, its files are 0600 as those of `--out DIR` are (yazl's default is 0664).
  for (const f of files) zip.addReadStream(f.stream(), f.name, { mode: OWNER_ONLY_FILE, mtime, forceDosTimestamp: true });
  zip.end();
  return zip.outputStream as Readable;
}

/** Zip's earliest time (1980-01-01 00:00), the stamp of a package without completes. */
const NO_COMPLETES_STAMP = new Date(Date.UTC(1980, 0, 1));

/** When the package's data was last added to: its latest completion (completed_at, UTC), else NO_COMPLETES_STAMP. */
function latestCompletion(rows: readonly WideRow[]): Date {
  // A loop, not Math.max(...times): a wave of a million rows is past the arguments a call may take.
  let latest = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    const time = Date.parse(String(row.completed_at));
    if (time > latest) latest = time;
  }
  return Number.isFinite(latest) ? new Date(latest) : NO_COMPLETES_STAMP;
}

/**
 * profiles.csv: the profile rows the conjoint estimates used (copied: they are not changed), spreadsheet-safe as
 * data.csv and the export's profiles-csv are; replicate.R takes the guard off declared codes (readCsvLines). Written
 * bare, a free-text covariate `=HYPERLINK(…)` was a formula in the researcher's spreadsheet (attacker pass 40).
 */
function profilesCsv(profiles: readonly WideRow[], columns: readonly ColumnSpec[]): string {
  const safe = spreadsheetSafeRows(columns);
  return csvFromRecords(profiles.map((row) => safe({ ...row })), columns.map((c) => c.name));
}

const text = (name: string, content: string): PackageFile => ({ name, stream: () => Readable.from([content]) });

/**
 * A wave's replication package: the completed participants' data (the export's CSV) and codebook, the
 * estimates, the locked plan and an R script (estimatr) that recomputes the estimates from the CSV and checks
 * them against estimates.csv. Written to a folder or streamed as a zip.
 */
/** How the data file lays out each participant. */
function rowsEach(def: StudyDefinition): string {
  const m = perRespondent(def);
  return m > 1 ? `one row per participant × vignette (${m} each; estimates cluster by \`participant\`)` : 'one row each';
}

// Whole on purpose (~85 lines): a factory whose body is its methods, each short, sharing the export and estimates services.
export function createReplicationService(deps: { store: Store; exports?: ExportService; estimates?: EstimatesService }) {
  const exports = deps.exports ?? createExportService(deps);
  const estimates = deps.estimates ?? createEstimatesService({ ...deps, exports });

  /**
   * The package's files. The data file is written from the very rows the estimates were computed from (read
   * once), so `replicate.R` reproduces estimates.csv even while the wave is still filling.
   */
  async function packageFiles(waveId: string, progress: ReplicationProgress = {}): Promise<{ files: PackageFile[]; stamp: Date }> {
    const complete = { statuses: ['complete'] as const };
    const rows = await collect(await exports.iterateWaveRows(waveId, { ...complete, onParticipant: progress.onParticipant }));
    const { definition } = await estimates.wavePlan(waveId);
    // A conjoint's profile rows, read once too: profiles.csv holds exactly what its estimates were computed from.
    const conjoint = definition.design?.kind === 'conjoint';
    const profiles = conjoint ? await collect(await exports.iterateProfileRows(waveId, complete)) : undefined;
    const result = await estimates.estimatesOf(waveId, rows, profiles, progress.onFitted);
    // Prepared now (their wave is checked here), streamed when the zip or the folder asks for them.
    // Without the panel IDs: a package is made to be published (export-service.ts, withoutPanelIds).
    const shared = { ...complete, withoutPanelIds: true };
    const dataFile = await exports.file(waveId, 'csv', shared, countedRows(rows, progress.onRowWritten));
    const codebookFile = await exports.file(waveId, 'codebook', shared);
    const plan = {
      wave: result.wave,
      study: result.study,
      studyVersion: result.studyVersion,
      planHash: result.planHash,
      levels: planLevels(definition),
      populationMargins: definition.populationMargins ?? null,
      analysisPlan: definition.analysisPlan,
    };
    const readme = [
      `# Replication package: wave ${result.wave} (${result.study} v${result.studyVersion})`,
      '',
      `- \`${REPLICATION_FILES.data}\`: the ${result.nComplete} completed participants, ${rowsEach(definition)} (column meanings in \`${REPLICATION_FILES.codebook}\`).`,
      `- \`${REPLICATION_FILES.estimates}\`: the estimates under the pre-registered plan (plan hash \`${result.planHash}\`).`,
      `- \`${REPLICATION_FILES.plan}\`: the plan as locked when the wave launched, with the factor levels (first = reference).`,
      `- \`${REPLICATION_FILES.script}\`: recomputes every estimate from the CSV with R's estimatr and compares with estimates.csv:`,
      '  `Rscript replicate.R` prints each hypothesis checked and the largest relative difference (absolute for a value near 0), names any row that differs,',
      '  and exits 1 if a difference exceeds 1e-6.',
      `- The panel IDs (\`panel_id\`, \`PROLIFIC_PID\`, \`workerId\` and the panel's other link parameters, \`panel_source\`, \`participant_ref\`) are left out, so that the package can be shared: \`vlab export\` has them.`,
      // A coded outcome is in the estimates but not in data.csv: say where it comes from.
      ...(definition.analysisPlan.codedOutcomes ?? []).map(
        (c) => `- \`${c.name}\` (an outcome of the estimates, not a column of ${REPLICATION_FILES.data}): ${codedOutcomeCoding(definition, c).replace(/; computed by .*$/, '')}; coded by the plan, and by replicate.R the same way.`,
      ),
      ...standardErrorReadmeLines(definition, result.weighted),
      ...(conjoint ? conjointReadmeLines(definition) : []),
      '',
    ].join('\n');
    const files = [
      { name: REPLICATION_FILES.data, stream: () => dataFile.stream() },
      { name: REPLICATION_FILES.codebook, stream: () => codebookFile.stream() },
      text(REPLICATION_FILES.estimates, planEstimatesCsv(result)),
      text(REPLICATION_FILES.plan, `${JSON.stringify(plan, null, 2)}\n`),
      text(REPLICATION_FILES.script, replicationScript(definition, { wave: result.wave, planHash: result.planHash })),
      text(REPLICATION_FILES.readme, readme),
      ...(profiles ? [text(REPLICATION_FILES.profiles, profilesCsv(profiles, conjointProfileColumns(definition, await exports.columns(waveId))))] : []),
    ];
    return { files, stamp: latestCompletion(rows) };
  }

  return {
    /** The package's base name, e.g. `alliance-corrective-measures-<wave>-replication`. */
    async packageName(waveId: string): Promise<string> {
      const { wave, study } = await waveAndStudy(deps.store.repos, waveId);
      return `${study.key}-${wave.id}-replication`;
    },

    /** The package as a zip stream; every file is computed before the first byte goes out. */
    async zipStream(waveId: string): Promise<Readable> {
      const { files, stamp } = await packageFiles(waveId);
      return zipOf(files, stamp);
    },

    /** Writes the package into `out`: a zip file when it ends in .zip, else a new or empty folder. */
    async write(waveId: string, out: string, progress?: ReplicationProgress): Promise<string[]> {
      const { files, stamp } = await packageFiles(waveId, progress);
      if (out.toLowerCase().endsWith('.zip')) {
        await writeFileWhole(out, zipOf(files, stamp));
        return files.map((f) => f.name);
      }
      if (statSync(out, { throwIfNoEntry: false })?.isDirectory() === false) throw new DomainError('invalid_input', `${out} is a file, not a folder; give a new folder or a .zip path`);
      const notEmpty = new DomainError('invalid_input', `${out} is not empty; give a new folder or a .zip path`);
      if (occupiedFolder(out)) throw notEmpty;
      // Its parents (0700); the package is written in a partial folder and moved into place whole (writeFolderWhole).
      makeFolder(dirname(resolve(out)), 0o700);
      await writeFolderWhole(out, files).catch((error: unknown) => {
        throw (error as NodeJS.ErrnoException).code === 'ENOTEMPTY' ? notEmpty : error;
      });
      return files.map((f) => f.name);
    },
  };
}
export type ReplicationService = ReturnType<typeof createReplicationService>;

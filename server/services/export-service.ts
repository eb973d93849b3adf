import { stringify } from 'csv-stringify';
import { pipeline, Readable } from 'node:stream';
import { buildCodebook } from '../domain/export/codebook.ts';
import { conjointProfileColumns } from '../domain/export/conjoint-rows.ts';
import { DomainError } from '../domain/errors.ts';
import { longColumnNames, longRows } from '../domain/export/long-rows.ts';
import { repeatedWideRows } from '../domain/export/repeated-rows.ts';
import { perRespondent } from '../domain/repeated-vignettes.ts';
import { spreadsheetSafeRows } from '../domain/export/spreadsheet-safe.ts';
import { batteries, waveColumns, type ColumnSpec, type WideRow } from '../domain/export/wave-columns.ts';
import { wideRow } from '../domain/export/wide-row.ts';
import type { ParticipantStatus } from '../domain/participant.ts';
import type { StoredVignette } from '../domain/participant-vignettes.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import { EXPORT_PAGE_ROWS, iterateExportRows, type ExportSourceRow } from '../storage/export-row-repository.ts';
import type { Store } from '../storage/store.ts';
import { iterateConjointProfileRows } from './conjoint-export.ts';
import { waveAndStudy } from './wave-lookup.ts';

import type { ExportFormat } from '../domain/export/export-formats.ts';
export { EXPORT_FORMATS, type ExportFormat } from '../domain/export/export-formats.ts';

/**
 * Where the data-quality flags (server/domain/quality-flags.ts: duplicate panel ID, speeder, straight-lining,
 * honeypot, failed attention check) plug in: their bare names (columns `flag_<name>`, after the derived columns)
 * and, once per export of a wave, a function giving one participant's values (what it needs of the whole wave,
 * such as the median duration, is read once, not per row). Without a source the export has no flag columns.
 */
export interface QualityFlagSource {
  names: readonly string[];
  forWave(waveId: string, def: StudyDefinition): Promise<(row: ExportSourceRow) => Promise<Record<string, number | null>>>;
}

export interface IterateOptions {
  /** Only participants with these statuses (default: all). */
  statuses?: readonly ParticipantStatus[];
  /** Told of each participant as their row is made (`vlab export` counts what it wrote by status). */
  onParticipant?: (status: ParticipantStatus) => void;
}

export interface FileOptions extends IterateOptions {
  /**
   * A long-csv of a study without an item battery is its header alone: `note` (the default) makes it with a note
   * for `vlab export` to print; `refuse` throws invalid_input, as the researcher API answers (a 422, no empty file).
   */
  withoutBattery?: 'note' | 'refuse';
  /**
   * Leave out the panel columns (role `panel`: panel_source, panel_id, participant_ref and the link's PROLIFIC_PID,
   * workerId, …), in the data and the codebook alike: a replication package is made to be shared, and a panel's
   * terms forbid sharing its participants' IDs.
   */
  withoutPanelIds?: boolean;
  /**
   * A CSV for Excel: the file starts with UTF-8's byte-order mark, without which Excel reads a CSV in the machine's
   * legacy code page ("SÃ­" for "Sí", question marks for Arabic). Its name ends `-excel.csv`. R's readr and
   * data.table skip the mark; base read.csv needs `fileEncoding = "UTF-8-BOM"`, so the plain file stays the default.
   * JSON has no byte-order mark (RFC 8259): asked of json or the codebook, it is refused.
   */
  excel?: boolean;
}

/** A download ready to stream: its file name and type, and a fresh stream of its bytes. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  stream(): Readable;
  /** A line for the researcher beside the file: a long-csv of a study without a battery is its header alone. */
  note?: string;
}

/**
 * A wave's data as rows and files. Every path reads the participants a page at a time (see
 * iterateExportRows) and every file is a stream with backpressure, so memory stays flat whatever the N.
 */
// Whole on purpose (~110 lines): a factory whose body is its methods, each short, sharing the store and the column memo.
export function createExportService({ store, flags }: { store: Store; flags?: QualityFlagSource }) {
  const { repos } = store;

  function columnsOf(def: StudyDefinition): ColumnSpec[] {
    return waveColumns(def, { flags: flags?.names ?? [] });
  }

  async function* rows(waveId: string, def: StudyDefinition, columns: ColumnSpec[], options: IterateOptions): AsyncGenerator<WideRow> {
    const flagsFor = await flags?.forWave(waveId, def);
    const vignettesOf = perRespondent(def) > 1 ? storedVignettes(waveId) : null;
    for await (const source of iterateExportRows(repos.exportRows, waveId, options.statuses)) {
      options.onParticipant?.(source.participant.status);
      const input = { ...source, flags: await flagsFor?.(source) };
      if (vignettesOf) yield* repeatedWideRows(columns, input, await vignettesOf(source));
      else yield wideRow(columns, input);
    }
  }

  /**
   * A repeated design's stored vignettes of each participant as the export reaches them in draw order: read for
   * the next EXPORT_PAGE_ROWS draw indices at a time, one short read each, so memory stays flat.
   */
  function storedVignettes(waveId: string) {
    let loaded = new Map<number, StoredVignette[]>();
    let upTo = -1;
    return async (source: ExportSourceRow): Promise<StoredVignette[]> => {
      const { id, drawIndex } = source.participant;
      if (drawIndex > upTo) {
        upTo = drawIndex - 1 + EXPORT_PAGE_ROWS;
        loaded = await repos.participantVignettes.ofDrawRange(waveId, drawIndex - 1, upTo);
      }
      return loaded.get(id) ?? [];
    };
  }

  /** A conjoint's profile rows (conjoint-export.ts); any other study is refused as a client's mistake. */
  function profileRows(waveId: string, def: StudyDefinition, columns: ColumnSpec[], options: IterateOptions): AsyncGenerator<WideRow> {
    assertConjoint(def);
    const wideOf = (source: ExportSourceRow) => {
      options.onParticipant?.(source.participant.status);
      return wideRow(columns, source);
    };
    return iterateConjointProfileRows(repos, waveId, def, conjointProfileColumns(def, columns), wideOf, options.statuses);
  }

  return {
    /** The ordered columns of the wave's wide rows (see server/domain/export/wave-columns.ts). */
    async columns(waveId: string): Promise<ColumnSpec[]> {
      return columnsOf((await waveAndStudy(repos, waveId)).study.definition);
    },

    /** One wide row per participant, in draw order, read lazily a page at a time. Throws not_found at once for an unknown wave. */
    async iterateWaveRows(waveId: string, options: IterateOptions = {}): Promise<AsyncGenerator<WideRow>> {
      const def = (await waveAndStudy(repos, waveId)).study.definition;
      return rows(waveId, def, columnsOf(def), options);
    },

    /** A conjoint wave's profile rows (the profiles-csv file's), in draw order, read lazily a page at a time. */
    async iterateProfileRows(waveId: string, options: IterateOptions = {}): Promise<AsyncGenerator<WideRow>> {
      const def = (await waveAndStudy(repos, waveId)).study.definition;
      return profileRows(waveId, def, columnsOf(def), options);
    },

    /**
     * A file of the wave in one of EXPORT_FORMATS. Checks the wave now, so a route can answer 404 before streaming.
     * `fromRows`: write these wide rows (copied before they are made spreadsheet-safe) instead of reading them; an
     * iterable that can be walked again, as each stream() walks it.
     */
    async file(waveId: string, format: ExportFormat, options: FileOptions = {}, fromRows?: Iterable<WideRow>): Promise<ExportFile> {
      const { wave, study } = await waveAndStudy(repos, waveId);
      const def = study.definition;
      const columns = options.withoutPanelIds ? columnsOf(def).filter((c) => c.role !== 'panel') : columnsOf(def);
      const base = `${study.key}-${wave.id}`;
      const source = (): AsyncIterable<WideRow> => (fromRows ? mapRows(fromRows, (row) => ({ ...row })) : rows(waveId, def, columns, options));
      const excel = options.excel === true;
      if (excel && !format.endsWith('csv')) throw new DomainError('invalid_input', `excel: a CSV for Excel is a CSV format (csv, long-csv, profiles-csv); ${format} is JSON, which has no byte-order mark`);
      const csv = (suffix: string) => `${base}${suffix}${excel ? '-excel' : ''}.csv`;
      switch (format) {
        case 'csv':
          return {
            fileName: csv(''),
            contentType: 'text/csv; charset=utf-8',
            stream: () => csvStream(columns.map((c) => c.name), mapRows(source(), spreadsheetSafeRows(columns)), excel),
          };
        case 'long-csv': {
          const stacked = batteries(columns).size > 0;
          const safeRow = spreadsheetSafeRows(columns);
          // Before streaming, so that the route answers 422; `vlab export` writes the header with a note instead.
          if (!stacked && options.withoutBattery === 'refuse') throw new DomainError('invalid_input', longCsvRefusal(def));
          return {
            fileName: csv('-long'),
            contentType: 'text/csv; charset=utf-8',
            ...(stacked ? {} : { note: `study "${def.id}" has no item battery (questions sharing a "battery" name), which long-csv stacks: the file holds its header only; --format csv has one row per participant` }),
            stream: () =>
              csvStream(longColumnNames(columns), flatMapRows(source(), (row) => longRows(columns, safeRow(row))), excel),
          };
        }
        case 'json':
          return {
            fileName: `${base}.json`,
            contentType: 'application/json; charset=utf-8',
            stream: () => Readable.from(jsonArray(source())),
          };
        case 'profiles-csv': {
          assertConjoint(def); // now, so that the route answers 422 before streaming
          const profileColumns = conjointProfileColumns(def, columns);
          return {
            fileName: csv('-profiles'),
            contentType: 'text/csv; charset=utf-8',
            stream: () => csvStream(profileColumns.map((c) => c.name), mapRows(profileRows(waveId, def, columns, options), spreadsheetSafeRows(profileColumns)), excel),
          };
        }
        case 'codebook':
          return {
            fileName: `${base}-codebook.json`,
            contentType: 'application/json; charset=utf-8',
            stream: () => Readable.from([`${JSON.stringify(buildCodebook({ def, wave, study, columns }), null, 2)}\n`]),
          };
      }
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;

function assertConjoint(def: StudyDefinition): void {
  if (def.design?.kind !== 'conjoint') throw new DomainError('invalid_input', `format: profiles-csv is the profile-level file of a conjoint; study "${def.id}" is not one (csv or long-csv)`);
}

function longCsvRefusal(def: StudyDefinition): string {
  return `format: long-csv stacks the item batteries of a study (questions sharing a "battery" name); study "${def.id}" has none, so the file would hold its header only (csv has one row per participant)`;
}

async function* mapRows(source: Iterable<WideRow> | AsyncIterable<WideRow>, fn: (row: WideRow) => WideRow): AsyncGenerator<WideRow> {
  for await (const row of source) yield fn(row);
}

async function* flatMapRows(source: AsyncIterable<WideRow>, fn: (row: WideRow) => Iterable<WideRow>): AsyncGenerator<WideRow> {
  for await (const row of source) yield* fn(row);
}

/**
 * CSV through csv-stringify; Readable.from pulls the next row only when the stringifier wants more. `bom`: the
 * byte-order mark first (csv-stringify's own option), for Excel.
 */
function csvStream(columns: string[], source: AsyncIterable<WideRow>, bom = false): Readable {
  const stringifier = stringify({ header: true, columns, bom, cast: { boolean: (value) => (value ? '1' : '0') } });
  // pipeline destroys both ends together: a client that goes away ends the row iterator and its connection.
  return pipeline(Readable.from(source, { objectMode: true }), stringifier, () => undefined);
}

async function* jsonArray(source: AsyncIterable<WideRow>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const row of source) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

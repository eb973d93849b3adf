import type { Answers } from '../domain/answers.ts';
import type { Participant, ParticipantStatus } from '../domain/participant.ts';
import type Database from 'better-sqlite3';
import type { Db } from './db.ts';
import { toParticipant, type ParticipantRow } from './participant-repository.ts';

/** A participant with the answers an export shows: the final ones, else the last partial save. */
export interface ExportSourceRow {
  participant: Participant;
  answers: Answers | null;
  derived: Record<string, number> | null;
}

export interface JoinedRow extends ParticipantRow {
  final_json: string | null;
  derived_json: string | null;
  partial_json: string | null;
}

export const EXPORT_SELECT = `SELECT p.*, f.answers_json AS final_json, f.derived_json AS derived_json, pa.answers_json AS partial_json
  FROM participants p
  LEFT JOIN answers f ON f.participant_id = p.id AND f.kind = 'final'
  LEFT JOIN answers pa ON pa.participant_id = p.id AND pa.kind = 'partial'
  WHERE p.wave_id = ?`;

/** Participants read per page: each page is one short read of its own. */
export const EXPORT_PAGE_ROWS = 500;

/** One page of a wave's participants with their answers, in draw order (each page a short read of its own). */
export interface ExportRowRepository {
  /** The largest draw index of the wave, or -1: the export covers the participants drawn when it began. */
  lastDrawIndex(waveId: string): Promise<number>;
  /** Up to EXPORT_PAGE_ROWS participants with `after < draw_index <= last` (and one of `statuses`, if given). */
  page(waveId: string, after: number, last: number, statuses?: readonly ParticipantStatus[]): Promise<ExportSourceRow[]>;
}

/** A joined row as exports read it. */
export function toExportSourceRow(row: JoinedRow): ExportSourceRow {
  const answersJson = row.final_json ?? row.partial_json;
  return {
    participant: toParticipant(row),
    answers: answersJson ? (JSON.parse(answersJson) as Answers) : null,
    derived: row.derived_json ? (JSON.parse(row.derived_json) as Record<string, number>) : null,
  };
}

export function createExportRowRepository(db: Db): ExportRowRepository {
  const last = db.prepare<[string], number>('SELECT COALESCE(MAX(draw_index), -1) FROM participants WHERE wave_id = ?').pluck();
  const pages = new Map<string, Database.Statement<unknown[], JoinedRow>>();
  const pageStatement = (statusCount: number) => {
    const key = String(statusCount);
    let statement = pages.get(key);
    if (!statement) {
      const filter = statusCount ? ` AND p.status IN (${Array.from({ length: statusCount }, () => '?').join(', ')})` : '';
      statement = db.prepare<unknown[], JoinedRow>(`${EXPORT_SELECT} AND p.draw_index > ? AND p.draw_index <= ?${filter} ORDER BY p.draw_index LIMIT ${EXPORT_PAGE_ROWS}`);
      pages.set(key, statement);
    }
    return statement;
  };
  return {
    async lastDrawIndex(waveId) {
      return last.get(waveId)!;
    },
    async page(waveId, after, lastIndex, statuses = []) {
      return pageStatement(statuses.length).all(waveId, after, lastIndex, ...statuses).map(toExportSourceRow);
    },
  };
}

/**
 * Reads a wave's participants in draw order, a page at a time, for exports of any size in constant memory.
 *
 * Each page is its own short read (a few milliseconds), so a download that streams slowly, or stalls, holds no
 * read snapshot open between pages: the WAL can be checkpointed behind it while respondents keep writing (one
 * snapshot held for a whole paused download grew the WAL without bound). The export covers the participants
 * drawn when it began, each as stored when its page was read. Pages leave the connection free between them, so
 * several exports can share it.
 */
export async function* iterateExportRows(rows: ExportRowRepository, waveId: string, statuses?: readonly ParticipantStatus[]): AsyncGenerator<ExportSourceRow> {
  const last = await rows.lastDrawIndex(waveId);
  for (let after = -1; after < last; ) {
    const page = await rows.page(waveId, after, last, statuses);
    yield* page;
    if (page.length < EXPORT_PAGE_ROWS) return;
    after = page.at(-1)!.participant.drawIndex;
  }
}

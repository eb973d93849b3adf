import type { Answers } from '../domain/answers.ts';
import type { Participant, ParticipantStatus } from '../domain/participant.ts';
import type { Db } from './db.ts';
import { toParticipant, type ParticipantRow } from './participant-repository.ts';

/** A participant with the answers an export shows: the final ones, else the last partial save. */
export interface ExportSourceRow {
  participant: Participant;
  answers: Answers | null;
  derived: Record<string, number> | null;
}

interface JoinedRow extends ParticipantRow {
  final_json: string | null;
  derived_json: string | null;
  partial_json: string | null;
}

const SELECT = `SELECT p.*, f.answers_json AS final_json, f.derived_json AS derived_json, pa.answers_json AS partial_json
  FROM participants p
  LEFT JOIN answers f ON f.participant_id = p.id AND f.kind = 'final'
  LEFT JOIN answers pa ON pa.participant_id = p.id AND pa.kind = 'partial'
  WHERE p.wave_id = ?`;

/** Participants read per page: each page is one short read of its own. */
const PAGE_ROWS = 500;

/**
 * Reads a wave's participants in draw order, a page at a time, for exports of any size in constant memory.
 *
 * Each page is its own short read (a few milliseconds), so a download that streams slowly, or stalls, holds no
 * read snapshot open between pages: the WAL can be checkpointed behind it while respondents keep writing (one
 * snapshot held for a whole paused download grew the WAL without bound). The export covers the participants
 * drawn when it began, each as stored when its page was read. Pages leave the connection free between them, so
 * several exports can share it.
 */
export function* iterateExportRows(db: Db, waveId: string, statuses?: readonly ParticipantStatus[]): Generator<ExportSourceRow> {
  const filter = statuses?.length ? ` AND p.status IN (${statuses.map(() => '?').join(', ')})` : '';
  const page = db.prepare<unknown[], JoinedRow>(`${SELECT} AND p.draw_index > ? AND p.draw_index <= ?${filter} ORDER BY p.draw_index LIMIT ${PAGE_ROWS}`);
  const last = db.prepare<[string], number>('SELECT COALESCE(MAX(draw_index), -1) FROM participants WHERE wave_id = ?').pluck().get(waveId)!;
  for (let after = -1; after < last; ) {
    const rows = page.all(waveId, after, last, ...(statuses ?? []));
    for (const row of rows) {
      const answersJson = row.final_json ?? row.partial_json;
      yield {
        participant: toParticipant(row),
        answers: answersJson ? (JSON.parse(answersJson) as Answers) : null,
        derived: row.derived_json ? (JSON.parse(row.derived_json) as Record<string, number>) : null,
      };
    }
    if (rows.length < PAGE_ROWS) return;
    after = rows.at(-1)!.draw_index;
  }
}

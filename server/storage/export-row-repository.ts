import Database from 'better-sqlite3';
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

/**
 * Reads a wave's participants one row at a time (`.iterate()`), for exports of any size in constant memory.
 *
 * An open better-sqlite3 iterator keeps its connection busy until it finishes, and a streamed download may
 * take a while under backpressure; so a file database is read through a connection of its own (read-only,
 * one WAL snapshot: the export is consistent and never blocks the respondents' writes). An in-memory
 * database has only the one connection. The generator closes its connection when it ends or is returned.
 */
export function* iterateExportRows(db: Db, waveId: string, statuses?: readonly ParticipantStatus[]): Generator<ExportSourceRow> {
  const own = !db.memory && db.name !== '' ? new Database(db.name, { readonly: true, fileMustExist: true }) : null;
  const conn = own ?? db;
  try {
    if (own) own.pragma('busy_timeout = 5000');
    const filter = statuses?.length ? ` AND p.status IN (${statuses.map(() => '?').join(', ')})` : '';
    const statement = conn.prepare<unknown[], JoinedRow>(`${SELECT}${filter} ORDER BY p.draw_index`);
    for (const row of statement.iterate(waveId, ...(statuses ?? []))) {
      const answersJson = row.final_json ?? row.partial_json;
      yield {
        participant: toParticipant(row),
        answers: answersJson ? (JSON.parse(answersJson) as Answers) : null,
        derived: row.derived_json ? (JSON.parse(row.derived_json) as Record<string, number>) : null,
      };
    }
  } finally {
    own?.close();
  }
}

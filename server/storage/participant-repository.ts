import type { Assignment } from '../domain/design.ts';
import { DEFAULT_LOCALE } from '../domain/localized-text.ts';
import type { PanelIdentity, PanelParams, PanelSource } from '../domain/panel.ts';
import type { Participant, ParticipantStatus } from '../domain/participant.ts';
import type { Db } from './db.ts';
import { panelIdentityLookup } from './panel-identity-lookup.ts';
import { PARTICIPANT_COLUMNS, participantFromTuple, type ParticipantTuple } from './raw-rows.ts';

export interface ParticipantRow {
  id: number;
  code: string;
  public_ref: string;
  wave_id: string;
  panel_source: PanelSource | null;
  panel_id: string | null;
  panel_params_json: string;
  draw_index: number;
  cell_index: number;
  assignment_json: string;
  assignment_probability: number;
  status: ParticipantStatus;
  screenout_reason: string | null;
  current_page: number;
  locale: string;
  started_at: string;
  updated_at: string;
  completed_at: string | null;
}

export const toParticipant = (row: ParticipantRow): Participant => ({
  id: row.id,
  code: row.code,
  publicRef: row.public_ref,
  waveId: row.wave_id,
  panelSource: row.panel_source,
  panelId: row.panel_id,
  panelParams: JSON.parse(row.panel_params_json) as PanelParams,
  drawIndex: row.draw_index,
  cellIndex: row.cell_index,
  assignment: JSON.parse(row.assignment_json) as Assignment,
  assignmentProbability: row.assignment_probability,
  status: row.status,
  screenoutReason: row.screenout_reason,
  currentPage: row.current_page,
  locale: row.locale,
  startedAt: row.started_at,
  updatedAt: row.updated_at,
  completedAt: row.completed_at,
});

/** What a start stores; the rest (status, page, timestamps of progress) starts at its default, the locale at English. */
export type NewParticipant = Pick<
  Participant,
  'code' | 'publicRef' | 'waveId' | 'panelSource' | 'panelId' | 'panelParams' | 'drawIndex' | 'cellIndex' | 'assignment' | 'assignmentProbability' | 'startedAt'
> &
  Partial<Pick<Participant, 'locale'>>;

export function createParticipantRepository(db: Db) {
  const byCode = db.prepare<[string], ParticipantTuple>(`SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE code = ?`).raw();
  // The identities' arms in their order; the first that has a participant wins.
  const byPanel = panelIdentityLookup<ParticipantRow>(
    db,
    (i) => `SELECT ${i} AS identity_order, * FROM participants WHERE wave_id = @wave AND panel_source = @source${i} AND panel_id = @panelId${i}`,
    (arms) => `SELECT * FROM (${arms}) ORDER BY identity_order LIMIT 1`,
  );
  const byWave = db.prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE wave_id = ? ORDER BY draw_index');
  const nextDraw = db
    .prepare<[string], number>('SELECT COALESCE(MAX(draw_index) + 1, 0) FROM participants WHERE wave_id = ?')
    .pluck();
  const countByStatus = db.prepare<[string], { status: ParticipantStatus; n: number }>(
    'SELECT status, COUNT(*) AS n FROM participants WHERE wave_id = ? GROUP BY status',
  );
  const insert = db.prepare(
    `INSERT INTO participants (code, public_ref, wave_id, panel_source, panel_id, panel_params_json, draw_index, cell_index,
       assignment_json, assignment_probability, status, current_page, locale, started_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'started', 0, ?, ?, ?)`,
  );
  // The page never moves back: once at or past the vignette, a participant stays there (server/domain/treatment-order.ts).
  const updatePage = db.prepare<[number, string, number]>(
    'UPDATE participants SET current_page = MAX(current_page, ?), updated_at = ? WHERE id = ?',
  );
  const finish = db.prepare<[ParticipantStatus, string | null, string, string, number]>(
    'UPDATE participants SET status = ?, screenout_reason = ?, completed_at = ?, updated_at = ? WHERE id = ?',
  );

  return {
    async findByCode(code: string): Promise<Participant | undefined> {
      const row = byCode.get(code);
      return row && participantFromTuple(row);
    },
    /**
     * The participant, locked for the rest of the write transaction (taken before their wave's lock), so that two
     * requests for one participant run one after the other and the second sees the first's writes. SQLite's BEGIN
     * IMMEDIATE already serializes every write; PostgreSQL takes the row FOR UPDATE.
     */
    async lockByCode(code: string): Promise<Participant | undefined> {
      const row = byCode.get(code);
      return row && participantFromTuple(row);
    },
    /** The wave's participant with the first of `identities` that one has (in their order): one statement for them all, in-process. */
    async findByPanelIdentities(waveId: string, identities: readonly PanelIdentity[]): Promise<Participant | undefined> {
      const row = byPanel(waveId, identities);
      return row && toParticipant(row);
    },
    async listByWave(waveId: string): Promise<Participant[]> {
      return byWave.all(waveId).map(toParticipant);
    },
    /** The next position in the wave's assignment sequence; call inside the transaction that inserts it. */
    async nextDrawIndex(waveId: string): Promise<number> {
      return nextDraw.get(waveId)!;
    },
    async countByStatus(waveId: string): Promise<Record<ParticipantStatus, number>> {
      const counts: Record<ParticipantStatus, number> = { started: 0, complete: 0, screened_out: 0, overquota: 0 };
      for (const { status, n } of countByStatus.all(waveId)) counts[status] = n;
      return counts;
    },
    /** The stored participant, from what was inserted and its new id (every start did a second read of the row). */
    async insert(p: NewParticipant): Promise<Participant> {
      const locale = p.locale ?? DEFAULT_LOCALE;
      const { lastInsertRowid } = insert.run(
        p.code, p.publicRef, p.waveId, p.panelSource, p.panelId, JSON.stringify(p.panelParams), p.drawIndex, p.cellIndex,
        JSON.stringify(p.assignment), p.assignmentProbability, locale, p.startedAt, p.startedAt,
      );
      const { code, publicRef, waveId, panelSource, panelId, panelParams, drawIndex, cellIndex, assignment, assignmentProbability, startedAt } = p;
      return {
        id: Number(lastInsertRowid), code, publicRef, waveId, panelSource, panelId, panelParams, drawIndex, cellIndex, assignment,
        assignmentProbability, status: 'started', screenoutReason: null, currentPage: 0, locale, startedAt, updatedAt: startedAt, completedAt: null,
      };
    },
    async setCurrentPage(id: number, page: number, now: string): Promise<void> {
      updatePage.run(page, now, id);
    },
    async finish(id: number, status: Exclude<ParticipantStatus, 'started'>, reason: string | null, now: string): Promise<void> {
      finish.run(status, reason, now, now, id);
    },
  };
}
export type ParticipantRepository = ReturnType<typeof createParticipantRepository>;

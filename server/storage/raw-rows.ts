import type { Assignment } from '../domain/design.ts';
import type { PanelParams, PanelSource } from '../domain/panel.ts';
import type { Participant, ParticipantStatus } from '../domain/participant.ts';
import type { Wave, WaveStatus } from '../domain/wave.ts';

// The participant and wave rows every respondent request reads, as better-sqlite3's raw arrays in the column
// order named here, instead of one object per row: building an 18-key object and then the Participant from it
// cost 7–8 µs of CPU per read against 3–4 µs (and 3.5–4.9 against 2.0–2.9 µs for the wave's row; measured in
// the fourth pass, docs/performance.md). The column lists are explicit so a migration adding a column cannot
// shift the positions; tests/server/raw-rows.test.ts holds both mappings to toParticipant's and toWave's.

export const PARTICIPANT_COLUMNS =
  'id, code, public_ref, wave_id, panel_source, panel_id, panel_params_json, draw_index, cell_index, assignment_json, ' +
  'assignment_probability, status, screenout_reason, current_page, locale, started_at, updated_at, completed_at';

export type ParticipantTuple = [
  number, string, string, string, PanelSource | null, string | null, string, number, number, string,
  number, ParticipantStatus, string | null, number, string, string, string, string | null,
];

export const participantFromTuple = (r: ParticipantTuple): Participant => ({
  id: r[0],
  code: r[1],
  publicRef: r[2],
  waveId: r[3],
  panelSource: r[4],
  panelId: r[5],
  panelParams: JSON.parse(r[6]) as PanelParams,
  drawIndex: r[7],
  cellIndex: r[8],
  assignment: JSON.parse(r[9]) as Assignment,
  assignmentProbability: r[10],
  status: r[11],
  screenoutReason: r[12],
  currentPage: r[13],
  locale: r[14],
  startedAt: r[15],
  updatedAt: r[16],
  completedAt: r[17],
});

export const WAVE_COLUMNS = 'id, study_id, status, target, seed, complete_url, screenout_url, overquota_url, locale, created_at, updated_at';

export type WaveTuple = [string, number, WaveStatus, number, string, string | null, string | null, string | null, string, string, string];

export const waveFromTuple = (r: WaveTuple): Wave => ({
  id: r[0],
  studyId: r[1],
  status: r[2],
  target: r[3],
  seed: r[4],
  completeUrl: r[5],
  screenoutUrl: r[6],
  overquotaUrl: r[7],
  locale: r[8],
  createdAt: r[9],
  updatedAt: r[10],
});

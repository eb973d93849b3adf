// Puts the 1,502 alliance.csv respondents into a wave as completed participants, through the repositories,
// so that the estimates and replication paths read them exactly as they read a fielded wave.
import { allCells, designOf } from '../../server/domain/design.ts';
import type { Store } from '../../server/storage/store.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import type { Row } from '../../analysis/index.ts';
import { referenceRows } from '../analysis/support.ts';

const FACTORS = ['regime', 'capability', 'treaty', 'behavior'];
const ANSWERS = [
  'age_group', 'gender', 'education', 'region', 'party', 'do_nothing', 'public_criticism', 'economic_sanctions',
  'reduce_military_aid', 'suspend_military_support', 'alliance_favorability', 'contribution', 'manipulation_check_regime',
];

/** A 22-character participant code that keeps the reference respondent id readable. */
export const participantCode = (respondentId: string, prefix = '') => `${prefix}${respondentId}`.padEnd(22, '0');

/**
 * Inserts every alliance.csv row as a complete participant of `waveId`; returns the rows used. Codes are
 * unique across the database, so a second wave needs its own `prefix`. `edit` may change the rows first.
 */
export async function seedAllianceWave(store: Store, def: StudyDefinition, waveId: string, prefix = '', edit?: (rows: Row[]) => Row[]): Promise<Row[]> {
  const reference = referenceRows('alliance.csv');
  const rows = edit ? edit(reference) : reference;
  const cells = allCells(designOf(def));
  const at = '2026-11-22T03:00:00.000Z';
  await store.write(async (repos) => {
    for (const [i, r] of rows.entries()) {
      const assignment = Object.fromEntries(FACTORS.map((f) => [f, String(r[f])]));
      const cellIndex = cells.findIndex((c) => FACTORS.every((f) => c[f] === assignment[f]));
      const p = (await repos.participants.insert({
        code: participantCode(String(r.respondent_id), prefix), publicRef: `${prefix}ref-${i}`, waveId, panelSource: null, panelId: null, panelParams: {},
        drawIndex: i, cellIndex, assignment, assignmentProbability: 1 / cells.length, startedAt: at,
      }));
      // As a drawn participant is counted (participant-draw.ts): the dashboard's "Assigned" column reads these.
      await repos.assignmentCounters.increment(waveId, cellIndex);
      const answers = Object.fromEntries([['consent', true], ...ANSWERS.map((a) => [a, r[a]])]);
      (await repos.answers.saveFinal(p.id, answers, { attention_pass: Number(r.attention_pass) }, at));
      (await repos.participants.finish(p.id, 'complete', null, at));
    }
  });
  return rows;
}

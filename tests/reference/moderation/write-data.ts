// Writes moderation.csv: one offline wave of the moderated alliance study (moderated-alliance.ts), 3,000 completes,
// seed "moderation-26", the columns R's fit needs. moderation.R fits it; moderation.test.ts checks the file is still
// what the simulator fields and compares R's fit with the estimand.
//   node --import tsx tests/reference/moderation/write-data.ts && Rscript tests/reference/moderation/moderation.R
import { writeFileSync } from 'node:fs';
import { simulateWave } from '../../../server/domain/simulation/simulated-wave.ts';
import { moderatedAlliance } from './moderated-alliance.ts';

export const MODERATION_COLUMNS = ['participant', 'regime', 'party', 'attention_pass', 'economic_sanctions'] as const;

export function moderationRows(): Record<string, unknown>[] {
  const wave = simulateWave(moderatedAlliance(), { target: 3000, seed: 'moderation-26' });
  return wave.rows.map((row) => Object.fromEntries(MODERATION_COLUMNS.map((c) => [c, row[c]])));
}

if (process.argv[1]?.endsWith('write-data.ts')) {
  const lines = [MODERATION_COLUMNS.join(','), ...moderationRows().map((r) => MODERATION_COLUMNS.map((c) => r[c]).join(','))];
  writeFileSync(new URL('./moderation.csv', import.meta.url), `${lines.join('\n')}\n`);
}

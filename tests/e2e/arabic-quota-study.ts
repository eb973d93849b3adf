// A right-to-left study with a quota, so that "Are you still there?" (the quota lease's warning) is seen in Arabic
// (lease-warning-browser.test.ts): the bus-line study, its texts in Arabic (arabic-texts.ts), with a quota on its one
// pre-treatment question. No shipped study is both right to left and quota'd.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withArabic } from './arabic-texts.ts';

export const ARABIC_QUOTA_STUDY = 'bus-line-arabic-quota';

/** Writes the study into `definitions` (a definitions folder) beside a copy of the shipped ones. */
export function writeArabicQuotaStudy(definitions: string): void {
  cpSync('survey-definitions', definitions, { recursive: true });
  const folder = join(definitions, ARABIC_QUOTA_STUDY);
  cpSync('survey-definitions/bus-line-funding', folder, { recursive: true });
  const file = join(folder, 'study.json');
  const study = JSON.parse(readFileSync(file, 'utf8'));
  study.id = ARABIC_QUOTA_STUDY;
  writeFileSync(file, JSON.stringify(withArabic(study), null, 2));
  const margins = {
    source: 'Bus riders: an illustrative split for a browser test, not a survey’s figures.',
    margins: { bus_use: { weekly: 0.3, sometimes: 0.4, never: 0.3 } },
  };
  writeFileSync(join(folder, 'population-margins.json'), JSON.stringify(margins, null, 2));
  writeFileSync(join(folder, 'quotas.json'), JSON.stringify({ variables: ['bus_use'], basis: 'populationMargins', slack: 0.1 }));
}

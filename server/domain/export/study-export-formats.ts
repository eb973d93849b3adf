import type { StudyDefinition } from '../study-definition.ts';
import type { ExportFormat } from './export-formats.ts';
import { batteries, waveColumns } from './wave-columns.ts';

/**
 * The formats that hold a study's data, in EXPORT_FORMATS order: `long-csv` only when the study has an item
 * battery (it stacks them; without one it is a header alone), `profiles-csv` only for a conjoint. The wave status
 * lists them so the dashboard offers no download that would be empty or refused.
 */
export function studyExportFormats(def: StudyDefinition): ExportFormat[] {
  const formats: ExportFormat[] = ['csv'];
  if (hasItemBattery(def)) formats.push('long-csv');
  formats.push('json', 'codebook');
  if (def.design?.kind === 'conjoint') formats.push('profiles-csv');
  return formats;
}

/** Whether any question carries a `battery` name: what long-csv stacks. */
function hasItemBattery(def: StudyDefinition): boolean {
  return batteries(waveColumns(def)).size > 0;
}

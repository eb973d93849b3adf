import { studyDesign } from '../study-design.ts';
import type { StudyDefinition } from '../study-definition.ts';
import type { Hypothesis } from './plan-schema.ts';

/**
 * Whether a hypothesis is estimated on several rows per respondent, and so with standard errors clustered by
 * respondent (the export's `participant` column; CR2 unless the plan says otherwise): a stacked hypothesis
 * (one row per respondent × item), or any hypothesis of a repeated-vignette study, whose data are one row per
 * respondent × vignette (docs/designs.md).
 */
export function clusteredByRespondent(def: Pick<StudyDefinition, 'design'>, h: Pick<Hypothesis, 'stack'>): boolean {
  const design = studyDesign(def);
  return h.stack !== undefined || (design.kind === 'vignette' && design.vignettesPerRespondent > 1);
}

/**
 * The column a hypothesis' standard errors are clustered by, or none: the plan's `clusters` (a state, a school,
 * which nest a respondent's rows, so it serves stacked and repeated rows too), else the respondent's column where a
 * respondent has several rows (`idColumn`, the export's `participant`).
 */
export function clusterColumn(def: Pick<StudyDefinition, 'design'>, h: Pick<Hypothesis, 'stack' | 'clusters'>, idColumn: string): string | undefined {
  return h.clusters ?? (clusteredByRespondent(def, h) ? idColumn : undefined);
}

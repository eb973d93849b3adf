import { andList } from '../../../analysis/helpers/and-list.ts';
import type { StudyDefinition } from '../study-definition.ts';

/**
 * What a study's simulation model says that does nothing: a `respondent` loading (an outcome's, or a conjoint
 * rating's) while `respondentSd` is 0, the default, so the outcomes that load on the respondent's shared component
 * share nothing (respondent.ts multiplies the loading by a latent of sd respondentSd). Not a mistake that breaks the
 * study: a model that loads today keeps loading, and `vlab study list` says it as a note (walk-throughs 32 and 33
 * each wrote a loading beside respondentSd 0, copied from the docs' examples, and believed their outcomes correlated).
 *
 * @example unusedRespondentLoadings(def) // ['simulation.json: outcomes.support.respondent (0.5) does nothing while …']
 */
export function unusedRespondentLoadings(def: Pick<StudyDefinition, 'simulation'>): string[] {
  const model = def.simulation;
  if (!model || model.respondentSd !== 0) return [];
  const loaded = Object.entries(model.outcomes)
    .filter(([, outcome]) => (outcome.respondent ?? 0) !== 0)
    .map(([name, outcome]) => `outcomes.${name}.respondent (${outcome.respondent})`);
  const rating = model.conjoint?.rating?.respondent ?? 0;
  if (rating !== 0) loaded.push(`conjoint.rating.respondent (${rating})`);
  if (!loaded.length) return [];
  return [
    `simulation.json: ${andList(loaded)} ${loaded.length === 1 ? 'does' : 'do'} nothing while respondentSd is 0 (the default): ` +
      'set "respondentSd" (the sd of the respondent\'s shared component, e.g. 1) for the outcomes that load on it to share it, or leave "respondent" out',
  ];
}

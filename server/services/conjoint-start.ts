import { respondentPlan, conjointPlanRows, type ProfileAttributeRow } from '../domain/respondent-plan.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Participant } from '../domain/participant.ts';
import type { NewParticipant } from '../storage/participant-repository.ts';
import type { Repositories } from '../storage/repositories.ts';

/**
 * A conjoint participant's draw (issue 15): the profiles of every task, from the wave's seed and the draw index
 * (respondent-plan.ts), stored in the transaction that inserts the participant, so the draw index, the participant
 * and what they will be shown commit together or not at all. A conjoint has no cell: the participant's cell is 0,
 * their assignment empty and its probability 1; what the analysis needs is stored per profile (levels, positions,
 * exact probabilities) in conjoint_profiles.
 */
export async function insertConjointParticipant(
  tx: Repositories,
  def: StudyDefinition,
  seed: string,
  participant: Omit<NewParticipant, 'cellIndex' | 'assignment' | 'assignmentProbability'>,
): Promise<Participant> {
  const plan = respondentPlan(def, seed, participant.drawIndex);
  if (plan.kind !== 'conjoint') throw new RangeError(`insertConjointParticipant: study "${def.id}" is not a conjoint`);
  const inserted = await tx.participants.insert({ ...participant, cellIndex: 0, assignment: {}, assignmentProbability: 1 });
  await tx.conjointProfiles.insertAll(inserted.id, conjointPlanRows(def, plan));
  return inserted;
}

/** The stored profiles the participant's survey shows (none for other designs, which read their cell). */
export function conjointProfilesOf(repos: Pick<Repositories, 'conjointProfiles'>, def: StudyDefinition, participant: Participant): Promise<ProfileAttributeRow[]> {
  return def.design?.kind === 'conjoint' ? repos.conjointProfiles.listByParticipant(participant.id) : Promise.resolve([]);
}

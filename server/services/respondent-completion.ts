import { answersWithinLimits } from '../domain/answer-limits.ts';
import { derivedColumns, finalOutcome } from '../domain/answers.ts';
import { CONSENT_QUESTION } from '../domain/study-definition.ts';
import { admitOrTurnAway, answersAfter, checkCompletedAgain, finish, outcomeOf, writeOnParticipant, type ParticipantOutcome, type RespondentContext } from './respondent-steps.ts';
import { relockedWave } from './wave-lookup.ts';

// The last step of the respondent path (respondent-service.ts): the completion, which checks the answers' limits,
// stores the final answers and status, closes the wave at its target and records the quality flags, in one write.

/**
 * Stores the final answers (merged over the saved ones) and the participant's status once; a completion sending an
 * answer outside its question's limits is refused and stores nothing (answer-limits.ts). Calling it again
 * with the same answers (a retry after a lost response) returns the stored outcome and changes nothing; with
 * other answers (another tab completed first) it is refused as a conflict.
 */
export function complete(ctx: RespondentContext, input: { code: string; answers: unknown; honeypot?: string }): Promise<ParticipantOutcome> {
  const { studies, quotas, qualityFlags, now } = ctx;
  return writeOnParticipant(ctx, input.code, async (tx, { participant, wave }) => {
    const study = await studies.of(tx, wave);
    if (participant.status !== 'started') {
      // A retry (same answers) gets the stored outcome; other answers are another tab's, refused (409).
      await checkCompletedAgain(tx, study, participant, input.answers);
      return outcomeOf(wave, participant)!;
    }
    // The fielded definition: with m vignettes, every vignette's outcome questions are required and checked.
    const def = study.fielded;
    const merged = await answersAfter(tx, study, participant, input.answers);
    // Refused before anything is written, so the transaction stores nothing of this completion (answer-limits.ts).
    const answers = merged[CONSENT_QUESTION] === true ? answersWithinLimits(def, merged, input.answers) : merged;
    const outcome = finalOutcome(def, answers);
    const at = now();
    if (outcome.status === 'complete') {
      const { outcome: turnedAway } = await admitOrTurnAway(ctx, tx, wave, def, participant, answers, at, 'keep');
      if (turnedAway) return turnedAway;
    } else {
      await quotas.release(tx, def, participant);
    }
    const derived = outcome.status === 'complete' ? derivedColumns(def, answers) : {};
    await tx.answers.saveFinal(participant.id, answers, derived, at);
    await finish(tx, participant.id, outcome.status, outcome.status === 'screened_out' ? outcome.reason : null, at);
    if (outcome.status === 'complete') {
      // Taken last, held to COMMIT: the close at target counts and the speeder median reads the wave's other
      // completes with no other completion of the wave in between. Nothing above wrote the wave's row.
      const current = await relockedWave(tx, wave);
      // The completion that reaches the target closes the wave, in the same transaction.
      if (current.status !== 'closed' && (await quotas.targetReached(tx, current))) await tx.waves.setStatus(wave.id, 'closed', at);
      await qualityFlags.recordCompletion(tx, { participant, def, answers, derived, honeypot: input.honeypot, completedAt: at });
    }
    // What outcomeOf reads of the participant is their status (just written) and what never changes.
    return outcomeOf(wave, { ...participant, status: outcome.status })!;
  });
}

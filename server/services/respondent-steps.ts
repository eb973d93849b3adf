import { validateAnswers, type Answers } from '../domain/answers.ts';
import { checkClearedNames, splitCleared, withoutCleared } from '../domain/cleared-answers.ts';
import { checkRetriedCompletion } from '../domain/completion-retry.ts';
import { DomainError } from '../domain/errors.ts';
import { fillRedirectUrl, type PanelParams } from '../domain/panel.ts';
import { PARTICIPANT_CODE, type Participant, type ParticipantStatus } from '../domain/participant.ts';
import { checkVignetteOrder } from '../domain/repeated-vignettes.ts';
import { checkTreatmentOrder, mergeAnswers } from '../domain/treatment-order.ts';
import type { Wave } from '../domain/wave.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { Store } from '../storage/store.ts';
import type { createQualityFlagService } from './quality-flag-service.ts';
import type { createQuotaAdmission, QuotaStepMode } from './quota-admission.ts';
import type { knownParticipantCodes } from './known-participant-codes.ts';
import type { createRespondentStudies, RespondentStudy } from './respondent-studies.ts';
import { waveOf } from './wave-lookup.ts';

// The steps every respondent request shares (respondent-service.ts, respondent-completion.ts), each inside the caller's
// write transaction.

/** What every step of the respondent path works with (one per service: the memo of studies, the quota rules). */
export interface RespondentContext {
  store: Store;
  studies: ReturnType<typeof createRespondentStudies>;
  qualityFlags: ReturnType<typeof createQualityFlagService>;
  quotas: ReturnType<typeof createQuotaAdmission>;
  now: () => string;
  newParticipantCode: () => string;
  /** Codes seen to exist, whose writes skip the lookup before the write (known-participant-codes.ts). */
  knownCodes: ReturnType<typeof knownParticipantCodes>;
}

/** Where a finished participant goes: the wave's redirect for their status, filled in, or null for our thanks page. */
export interface ParticipantOutcome {
  status: Exclude<ParticipantStatus, 'started'>;
  redirectUrl: string | null;
}

/** A finished participant's outcome (null while started). */
export function outcomeOf(wave: Wave, p: Participant): ParticipantOutcome | null {
  if (p.status === 'started') return null;
  const template = p.status === 'complete' ? wave.completeUrl : p.status === 'overquota' ? wave.overquotaUrl : wave.screenoutUrl;
  return { status: p.status, redirectUrl: template ? fillRedirectUrl(template, p.panelParams, p.publicRef) : null };
}

/**
 * The participant, locked for the rest of the write transaction, and their wave as it is now, not locked: a save
 * needs only the participant to itself, so the saves of one wave's participants do not wait on each other (on
 * PostgreSQL; SQLite's one writer serializes them anyway). What needs the whole wave to itself (quota counts, the
 * completion's durations and close at target) takes the wave's lock later, after the participant's, for as short
 * as it can (quota-admission.ts, respondent-completion.ts).
 */
async function lockedParticipant(tx: Repositories, code: string): Promise<{ participant: Participant; wave: Wave }> {
  const participant = PARTICIPANT_CODE.test(code) ? await tx.participants.lockByCode(code) : undefined;
  if (!participant) throw noSuchParticipant();
  return { participant, wave: await waveOf(tx, participant.waveId) };
}

const noSuchParticipant = () => new DomainError('not_found', 'no such participant');

/**
 * Runs `fn` in a write transaction with the participant `code` names locked (lockedParticipant). A code that names
 * no one is answered `not_found` by a plain read first, with no write transaction: each made-up code has a fresh
 * bucket of the per-participant limit (routes/participant-rate-limit.ts), so a flood of random codes would
 * otherwise queue write transactions (SQLite's one writer) and hold pool connections in BEGIN (PostgreSQL). The
 * lookup under the lock still decides; the read only turns away codes that were never there, and a code known to
 * exist (ctx.knownCodes: a real respondent's, from their start) skips it.
 */
export async function writeOnParticipant<T>(ctx: RespondentContext, code: string, fn: (tx: Repositories, locked: { participant: Participant; wave: Wave }) => Promise<T>): Promise<T> {
  const { store, knownCodes } = ctx;
  if (!PARTICIPANT_CODE.test(code)) throw noSuchParticipant();
  if (!knownCodes.has(code)) {
    if (!(await store.repos.participants.findByCode(code))) throw noSuchParticipant();
    knownCodes.add(code);
  }
  return store.write(async (tx) => fn(tx, await lockedParticipant(tx, code)));
}

/** The participant named by the session cookie, if it belongs to this wave. */
export async function sessionParticipant(tx: Repositories, waveId: string, code: string | undefined): Promise<Participant | undefined> {
  const participant = code && PARTICIPANT_CODE.test(code) ? await tx.participants.findByCode(code) : undefined;
  return participant?.waveId === waveId ? participant : undefined;
}

/** Refusal of a new start; carries the wave's over-quota redirect so the page can send the respondent back to the panel. */
export function waveClosed(wave: Wave, panelParams: PanelParams): DomainError {
  const paused = wave.status === 'paused';
  return new DomainError(
    'wave_closed',
    paused ? `wave "${wave.id}" is paused and not accepting new participants for now` : `wave "${wave.id}" is closed`,
    { waveStatus: wave.status, redirectUrl: wave.overquotaUrl ? fillRedirectUrl(wave.overquotaUrl, panelParams, '') : null },
  );
}

/**
 * The request's answers checked for the treatment order and laid over the stored ones, less those sent as `null`
 * (cleared, cleared-answers.ts), for a started participant: what a save, the quota step and a completion work on.
 */
export async function answersAfter(tx: Repositories, study: RespondentStudy, participant: Participant, raw: unknown): Promise<Answers> {
  const { values, cleared } = splitCleared(raw);
  const incoming = validateAnswers(study.fielded, values);
  checkClearedNames(study.fielded, cleared);
  const stored = (await tx.answers.get(participant.id, 'partial'))?.answers ?? {};
  checkTreatmentOrder(study.fielded, participant.currentPage >= study.treatmentPage, stored, incoming);
  checkVignetteOrder(study.def, participant.currentPage, stored, incoming);
  const merged = mergeAnswers(stored, incoming);
  return cleared.length ? withoutCleared(study, participant.currentPage, stored, merged, cleared) : merged;
}

/**
 * A completion of a finished participant: refused (409) when its answers differ from the stored final ones
 * (completion-retry.ts). A participant turned away over quota has no final answers: the outcome stands whatever
 * they send, as before.
 */
export async function checkCompletedAgain(tx: Repositories, study: RespondentStudy, participant: Participant, raw: unknown): Promise<void> {
  const stored = (await tx.answers.get(participant.id, 'final'))?.answers;
  if (!stored) return;
  const { values, cleared } = splitCleared(raw);
  checkClearedNames(study.fielded, cleared);
  checkRetriedCompletion(stored, validateAnswers(study.fielded, values), participant);
}

/**
 * The quota step (see QuotaStepMode), inside the caller's transaction: a participant whose quota level is full
 * leaves as `overquota` (answers so far kept as their partial save) and gets the wave's over-quota redirect.
 * Otherwise `leaseSecondsLeft` is the whole lease if they hold one from `at`, else null.
 */
export async function admitOrTurnAway(
  { quotas }: RespondentContext,
  tx: Repositories,
  wave: Wave,
  def: StudyDefinition,
  participant: Participant,
  answers: Answers,
  at: string,
  mode: QuotaStepMode,
): Promise<{ outcome: ParticipantOutcome; leaseSecondsLeft: null } | { outcome: null; leaseSecondsLeft: number | null }> {
  const step = await quotas.step(tx, wave, def, participant, answers, at, mode);
  if (!step.full) return { outcome: null, leaseSecondsLeft: step.leased ? quotas.leaseSeconds : null };
  await tx.answers.savePartial(participant.id, answers, at);
  await finish(tx, participant.id, 'overquota', null, at);
  await quotas.release(tx, def, participant);
  return { outcome: outcomeOf(wave, { ...participant, status: 'overquota' })!, leaseSecondsLeft: null };
}

/**
 * Marks the participant finished and deletes their page sessions' save numbers, in the caller's transaction: a
 * finished participant's saves are refused before any claim, so the rows would only grow the table. Every path that
 * finishes a participant (completion, screen-out, over quota) goes through here, so none can leave them behind.
 */
export async function finish(tx: Repositories, participantId: number, status: Exclude<ParticipantStatus, 'started'>, reason: string | null, at: string): Promise<void> {
  await tx.participants.finish(participantId, status, reason, at);
  await tx.saveSequences.forget(participantId);
}

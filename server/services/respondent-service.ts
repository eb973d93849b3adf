import { DEFAULT_CONFIG } from '../config.ts';
import type { Answers } from '../domain/answers.ts';
import { DomainError } from '../domain/errors.ts';
import { pooledRandomBytes, randomCode, sameCode } from '../domain/random-code.ts';
import { isMturkPreview, MTURK_PREVIEW_ASSIGNMENT, panelIdentitiesToMatch, sameSession, type PanelParams } from '../domain/panel.ts';
import type { Participant } from '../domain/participant.ts';
import { CONSENT_QUESTION, type StudyDefinition } from '../domain/study-definition.ts';
import type { Repositories } from '../storage/repositories.ts';
import type { Store } from '../storage/store.ts';
import { conjointProfilesOf } from './conjoint-start.ts';
import { knownParticipantCodes } from './known-participant-codes.ts';
import { drawParticipant } from './participant-draw.ts';
import { createQualityFlagService } from './quality-flag-service.ts';
import { createQuotaAdmission } from './quota-admission.ts';
import { createRespondentStudies } from './respondent-studies.ts';
import { complete } from './respondent-completion.ts';
import { admitOrTurnAway, answersAfter, outcomeOf, sessionParticipant, waveClosed, writeOnParticipant, type ParticipantOutcome, type RespondentContext } from './respondent-steps.ts';
import { lockedWaveOf } from './wave-lookup.ts';

export type { ParticipantOutcome } from './respondent-steps.ts';

export interface RespondentServiceOptions {
  store: Store;
  /** Seconds after a started participant's last save when their quota slot lapses (VLAB_QUOTA_LEASE_SECONDS). */
  quotaLeaseSeconds?: number;
  now?: () => string;
  newParticipantCode?: () => string;
}

/** What the page needs to show (or resume) a participant's survey. */
export interface ParticipantSession {
  participant: Participant;
  created: boolean;
  /**
   * The client proved it is this participant's session: it is new, or it sent the session cookie naming them,
   * or the panel's per-session parameter they started with. Only then are saved answers echoed (docs/api.md).
   */
  sessionProven: boolean;
  /** The participant's survey (SurveyJS JSON) as UTF-8 JSON text, serialized once per study, cell and locale. */
  surveyJson: Buffer;
  answers: Answers;
  outcome: ParticipantOutcome | null;
  /** Whole seconds until the participant's quota lease lapses, or null: no lease held (docs/api.md). */
  leaseSecondsLeft: number | null;
}

/**
 * The respondent path: start (draw the condition once), save partial answers, the quota step, complete. Every
 * read-then-write runs in one write transaction of the store (on SQLite shared with the other requests of the
 * moment: storage/group-commit.ts) and resolves only after its commit, so what the client is told is on disk. A
 * start locks the wave first (the draw); the other requests lock their participant first and the wave only where
 * they count (quota slots, the close at target, the speeder median), as late as they can, so two processes on one
 * PostgreSQL database draw, admit and close exactly as one would while saves of one wave run side by side. Every
 * request that carries answers keeps the treatment order (server/domain/treatment-order.ts) and merges into the
 * stored answers; past the quota step, every save renews the participant's quota lease.
 */
export function createRespondentService({
  store,
  quotaLeaseSeconds = DEFAULT_CONFIG.quotaLeaseSeconds,
  now = () => new Date().toISOString(),
  newParticipantCode = () => randomCode(16, pooledRandomBytes),
}: RespondentServiceOptions) {
  const ctx: RespondentContext = {
    store,
    studies: createRespondentStudies(),
    qualityFlags: createQualityFlagService(),
    quotas: createQuotaAdmission(quotaLeaseSeconds),
    now,
    newParticipantCode,
    knownCodes: knownParticipantCodes(),
  };
  // A completion undone while the rest of its batch commits must leave the cached durations too.
  store.onRollback(() => ctx.qualityFlags.forgetCachedDurations(store.repos));
  return {
    start: (input: StartInput) => start(ctx, input),
    checkQuota: (input: QuotaStepInput) => checkQuota(ctx, input),
    savePartial: (input: SaveInput) => savePartial(ctx, input),
    complete: (input: { code: string; answers: unknown; honeypot?: string }) => complete(ctx, input),
  };
}
export type RespondentService = ReturnType<typeof createRespondentService>;

/** The quota step's answer (docs/api.md); `leaseSecondsLeft` as in ParticipantSession. */
export interface QuotaStepAnswer {
  admitted: boolean;
  outcome: ParticipantOutcome | null;
  leaseSecondsLeft: number | null;
}

/** A save's answer: the furthest page reached, or the over-quota exit of a lapsed lease whose level filled. */
export interface SaveAnswer {
  currentPage: number;
  outcome?: ParticipantOutcome;
  leaseSecondsLeft: number | null;
}

/** A save (docs/api.md); `saveOrder`: where the page numbered it among its saves, absent from an older page. */
interface SaveInput {
  code: string;
  answers: unknown;
  currentPage: number;
  saveOrder?: { pageSession: string; sequence: number };
}

/** The quota step; `saveOrder`: its place among the page's saves (docs/api.md), absent from an older page. */
interface QuotaStepInput {
  code: string;
  answers: unknown;
  saveOrder?: SaveInput['saveOrder'];
}

interface StartInput {
  waveId: string;
  panelParams: PanelParams;
  sessionCode?: string;
  locale?: string;
}

/** The refusal of an MTurk preview; `reason` lets the page say "accept the HIT to begin" in the respondent's language. */
const mturkPreview = () =>
  new DomainError('invalid_input', `this is a preview of an MTurk HIT (assignmentId=${MTURK_PREVIEW_ASSIGNMENT}): accept the HIT to begin`, { reason: 'mturk_preview' });

/**
 * Starts or resumes a participant. The same panel identity (or, without one, the same session cookie)
 * always gets the same participant, condition and page; a new participant's condition is the next draw of
 * the wave's permuted-block sequence, taken in the transaction that stores them. Saved answers go only to a
 * client that proves the session (ParticipantSession.sessionProven), and never once the participant finished.
 * A new participant's locale is the one the link asks for, if the study has it, else the wave's; it never
 * changes.
 */
async function start(ctx: RespondentContext, input: StartInput): Promise<ParticipantSession> {
  const { store, studies } = ctx;
  const { participant, vignettes, created, wave, study } = await store.write(async (tx) => {
    const wave = await lockedWaveOf(tx, input.waveId);
    const study = await studies.of(tx, wave);
    const identities = panelIdentitiesToMatch(input.panelParams);
    // The identities in order, the link's own first, looked up under the wave's lock taken above.
    const existing = identities.length ? await tx.participants.findByPanelIdentities(wave.id, identities) : await sessionParticipant(tx, wave.id, input.sessionCode);
    if (existing) {
      // Sticky: a repeated design's vignettes are read back as drawn, in the same order.
      const vignettes = study.perRespondent > 1 ? await tx.participantVignettes.ofParticipant(existing.id) : [];
      return { participant: existing, vignettes, created: false, wave, study };
    }
    if (wave.status !== 'open') throw waveClosed(wave, input.panelParams);
    if (isMturkPreview(input.panelParams)) throw mturkPreview();
    return { ...(await drawParticipant(tx, study, wave, { panelParams: input.panelParams, requestedLocale: input.locale, code: ctx.newParticipantCode(), at: ctx.now() })), created: true, wave, study };
  });
  // Their saves skip the lookup that turns made-up codes away (respondent-steps.ts writeOnParticipant).
  ctx.knownCodes.add(participant.code);
  const sessionProven =
    created || sameCode(input.sessionCode, participant.code) || sameSession(participant.panelSource, participant.panelParams, input.panelParams);
  const saved = !created && sessionProven && participant.status === 'started' ? await store.repos.answers.get(participant.id, 'partial') : undefined;
  const profiles = participant.status === 'started' ? await conjointProfilesOf(store.repos, study.def, participant) : [];
  // When the lease was last renewed says when the participant last saved: like their answers, only for the session.
  const leaseSecondsLeft = created || !sessionProven ? null : await ctx.quotas.secondsLeft(store.repos, study.def, participant, ctx.now());
  return {
    participant,
    created,
    sessionProven,
    surveyJson: studies.surveyJson(study, wave, participant, vignettes, profiles),
    answers: saved?.answers ?? {},
    outcome: outcomeOf(wave, participant),
    leaseSecondsLeft,
  };
}

/**
 * The quota step (docs/api.md), before the vignette is shown: takes a quota slot (or, with a full level,
 * ends the participant as `overquota`), stores the answers so far and moves the participant onto the vignette
 * page, after which their pre-treatment answers are fixed. Admitted (or no quotas): `{ admitted: true,
 * outcome: null }`. A finished participant gets their stored outcome again. Numbered among the page's saves
 * (saveOrder), it makes a save the page sent before it stale when that save arrives after (attacker pass 37b: its
 * older pre-treatment answer was refused as a change after the vignette, and the page said "went on in another
 * tab"). The step itself runs whatever its number: the page waits for it, and no save can overtake it with other
 * pre-treatment answers (the page is read-only while it waits).
 */
function checkQuota(ctx: RespondentContext, input: QuotaStepInput): Promise<QuotaStepAnswer> {
  const { studies, now } = ctx;
  return writeOnParticipant(ctx, input.code, async (tx, { participant, wave }) => {
    if (participant.status !== 'started') return { admitted: participant.status === 'complete', outcome: outcomeOf(wave, participant), leaseSecondsLeft: null };
    const study = await studies.of(tx, wave);
    if (input.saveOrder) await tx.saveSequences.claim(participant.id, input.saveOrder.pageSession, input.saveOrder.sequence);
    const answers = await answersAfter(tx, study, participant, input.answers);
    if (answers[CONSENT_QUESTION] !== true) throw new DomainError('invalid_input', 'answers.consent: must be true before the quota check');
    const at = now();
    const { outcome, leaseSecondsLeft } = await admitOrTurnAway(ctx, tx, wave, study.def, participant, answers, at, 'admit');
    if (outcome) return { admitted: false, outcome, leaseSecondsLeft };
    await tx.answers.savePartial(participant.id, answers, at);
    await tx.participants.setCurrentPage(participant.id, study.treatmentPage, at);
    return { admitted: true, outcome: null, leaseSecondsLeft };
  });
}

/**
 * Merges the answers into the participant's saved partial answers and records the furthest page reached.
 * Moving to the vignette page runs the quota step first (a client that skipped it cannot get past a full
 * quota), and any later save renews the quota lease (or, lapsed, checks the quota again): then `outcome` is
 * the over-quota exit and nothing else is saved. A save older than one already applied from its page session
 * (saveOrder) is acknowledged and changes nothing (staleSave).
 */
function savePartial(ctx: RespondentContext, input: SaveInput): Promise<SaveAnswer> {
  const { studies, now } = ctx;
  return writeOnParticipant(ctx, input.code, async (tx, { participant, wave }) => {
    if (participant.status !== 'started') throw new DomainError('conflict', 'this participant has already finished');
    const study = await studies.of(tx, wave);
    if (input.currentPage >= study.pageCount) {
      throw new DomainError('invalid_input', `currentPage: must be below ${study.pageCount} (the survey's pages are numbered from 0), got ${input.currentPage}`);
    }
    const order = input.saveOrder;
    if (order && !(await tx.saveSequences.claim(participant.id, order.pageSession, order.sequence))) return staleSave(ctx, tx, study.def, participant);
    const answers = await answersAfter(tx, study, participant, input.answers);
    const at = now();
    const mode = input.currentPage >= study.treatmentPage ? 'admit' : 'renew';
    const { outcome, leaseSecondsLeft } = await admitOrTurnAway(ctx, tx, wave, study.def, participant, answers, at, mode);
    if (outcome) return { currentPage: participant.currentPage, outcome, leaseSecondsLeft };
    await tx.answers.savePartial(participant.id, answers, at);
    await tx.participants.setCurrentPage(participant.id, input.currentPage, at);
    return { currentPage: Math.max(participant.currentPage, input.currentPage), leaseSecondsLeft };
  });
}

/**
 * The answer to a save that a newer save of its page session overtook (a keepalive save sent as the tab was hidden
 * reached the server before an ordinary save still in flight, or a retry arrived late): its answers are older than
 * the stored ones, so it stores nothing and renews nothing, yet it is acknowledged like any save, so the page does
 * not send it again and again. What it says is what the participant has: their page, and their lease as it stands.
 */
async function staleSave(ctx: RespondentContext, tx: Repositories, def: StudyDefinition, participant: Participant): Promise<SaveAnswer> {
  return { currentPage: participant.currentPage, leaseSecondsLeft: await ctx.quotas.secondsLeft(tx, def, participant, ctx.now()) };
}

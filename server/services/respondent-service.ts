import { derivedColumns, finalOutcome, validateAnswers, type Answers } from '../domain/answers.ts';
import { permutedBlockCell } from '../domain/assignment.ts';
import { cellAssignment, designOf, type Design } from '../domain/design.ts';
import { DomainError } from '../domain/errors.ts';
import { randomCode } from '../domain/random-code.ts';
import { chooseLocale, studyLocales } from '../domain/localized-text.ts';
import { fillRedirectUrl, panelIdentity, type PanelParams } from '../domain/panel.ts';
import { buildParticipantSurvey, participantSurveyPageCount } from '../domain/participant-survey.ts';
import { PARTICIPANT_CODE, type Participant, type ParticipantStatus } from '../domain/participant.ts';
import { CONSENT_QUESTION, type StudyDefinition } from '../domain/study-definition.ts';
import { treatmentPageIndex } from '../domain/wave-lifecycle.ts';
import type { Wave } from '../domain/wave.ts';
import type { Db } from '../storage/db.ts';
import { createGroupCommit } from '../storage/group-commit.ts';
import type { Repositories } from '../storage/repositories.ts';
import { createQualityFlagService } from './quality-flag-service.ts';
import { createQuotaAdmission } from './quota-admission.ts';

export interface RespondentServiceOptions {
  db: Db;
  repos: Repositories;
  now?: () => string;
  newParticipantCode?: () => string;
}

/** What the page needs to show (or resume) a participant's survey. */
export interface ParticipantSession {
  participant: Participant;
  created: boolean;
  survey: Record<string, unknown>;
  answers: Answers;
  outcome: ParticipantOutcome | null;
}

/** Where a finished participant goes: the wave's redirect for their status, filled in, or null for our thanks page. */
export interface ParticipantOutcome {
  status: Exclude<ParticipantStatus, 'started'>;
  redirectUrl: string | null;
}

/**
 * The respondent path: start (draw the condition once), save partial answers, complete. Every read-then-write
 * runs in an IMMEDIATE transaction (shared with the other requests of the moment: storage/group-commit.ts) and
 * resolves only after its commit, so what the client is told is on disk.
 */
export function createRespondentService({
  db,
  repos,
  now = () => new Date().toISOString(),
  newParticipantCode = () => randomCode(16),
}: RespondentServiceOptions) {
  const studies = new Map<number, { def: StudyDefinition; design: Design; pageCount: number }>();
  const surveys = new Map<string, Record<string, unknown>>();
  const qualityFlags = createQualityFlagService(repos);
  const quotas = createQuotaAdmission(db);
  const writes = createGroupCommit(db);
  // A completion undone while the rest of its batch commits must leave the cached durations too.
  writes.onRollback(() => qualityFlags.forgetCachedDurations());

  function studyOf(wave: Wave) {
    let study = studies.get(wave.studyId);
    if (!study) {
      const record = repos.studies.get(wave.studyId);
      if (!record) throw new Error(`wave ${wave.id} points at missing study ${wave.studyId}`);
      const def = record.definition;
      study = { def, design: designOf(def), pageCount: participantSurveyPageCount(def) };
      studies.set(wave.studyId, study);
    }
    return study;
  }

  function surveyFor(wave: Wave, participant: Participant) {
    const key = `${wave.studyId}:${participant.cellIndex}:${participant.locale}`;
    let survey = surveys.get(key);
    if (!survey) {
      survey = buildParticipantSurvey(studyOf(wave).def, participant.assignment, participant.locale);
      surveys.set(key, survey);
    }
    return survey;
  }

  function outcomeOf(wave: Wave, p: Participant): ParticipantOutcome | null {
    if (p.status === 'started') return null;
    const template = p.status === 'complete' ? wave.completeUrl : p.status === 'overquota' ? wave.overquotaUrl : wave.screenoutUrl;
    return { status: p.status, redirectUrl: template ? fillRedirectUrl(template, p.panelParams, p.code) : null };
  }

  function waveOf(waveId: string): Wave {
    const wave = repos.waves.get(waveId);
    if (!wave) throw new DomainError('not_found', `no wave "${waveId}"`);
    return wave;
  }

  function participantOf(code: string): Participant {
    const participant = PARTICIPANT_CODE.test(code) ? repos.participants.findByCode(code) : undefined;
    if (!participant) throw new DomainError('not_found', 'no such participant');
    return participant;
  }

  /** The participant named by the session cookie, if it belongs to this wave. */
  function sessionParticipant(waveId: string, code: string | undefined): Participant | undefined {
    const participant = code && PARTICIPANT_CODE.test(code) ? repos.participants.findByCode(code) : undefined;
    return participant?.waveId === waveId ? participant : undefined;
  }

  function draw(wave: Wave, panelParams: PanelParams, requestedLocale: string | undefined): Participant {
    const { def, design } = studyOf(wave);
    const identity = panelIdentity(panelParams);
    const drawIndex = repos.participants.nextDrawIndex(wave.id);
    const cellIndex = permutedBlockCell(wave.seed, drawIndex, design.nCells);
    const participant = repos.participants.insert({
      code: newParticipantCode(),
      waveId: wave.id,
      panelSource: identity?.source ?? null,
      panelId: identity?.id ?? null,
      panelParams,
      drawIndex,
      cellIndex,
      assignment: cellAssignment(design, cellIndex),
      assignmentProbability: 1 / design.nCells,
      locale: chooseLocale(requestedLocale, studyLocales(def), wave.locale),
      startedAt: now(),
    });
    repos.assignmentCounters.increment(wave.id, cellIndex);
    return participant;
  }

  /** Refusal of a new start; carries the wave's over-quota redirect so the page can send the respondent back to the panel. */
  function waveClosed(wave: Wave, panelParams: PanelParams): DomainError {
    const paused = wave.status === 'paused';
    return new DomainError(
      'wave_closed',
      paused ? `wave "${wave.id}" is paused and not accepting new participants for now` : `wave "${wave.id}" is closed`,
      { waveStatus: wave.status, redirectUrl: wave.overquotaUrl ? fillRedirectUrl(wave.overquotaUrl, panelParams, '') : null },
    );
  }

  /**
   * The quota step, inside the caller's transaction: a participant whose quota level is full leaves as
   * `overquota` (answers so far kept as their partial save) and gets the wave's over-quota redirect.
   */
  function admitOrTurnAway(wave: Wave, def: StudyDefinition, participant: Participant, answers: Answers, at: string): ParticipantOutcome | null {
    if (!quotas.pending(def, participant)) return null;
    if (quotas.admit(wave, def, participant, answers).admitted) return null;
    repos.answers.savePartial(participant.id, answers, at);
    repos.participants.finish(participant.id, 'overquota', null, at);
    return outcomeOf(wave, repos.participants.findByCode(participant.code)!)!;
  }

  return {
    /**
     * Starts or resumes a participant. The same panel identity (or, without one, the same session cookie)
     * always gets the same participant, condition and saved answers; a new participant's condition is the
     * next draw of the wave's permuted-block sequence, taken in the transaction that stores them. A new
     * participant's locale is the one the link asks for, if the study has it, else the wave's; it never changes.
     */
    async start(input: { waveId: string; panelParams: PanelParams; sessionCode?: string; locale?: string }): Promise<ParticipantSession> {
      const { participant, created, wave } = await writes.run(() => {
        const wave = waveOf(input.waveId);
        const identity = panelIdentity(input.panelParams);
        const existing = identity
          ? repos.participants.findByPanelIdentity(wave.id, identity.source, identity.id)
          : sessionParticipant(wave.id, input.sessionCode);
        if (existing) return { participant: existing, created: false, wave };
        if (wave.status !== 'open') throw waveClosed(wave, input.panelParams);
        return { participant: draw(wave, input.panelParams, input.locale), created: true, wave };
      });
      const saved = repos.answers.get(participant.id, participant.status === 'started' ? 'partial' : 'final');
      return {
        participant,
        created,
        survey: surveyFor(wave, participant),
        answers: saved?.answers ?? {},
        outcome: outcomeOf(wave, participant),
      };
    },

    /**
     * The quota step (docs/api.md): checks the pre-treatment answers against the wave's quotas before the
     * vignette is shown. Admitted (or no quotas): `{ admitted: true, outcome: null }`; a full quota level:
     * the participant becomes `overquota`. A finished participant gets their stored outcome again.
     */
    checkQuota(input: { code: string; answers: unknown }): Promise<{ admitted: boolean; outcome: ParticipantOutcome | null }> {
      return writes.run(() => {
        const participant = participantOf(input.code);
        const wave = waveOf(participant.waveId);
        if (participant.status !== 'started') return { admitted: participant.status === 'complete', outcome: outcomeOf(wave, participant) };
        const { def } = studyOf(wave);
        const answers = validateAnswers(def, input.answers);
        if (answers[CONSENT_QUESTION] !== true) throw new DomainError('invalid_input', 'answers.consent: must be true before the quota check');
        const outcome = admitOrTurnAway(wave, def, participant, answers, now());
        return { admitted: outcome === null, outcome };
      });
    },

    /**
     * Replaces the participant's saved partial answers and records the page they are on. Moving to the
     * vignette page runs the quota step first (a client that skipped it cannot get past a full quota): then
     * `outcome` is the over-quota exit and nothing else is saved.
     */
    savePartial(input: { code: string; answers: unknown; currentPage: number }): Promise<{ currentPage: number; outcome?: ParticipantOutcome }> {
      return writes.run(() => {
        const participant = participantOf(input.code);
        if (participant.status !== 'started') throw new DomainError('conflict', 'this participant has already finished');
        const wave = waveOf(participant.waveId);
        const { def, pageCount } = studyOf(wave);
        if (input.currentPage >= pageCount) {
          throw new DomainError('invalid_input', `currentPage: must be below ${pageCount}`);
        }
        const answers = validateAnswers(def, input.answers);
        const at = now();
        if (input.currentPage >= treatmentPageIndex(def)) {
          const outcome = admitOrTurnAway(wave, def, participant, answers, at);
          if (outcome) return { currentPage: participant.currentPage, outcome };
        }
        repos.answers.savePartial(participant.id, answers, at);
        repos.participants.setCurrentPage(participant.id, input.currentPage, at);
        return { currentPage: input.currentPage };
      });
    },

    /**
     * Stores the final answers and the participant's status once. Calling it again (a retry after a lost
     * response) returns the stored outcome and changes nothing.
     */
    complete(input: { code: string; answers: unknown; honeypot?: string }): Promise<ParticipantOutcome> {
      return writes.run(() => {
        const participant = participantOf(input.code);
        const wave = waveOf(participant.waveId);
        if (participant.status !== 'started') return outcomeOf(wave, participant)!;
        const { def } = studyOf(wave);
        const answers = validateAnswers(def, input.answers);
        const outcome = finalOutcome(def, answers);
        const at = now();
        if (outcome.status === 'complete') {
          const turnedAway = admitOrTurnAway(wave, def, participant, answers, at);
          if (turnedAway) return turnedAway;
        }
        const derived = outcome.status === 'complete' ? derivedColumns(def, answers) : {};
        repos.answers.saveFinal(participant.id, answers, derived, at);
        repos.participants.finish(participant.id, outcome.status, outcome.status === 'screened_out' ? outcome.reason : null, at);
        // The completion that reaches the target closes the wave, in the same transaction.
        if (outcome.status === 'complete' && wave.status !== 'closed' && quotas.targetReached(wave)) {
          repos.waves.setStatus(wave.id, 'closed', at);
        }
        if (outcome.status === 'complete') {
          qualityFlags.recordCompletion({ participant, def, answers, derived, honeypot: input.honeypot, completedAt: at });
        }
        // What outcomeOf reads of the participant is their status (just written) and what never changes.
        return outcomeOf(wave, { ...participant, status: outcome.status })!;
      });
    },
  };
}
export type RespondentService = ReturnType<typeof createRespondentService>;

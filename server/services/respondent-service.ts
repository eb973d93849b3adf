import { randomBytes } from 'node:crypto';
import { derivedColumns, finalOutcome, validateAnswers, type Answers } from '../domain/answers.ts';
import { permutedBlockCell } from '../domain/assignment.ts';
import { cellAssignment, designOf, type Design } from '../domain/design.ts';
import { DomainError } from '../domain/errors.ts';
import { fillRedirectUrl, panelIdentity, type PanelParams } from '../domain/panel.ts';
import { buildParticipantSurvey, participantSurveyPageCount } from '../domain/participant-survey.ts';
import { PARTICIPANT_CODE, type Participant, type ParticipantStatus } from '../domain/participant.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import type { Wave } from '../domain/wave.ts';
import { immediate, type Db } from '../storage/db.ts';
import type { Repositories } from '../storage/repositories.ts';
import { createQualityFlagService } from './quality-flag-service.ts';

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
 * runs in one IMMEDIATE transaction and returns only after its commit, so what the client is told is on disk.
 */
export function createRespondentService({
  db,
  repos,
  now = () => new Date().toISOString(),
  newParticipantCode = () => randomBytes(16).toString('base64url'),
}: RespondentServiceOptions) {
  const studies = new Map<number, { def: StudyDefinition; design: Design; pageCount: number }>();
  const surveys = new Map<string, Record<string, unknown>>();
  const qualityFlags = createQualityFlagService(repos);

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
    const key = `${wave.studyId}:${participant.cellIndex}`;
    let survey = surveys.get(key);
    if (!survey) {
      survey = buildParticipantSurvey(studyOf(wave).def, participant.assignment);
      surveys.set(key, survey);
    }
    return survey;
  }

  function outcomeOf(wave: Wave, p: Participant): ParticipantOutcome | null {
    if (p.status === 'started') return null;
    const template = p.status === 'complete' ? wave.completeUrl : wave.screenoutUrl;
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

  function draw(wave: Wave, panelParams: PanelParams): Participant {
    const { design } = studyOf(wave);
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
      startedAt: now(),
    });
    repos.assignmentCounters.increment(wave.id, cellIndex);
    return participant;
  }

  return {
    /**
     * Starts or resumes a participant. The same panel identity (or, without one, the same session cookie)
     * always gets the same participant, condition and saved answers; a new participant's condition is the
     * next draw of the wave's permuted-block sequence, taken in the transaction that stores them.
     */
    start(input: { waveId: string; panelParams: PanelParams; sessionCode?: string }): ParticipantSession {
      const { participant, created, wave } = immediate(db, () => {
        const wave = waveOf(input.waveId);
        const identity = panelIdentity(input.panelParams);
        const existing = identity
          ? repos.participants.findByPanelIdentity(wave.id, identity.source, identity.id)
          : sessionParticipant(wave.id, input.sessionCode);
        if (existing) return { participant: existing, created: false, wave };
        if (wave.status !== 'open') throw new DomainError('wave_closed', `wave "${wave.id}" is not accepting new participants`);
        return { participant: draw(wave, input.panelParams), created: true, wave };
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

    /** Replaces the participant's saved partial answers and records the page they are on. */
    savePartial(input: { code: string; answers: unknown; currentPage: number }): { currentPage: number } {
      return immediate(db, () => {
        const participant = participantOf(input.code);
        if (participant.status !== 'started') throw new DomainError('conflict', 'this participant has already finished');
        const { def, pageCount } = studyOf(waveOf(participant.waveId));
        if (input.currentPage >= pageCount) {
          throw new DomainError('invalid_input', `currentPage: must be below ${pageCount}`);
        }
        const answers = validateAnswers(def, input.answers);
        const at = now();
        repos.answers.savePartial(participant.id, answers, at);
        repos.participants.setCurrentPage(participant.id, input.currentPage, at);
        return { currentPage: input.currentPage };
      });
    },

    /**
     * Stores the final answers and the participant's status once. Calling it again (a retry after a lost
     * response) returns the stored outcome and changes nothing.
     */
    complete(input: { code: string; answers: unknown; honeypot?: string }): ParticipantOutcome {
      return immediate(db, () => {
        const participant = participantOf(input.code);
        const wave = waveOf(participant.waveId);
        if (participant.status !== 'started') return outcomeOf(wave, participant)!;
        const { def } = studyOf(wave);
        const answers = validateAnswers(def, input.answers);
        const outcome = finalOutcome(def, answers);
        const at = now();
        const derived = outcome.status === 'complete' ? derivedColumns(def, answers) : {};
        repos.answers.saveFinal(participant.id, answers, derived, at);
        repos.participants.finish(participant.id, outcome.status, outcome.status === 'screened_out' ? outcome.reason : null, at);
        if (outcome.status === 'complete') {
          qualityFlags.recordCompletion({ participant, def, answers, derived, honeypot: input.honeypot, completedAt: at });
        }
        return outcomeOf(wave, repos.participants.findByCode(participant.code)!)!;
      });
    },
  };
}
export type RespondentService = ReturnType<typeof createRespondentService>;

import { buildParticipantSurvey, participantSurveyPageCount } from '../domain/participant-survey.ts';
import type { Participant } from '../domain/participant.ts';
import type { StoredVignette } from '../domain/participant-vignettes.ts';
import { buildRepeatedSurvey } from '../domain/repeated-survey.ts';
import { fieldedDefinition, perRespondent, repeatedSurveyPageCount } from '../domain/repeated-vignettes.ts';
import type { ProfileAttributeRow } from '../domain/respondent-plan.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import { treatmentPageIndex } from '../domain/wave-lifecycle.ts';
import type { Wave } from '../domain/wave.ts';
import type { Repositories } from '../storage/repositories.ts';
import { studyOf } from './wave-lookup.ts';

/** What the respondent path needs of a wave's study snapshot, computed once. */
export interface RespondentStudy {
  def: StudyDefinition;
  /** What answers are checked against: the definition, with each vignette's outcome questions when m > 1. */
  fielded: StudyDefinition;
  /** Vignettes per respondent (m). */
  perRespondent: number;
  /** Pages of every participant's survey. */
  pageCount: number;
  /** Index of the vignette page in every participant's survey. */
  treatmentPage: number;
}

/**
 * The respondent path's memo of study snapshots and of the survey JSON text of each (study, cell, locale). Snapshots never
 * change once stored (in any process), so nothing here is ever stale; each request would otherwise parse and build them anew.
 */
export function createRespondentStudies() {
  const studies = new Map<number, RespondentStudy>();
  const surveys = new Map<string, Buffer>();

  async function of(repos: Pick<Repositories, 'waves' | 'studies'>, wave: Wave): Promise<RespondentStudy> {
    let study = studies.get(wave.studyId);
    if (!study) {
      const def = (await studyOf(repos, wave)).definition;
      study = {
        def,
        fielded: fieldedDefinition(def),
        perRespondent: perRespondent(def),
        pageCount: perRespondent(def) > 1 ? repeatedSurveyPageCount(def) : participantSurveyPageCount(def),
        treatmentPage: treatmentPageIndex(def),
      };
      studies.set(wave.studyId, study);
    }
    return study;
  }

  return {
    of,
    /**
     * The SurveyJS JSON of the participant's survey (their condition's vignette written out, in their locale), as
     * UTF-8 JSON text: about 7 KB that every start sends, serialized and encoded once per study, cell and locale
     * instead of once per start (the response is assembled from bytes, so the text is not copied and encoded again
     * either). A participant of a repeated design (their `vignettes`, m > 1) has a survey of their own, built anew
     * (m of the study's cells in one order: too many combinations to keep).
     */
    surveyJson(
      study: RespondentStudy,
      wave: Wave,
      participant: Participant,
      vignettes: readonly StoredVignette[] = [],
      conjointProfiles: readonly ProfileAttributeRow[] = [],
    ): Buffer {
      if (study.perRespondent > 1) {
        return jsonBytes(buildRepeatedSurvey(study.def, vignettes.map((v) => v.assignment), participant.locale));
      }
      // A conjoint participant's tables are their own: built for each start, never shared.
      if (conjointProfiles.length) return jsonBytes(buildParticipantSurvey(study.def, participant.assignment, participant.locale, conjointProfiles));
      const key = `${wave.studyId}:${participant.cellIndex}:${participant.locale}`;
      let survey = surveys.get(key);
      if (!survey) {
        survey = jsonBytes(buildParticipantSurvey(study.def, participant.assignment, participant.locale));
        surveys.set(key, survey);
      }
      return survey;
    },
  };
}

const jsonBytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

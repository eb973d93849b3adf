import { designOf, type Design } from '../domain/design.ts';
import { buildParticipantSurvey, participantSurveyPageCount } from '../domain/participant-survey.ts';
import type { Participant } from '../domain/participant.ts';
import type { ProfileAttributeRow } from '../domain/respondent-plan.ts';
import type { StudyDefinition } from '../domain/study-definition.ts';
import { treatmentPageIndex } from '../domain/wave-lifecycle.ts';
import type { Wave } from '../domain/wave.ts';
import type { Repositories } from '../storage/repositories.ts';
import { studyOf } from './wave-lookup.ts';

/** What the respondent path needs of a wave's study snapshot, computed once. */
export interface RespondentStudy {
  def: StudyDefinition;
  design: Design;
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
  const surveys = new Map<string, string>();

  async function of(repos: Pick<Repositories, 'waves' | 'studies'>, wave: Wave): Promise<RespondentStudy> {
    let study = studies.get(wave.studyId);
    if (!study) {
      const def = (await studyOf(repos, wave)).definition;
      study = { def, design: designOf(def), pageCount: participantSurveyPageCount(def), treatmentPage: treatmentPageIndex(def) };
      studies.set(wave.studyId, study);
    }
    return study;
  }

  return {
    of,
    /**
     * The SurveyJS JSON of the participant's survey (their condition's vignette written out, in their locale), as
     * JSON text: about 7 KB that every start sends, serialized once per study, cell and locale instead of once per
     * start.
     */
    surveyJson(study: RespondentStudy, wave: Wave, participant: Participant, conjointProfiles: readonly ProfileAttributeRow[] = []): string {
      // A conjoint participant's tables are their own: built for each start, never shared.
      if (conjointProfiles.length) return JSON.stringify(buildParticipantSurvey(study.def, participant.assignment, participant.locale, conjointProfiles));
      const key = `${wave.studyId}:${participant.cellIndex}:${participant.locale}`;
      let survey = surveys.get(key);
      if (!survey) {
        survey = JSON.stringify(buildParticipantSurvey(study.def, participant.assignment, participant.locale));
        surveys.set(key, survey);
      }
      return survey;
    },
  };
}

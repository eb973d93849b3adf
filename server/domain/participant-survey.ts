import type { Assignment } from './design.ts';
import { CONSENT_QUESTION, VIGNETTE_ELEMENT, type StudyDefinition } from './study-definition.ts';
import { paragraphsHtml, renderVignette } from './vignette.ts';

/**
 * The SurveyJS JSON one participant receives: consent, the pre-treatment pages, the vignette rendered for
 * their condition, outcomes, post-treatment pages. Built on the server so that the page never learns factor
 * names or level codes. Back navigation is off: answers given before the treatment must not be revised
 * after it.
 */
export function buildParticipantSurvey(def: StudyDefinition, assignment: Assignment): Record<string, unknown> {
  const consentPage = {
    name: 'consent_page',
    title: def.consent.title,
    elements: [
      { type: 'html', name: 'consent_text', html: paragraphsHtml(def.consent.paragraphs) },
      {
        type: 'boolean',
        name: CONSENT_QUESTION,
        title: def.consent.question,
        labelTrue: def.consent.agreeLabel,
        labelFalse: def.consent.declineLabel,
        swapOrder: true,
        renderAs: 'radio',
        isRequired: true,
      },
    ],
  };
  const treatmentPage = {
    name: 'treatment_page',
    title: def.vignette.title,
    ...(def.vignette.instructions ? { description: def.vignette.instructions } : {}),
    elements: [
      {
        type: 'html',
        name: VIGNETTE_ELEMENT,
        html: `<div class="vlab-vignette">${paragraphsHtml(renderVignette(def, assignment))}</div>`,
      },
    ],
  };
  return {
    title: def.title,
    showPrevButton: false,
    showProgressBar: true,
    progressBarLocation: 'top',
    showQuestionNumbers: 'off',
    checkErrorsMode: 'onNextPage',
    pages: [consentPage, ...def.pages.pretreatment, treatmentPage, ...def.pages.outcomes, ...def.pages.posttreatment],
    triggers: [{ type: 'complete', expression: `{${CONSENT_QUESTION}} = false` }],
  };
}

/** Pages of every participant's survey: consent, the definition's pages, and the treatment page. */
export function participantSurveyPageCount(def: StudyDefinition): number {
  return 2 + def.pages.pretreatment.length + def.pages.outcomes.length + def.pages.posttreatment.length;
}

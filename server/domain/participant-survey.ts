import { messagesFor } from '../../public/src/i18n/messages.ts';
import { conjointTaskPages } from './conjoint-survey.ts';
import type { Assignment } from './design.ts';
import { defaultLocale, localizeDefinition, textIn } from './localized-text.ts';
import type { ProfileAttributeRow } from './respondent-plan.ts';
import { studyDesign } from './study-design.ts';
import { CONSENT_QUESTION, VIGNETTE_ELEMENT, VIGNETTE_REREAD_ELEMENT, vignetteOf, type StudyDefinition, type SurveyPage } from './study-definition.ts';
import { CONSENT_PAGE, CONSENT_TEXT, TREATMENT_PAGE } from './survey-names.ts';
import { MAX_ANSWER_TEXT } from './surveyjs-answer-shape.ts';
import { escapeHtml, paragraphsHtml, renderVignette } from './vignette.ts';

/**
 * The SurveyJS JSON one participant receives, in their locale: consent, the pre-treatment pages, the vignette
 * rendered for their condition, outcomes, post-treatment pages. Built on the server so that the page never
 * learns factor names or level codes. Back navigation is off: answers given before the treatment must not be
 * revised after it. Each outcome page opens with a disclosure that shows the vignette again (unless the study
 * sets `vignette.reread: false`); post-treatment pages do not, so a manipulation check still tests recall.
 */
export function buildParticipantSurvey(
  def: StudyDefinition,
  assignment: Assignment,
  locale = defaultLocale(def),
  conjointProfiles: readonly ProfileAttributeRow[] = [],
): Record<string, unknown> {
  const local = localizeDefinition(def, locale);
  const t = (value: Parameters<typeof textIn>[0]) => textIn(value, locale);
  const { consent } = local;
  const consentPage = {
    name: CONSENT_PAGE,
    title: t(consent.title),
    elements: [
      { type: 'html', name: CONSENT_TEXT, html: paragraphsHtml(consent.paragraphs.map(t)) },
      // A radiogroup with the values true and false, not SurveyJS's boolean drawn as radios: that one renders its
      // radios in a fieldset with role="presentation", so a screen reader hears two options with no question,
      // neither required nor invalid, and an unanswered consent does not move focus to the error.
      {
        type: 'radiogroup',
        name: CONSENT_QUESTION,
        title: t(consent.question),
        choices: [
          { value: true, text: t(consent.agreeLabel) },
          { value: false, text: t(consent.declineLabel) },
        ],
        isRequired: true,
      },
    ],
  };
  const survey = (middle: unknown[]) => ({
    title: t(local.title),
    locale,
    showPrevButton: false,
    showQuestionNumbers: 'off',
    checkErrorsMode: 'onNextPage',
    // The server refuses a longer text (answers.ts): without the limit a respondent could type past it, and every
    // later save and the completion were refused.
    maxTextLength: MAX_ANSWER_TEXT,
    pages: [consentPage, ...local.pages.pretreatment, ...middle, ...local.pages.posttreatment],
    triggers: [{ type: 'complete', expression: `{${CONSENT_QUESTION}} = false` }],
  });
  // A conjoint's tasks take the place of the vignette and its outcome pages (conjoint-survey.ts).
  if (studyDesign(def).kind === 'conjoint') return survey(conjointTaskPages(def, conjointProfiles, locale));
  const vignette = vignetteOf(local);
  const vignetteHtml = `<div class="vlab-vignette">${paragraphsHtml(renderVignette(def, assignment, locale))}</div>`;
  const treatmentPage = {
    name: TREATMENT_PAGE,
    title: t(vignette.title),
    ...(vignette.instructions ? { description: t(vignette.instructions) } : {}),
    elements: [{ type: 'html', name: VIGNETTE_ELEMENT, html: vignetteHtml }],
  };
  // A <details> is a group to assistive technology, which was unnamed: named by the vignette's title (the treatment
  // page's heading, "Vignette 2 of 3: …" in a repeated design), so it says which situation it holds, where its
  // summary's words again would be said twice over.
  const reread = {
    type: 'html' as const,
    name: VIGNETTE_REREAD_ELEMENT,
    html: `<details class="vlab-reread" aria-label="${escapeHtml(t(vignette.title))}"><summary>${escapeHtml(messagesFor(locale).rereadSummary)}</summary>${vignetteHtml}</details>`,
  };
  const outcomes: SurveyPage[] =
    vignette.reread === false ? local.pages.outcomes : local.pages.outcomes.map((page) => ({ ...page, elements: [reread, ...page.elements] }));
  return survey([treatmentPage, ...outcomes]);
}

/** Pages of every participant's survey: consent, the definition's pages, and the treatment page (a conjoint: one page per task). */
export function participantSurveyPageCount(def: StudyDefinition): number {
  const design = studyDesign(def);
  if (design.kind === 'conjoint') return 1 + def.pages.pretreatment.length + design.tasks + def.pages.posttreatment.length;
  return 2 + def.pages.pretreatment.length + def.pages.outcomes.length + def.pages.posttreatment.length;
}

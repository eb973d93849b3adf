import { messagesFor } from '../../public/src/i18n/messages.ts';
import type { Assignment } from './design.ts';
import { defaultLocale, studyLocales, textIn, type LocalizedText } from './localized-text.ts';
import { buildParticipantSurvey } from './participant-survey.ts';
import { outcomePagesAfter, vignetteQuestionName } from './repeated-vignettes.ts';
import { vignetteOf, type StudyDefinition, type SurveyPage } from './study-definition.ts';
import { TREATMENT_PAGE } from './survey-names.ts';

type Page = { name: string; title?: string } & Record<string, unknown>;

const perVignette = new WeakMap<StudyDefinition, StudyDefinition[]>();

/**
 * The vignette's title headed "Vignette k of m: …" in each of the study's locales: the title of its page and the name
 * of the "Read the situation again" disclosure on its outcome pages, so a screen reader says which of the m it holds
 * (until 2026-12-05 only the page's title was numbered, and every disclosure was named by the bare title).
 */
function numberedVignetteTitle(def: StudyDefinition, position: number, count: number): LocalizedText {
  const { title } = vignetteOf(def);
  return Object.fromEntries(studyLocales(def).map((locale) => [locale, `${messagesFor(locale).vignetteProgress(position, count)}: ${textIn(title, locale)}`]));
}

/**
 * Vignette `position`'s outcome pages, each titled page's title numbered in each locale ("What should the United
 * States do? — vignette 2 of 3"): until 2026-12-05 the m copies shared one title, a heading a screen reader read
 * alike after every vignette. An untitled page is titled "Questions about vignette 2 of 3": without a heading its
 * questions followed the vignette with nothing saying, in reading order or a screen reader's list of headings,
 * which vignette they asked about.
 */
function numberedOutcomePages(def: StudyDefinition, position: number, count: number): SurveyPage[] {
  return outcomePagesAfter(def, position).map((page) => {
    const { title } = page;
    const numbered = (locale: string) => {
      const messages = messagesFor(locale);
      return title === undefined ? messages.questionsAboutVignette(position, count) : messages.aboutVignette(textIn(title, locale), position, count);
    };
    return { ...page, title: Object.fromEntries(studyLocales(def).map((locale) => [locale, numbered(locale)])) };
  });
}

/** The definition as seen by vignette `position`: its outcome pages renamed and titled for that vignette, its title numbered. */
function definitionOfVignette(def: StudyDefinition, position: number, count: number): StudyDefinition {
  let list = perVignette.get(def);
  if (!list) {
    list = Array.from({ length: count }, (_, i) => ({
      ...def,
      vignette: { ...vignetteOf(def), title: numberedVignetteTitle(def, i + 1, count) },
      pages: { ...def.pages, outcomes: numberedOutcomePages(def, i + 1, count) },
    }));
    perVignette.set(def, list);
  }
  return list[position - 1]!;
}

/**
 * The SurveyJS JSON of a participant of a repeated-vignette design: consent and pre-treatment pages, then for
 * each of their vignettes (in reading order) its page, headed "Vignette k of m" (numberedVignetteTitle), and the outcome pages renamed
 * for it (repeated-vignettes.ts) whose "read again" disclosure shows that vignette, then the post-treatment
 * pages. Each vignette's part is what buildParticipantSurvey writes for one vignette, so the two never differ.
 */
export function buildRepeatedSurvey(def: StudyDefinition, assignments: readonly Assignment[], locale = defaultLocale(def)): Record<string, unknown> {
  const count = assignments.length;
  const head = 1 + def.pages.pretreatment.length;
  const tail = def.pages.posttreatment.length;
  let base: Record<string, unknown> | undefined;
  const middle = assignments.flatMap((assignment, i) => {
    const survey = buildParticipantSurvey(definitionOfVignette(def, i + 1, count), assignment, locale);
    base ??= survey;
    const pages = survey.pages as Page[];
    const [treatment, ...outcomes] = pages.slice(head, pages.length - tail);
    return [{ ...treatment!, name: i === 0 ? TREATMENT_PAGE : vignetteQuestionName(TREATMENT_PAGE, i + 1) }, ...outcomes];
  });
  const pages = base!.pages as Page[];
  return { ...base!, pages: [...pages.slice(0, head), ...middle, ...pages.slice(pages.length - tail)] };
}

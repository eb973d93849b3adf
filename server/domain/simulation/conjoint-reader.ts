import type { ConjointDraw } from '../conjoint-draws.ts';
import { conjointChoiceName, conjointRatingName } from '../conjoint-survey.ts';
import { defaultLocale, studyLocales, textIn } from '../localized-text.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { unescapeHtml } from '../vignette.ts';
import { studyDesign } from '../study-design.ts';
import type { Answers } from '../answers.ts';

type SurveyJson = { pages?: { elements?: { name?: string; html?: string }[] }[] };

/**
 * The conjoint tasks a respondent was shown, read back from the tables of the survey the server sent (as a
 * respondent reads them: attribute names and level texts, in the survey's own locale, `survey.locale`, the
 * participant's, as createConditionReader reads a vignette), so a simulated respondent answers what it saw, not
 * what the server stored. Throws when the survey's tables are not this study's.
 */
export function readConjointTasks(def: StudyDefinition, survey: unknown): ConjointDraw {
  // Texts of one language only: a level's Spanish text may be another level's English one ("Once" is eleven).
  const said = (survey as { locale?: unknown } | null)?.locale;
  const locale = typeof said === 'string' && studyLocales(def).includes(said) ? said : defaultLocale(def);
  const attributeByText = new Map(def.factors.map((f) => [f.text === undefined ? f.label : textIn(f.text, locale), f] as const));
  let attributeOrder: string[] = [];
  const tables = ((survey as SurveyJson).pages ?? []).flatMap((p) => (p.elements ?? []).filter((e) => e.name?.startsWith('conjoint_table_t') && e.html));
  if (tables.length === 0) throw new Error(`readConjointTasks: the survey shows no conjoint table of study "${def.id}"`);
  const tasks = tables.map((table) => {
    const order: string[] = [];
    const profiles: Record<string, string>[] = [];
    for (const [, head, cells] of table.html!.matchAll(/<tr role="row"><th scope="row"[^>]*>([^<]*)<\/th>(.*?)<\/tr>/g)) {
      const factor = attributeByText.get(unescapeHtml(head!));
      if (!factor) throw new Error(`readConjointTasks: "${unescapeHtml(head!)}" is not an attribute of study "${def.id}"`);
      order.push(factor.name);
      [...cells!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].forEach(([, text], p) => {
        const level = factor.levels.find((l) => textIn(l.text, locale) === unescapeHtml(text!));
        if (!level) throw new Error(`readConjointTasks: "${unescapeHtml(text!)}" is not a level of "${factor.name}"`);
        (profiles[p] ??= {})[factor.name] = level.code;
      });
    }
    attributeOrder = order;
    return profiles.map((levels) => ({ levels, probability: 0 }));
  });
  return { attributeOrder, tasks };
}

/** A simulated respondent's task answers under the names the survey asks them by (conjoint-survey.ts). */
export function conjointTaskAnswers(def: StudyDefinition, tasks: readonly { chosen: number | null; ratings: number[] }[]): Answers {
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') return {};
  const answers: Answers = {};
  tasks.forEach(({ chosen, ratings }, k) => {
    if (design.outcomes.choice && chosen !== null) answers[conjointChoiceName(design, k + 1)] = chosen;
    if (design.outcomes.rating) ratings.forEach((rating, p) => (answers[conjointRatingName(design, k + 1, p + 1)] = rating));
  });
  return answers;
}

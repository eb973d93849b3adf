import type { Answers } from './answers.ts';
import { DomainError } from './errors.ts';
import { participantSurveyPageCount } from './participant-survey.ts';
import type { StudyDefinition, SurveyPage } from './study-definition.ts';
import { studyDesign } from './study-design.ts';

/**
 * Repeated vignettes (docs/designs.md): a respondent reads m vignettes, each followed by the outcome pages. One
 * SurveyJS survey holds them all, so the outcome questions of vignette k are renamed `<name>__V<k>` (an
 * uppercase letter, which no definition's snake_case name has, so the names never clash) and references to
 * them inside the copied pages (`{support}` in a visibleIf or a piped title) follow. The answers are stored
 * under these names; the export turns them back into one row per respondent × vignette with the question's own
 * name (export/repeated-rows.ts). With one vignette nothing is renamed: every study before designs is as it was.
 *
 * Page layout of a participant's survey: consent, the pre-treatment pages, then for k = 1..m the vignette page
 * of vignette k (the first keeps the name `treatment_page`, where the quota step happens) and its outcome pages,
 * then the post-treatment pages.
 */

const SUFFIX = '__V';
const SUFFIXED = /^(.+)__V([1-9][0-9]*)$/;

/** The name of question `name` after vignette `position` (1-based). */
export function vignetteQuestionName(name: string, position: number): string {
  return `${name}${SUFFIX}${position}`;
}

/** `support__V2` → `{ name: 'support', position: 2 }`; null for a name of no vignette. */
export function splitVignetteQuestionName(name: string): { name: string; position: number } | null {
  const match = SUFFIXED.exec(name);
  return match ? { name: match[1]!, position: Number(match[2]) } : null;
}

/** Vignettes per respondent of a vignette design (1 without a `design`). */
export function perRespondent(def: StudyDefinition): number {
  const design = studyDesign(def);
  return design.kind === 'vignette' ? design.vignettesPerRespondent : 1;
}

const outcomeCopies = new WeakMap<StudyDefinition, SurveyPage[][]>();

/** The outcome pages asked after vignette `position`, renamed (the pages themselves with m = 1). */
export function outcomePagesAfter(def: StudyDefinition, position: number): SurveyPage[] {
  const m = perRespondent(def);
  if (m === 1) return def.pages.outcomes;
  let copies = outcomeCopies.get(def);
  if (!copies) {
    copies = Array.from({ length: m }, (_, i) => renameOutcomePages(def.pages.outcomes, i + 1));
    outcomeCopies.set(def, copies);
  }
  return copies[position - 1]!;
}

function renameOutcomePages(pages: readonly SurveyPage[], position: number): SurveyPage[] {
  const names = pages.flatMap((p) => p.elements.map((e) => e.name));
  const escaped = names.map((n) => n.replace(/[^a-z0-9_]/g, ''));
  // `{name}`, `{name.x}` or `{name[0]}` in any text or expression of the copied pages refers to this vignette's answer.
  const reference = new RegExp(`\\{(${escaped.join('|')})(?=[}.\\[])`, 'g');
  return pages.map((page) => {
    const copy = JSON.parse(JSON.stringify(page).replace(reference, (_, name: string) => `{${vignetteQuestionName(name, position)}`)) as SurveyPage;
    return {
      ...copy,
      name: vignetteQuestionName(copy.name, position),
      // A battery (straight-lining flag, long export) is the items answered about one vignette.
      elements: copy.elements.map((e) => {
        const battery = (e as { battery?: unknown }).battery;
        return { ...e, name: vignetteQuestionName(e.name, position), ...(typeof battery === 'string' ? { battery: vignetteQuestionName(battery, position) } : {}) };
      }) as SurveyPage['elements'],
    };
  });
}

const fielded = new WeakMap<StudyDefinition, StudyDefinition>();

/**
 * The definition as the respondent path checks answers against it: with m > 1, its `pages.outcomes` are the m
 * renamed copies in order, so answer validation, required questions, derived columns and quality flags see
 * every vignette's questions. The definition itself with one vignette.
 */
export function fieldedDefinition(def: StudyDefinition): StudyDefinition {
  const m = perRespondent(def);
  if (m === 1) return def;
  let out = fielded.get(def);
  if (!out) {
    out = { ...def, pages: { ...def.pages, outcomes: Array.from({ length: m }, (_, i) => outcomePagesAfter(def, i + 1)).flat() } };
    fielded.set(def, out);
  }
  return out;
}

/** Index of each vignette's page in the participant's survey (the first is the treatment page). */
export function vignettePageIndices(def: StudyDefinition): number[] {
  const first = 1 + def.pages.pretreatment.length;
  const stride = 1 + def.pages.outcomes.length;
  return Array.from({ length: perRespondent(def) }, (_, i) => first + i * stride);
}

/** Pages of every participant's survey, the m vignette pages and their outcome pages included. */
export function repeatedSurveyPageCount(def: StudyDefinition): number {
  return participantSurveyPageCount(def) + (perRespondent(def) - 1) * (1 + def.pages.outcomes.length);
}

/**
 * The treatment order of a repeated design, per vignette, beside checkTreatmentOrder (which keeps the
 * pre-treatment answers fixed once the first vignette was shown). `currentPage` is the furthest page the
 * participant reached before this request. Refused (409): an answer about vignette k before vignette k was
 * shown; a changed answer about vignette k once vignette k + 1 was shown (the respondent has moved on, as the
 * page without a back button lets them); a post-treatment answer before the last vignette was shown.
 */
export function checkVignetteOrder(def: StudyDefinition, currentPage: number, stored: Answers, incoming: Answers): void {
  // One vignette: checkTreatmentOrder is the whole rule (and every save of such a study passes here).
  if (perRespondent(def) === 1) return;
  const pages = vignettePageIndices(def);
  const posttreatment = postTreatmentNames(def);
  for (const [name, value] of Object.entries(incoming)) {
    const own = splitVignetteQuestionName(name);
    if (own && own.position <= pages.length) {
      if (currentPage < pages[own.position - 1]!) {
        throw new DomainError('conflict', `answers.${name}: cannot be answered before vignette ${own.position} was shown`);
      }
      const next = pages[own.position];
      if (next !== undefined && currentPage >= next && JSON.stringify(stored[name]) !== JSON.stringify(value)) {
        throw new DomainError('conflict', `answers.${name}: answers about vignette ${own.position} cannot change after vignette ${own.position + 1} was shown`);
      }
    } else if (posttreatment.has(name) && currentPage < pages.at(-1)!) {
      throw new DomainError('conflict', `answers.${name}: cannot be answered before the last vignette was shown`);
    }
  }
}

const postOf = new WeakMap<StudyDefinition, ReadonlySet<string>>();
function postTreatmentNames(def: StudyDefinition): ReadonlySet<string> {
  let names = postOf.get(def);
  if (!names) {
    names = new Set(def.pages.posttreatment.flatMap((p) => p.elements.map((e) => e.name)));
    postOf.set(def, names);
  }
  return names;
}

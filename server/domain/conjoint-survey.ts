import { z } from 'zod';
import { messagesFor } from '../../public/src/i18n/messages.ts';
import type { Answers } from './answers.ts';
import { textIn } from './localized-text.ts';
import type { ProfileAttributeRow } from './respondent-plan.ts';
import { studyDesign, type ConjointDesign } from './study-design.ts';
import type { StudyDefinition } from './study-definition.ts';
import { TREATMENT_PAGE } from './survey-names.ts';
import { escapeHtml } from './vignette.ts';

/**
 * The conjoint tasks in a participant's survey (issue 15): one page per task, each with the task's table of
 * profiles, a forced choice and/or a rating of each profile. Built on the server from the profiles stored when
 * the participant was drawn, so the page never learns attribute names or level codes and a reload shows what was
 * stored.
 *
 * Answer names (docs/api.md): the choice of task t is `<choice.name>_t<t>` with the profile number (1 or 2) as
 * its value; the rating of profile p in task t is `<rating.name>_t<t>_p<p>`. They live with the participant's
 * other answers, so autosave, the treatment order (the first task page is the treatment page: nothing of a task
 * can be answered before it) and completion treat them as they treat every answer.
 */

export const conjointChoiceName = (design: ConjointDesign, task: number): string => `${design.outcomes.choice!.name}_t${task}`;
export const conjointRatingName = (design: ConjointDesign, task: number, profile: number): string =>
  `${design.outcomes.rating!.name}_t${task}_p${profile}`;

/** The page of task t (1-based): the first is the treatment page, after which pre-treatment answers are fixed. */
export const conjointTaskPageName = (task: number): string => (task === 1 ? TREATMENT_PAGE : `conjoint_task_${task}`);

/** Every answer a conjoint's tasks ask, with the values it accepts; empty for other designs. */
export function conjointAnswerShape(def: StudyDefinition): Record<string, z.ZodType> {
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') return {};
  const shape: Record<string, z.ZodType> = {};
  const profiles = Array.from({ length: design.profilesPerTask }, (_, i) => i + 1);
  const ratingValues = design.outcomes.rating?.choices.map((c) => c.value) ?? [];
  for (let t = 1; t <= design.tasks; t++) {
    if (design.outcomes.choice) shape[conjointChoiceName(design, t)] = z.literal(profiles);
    if (design.outcomes.rating) for (const p of profiles) shape[conjointRatingName(design, t, p)] = z.literal(ratingValues);
  }
  return shape;
}

/** The task answers a completion still lacks (every task's choice and ratings are required). */
export function missingConjointAnswers(def: StudyDefinition, answers: Answers): string[] {
  return Object.keys(conjointAnswerShape(def)).filter((name) => answers[name] === undefined);
}

/** The task pages of a conjoint participant's survey, in their locale, from their stored profile rows. */
export function conjointTaskPages(def: StudyDefinition, rows: readonly ProfileAttributeRow[], locale: string): Record<string, unknown>[] {
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') throw new RangeError(`conjointTaskPages: study "${def.id}" is not a conjoint`);
  const t = (value: Parameters<typeof textIn>[0]) => textIn(value, locale);
  const labels = Array.from({ length: design.profilesPerTask }, (_, i) => t(design.task.profileLabels[i] ?? String.fromCharCode(65 + i)));
  const messages = messagesFor(locale);
  return Array.from({ length: design.tasks }, (_, i) => {
    const task = i + 1;
    const taskRows = rows.filter((r) => r.task === task);
    const elements: Record<string, unknown>[] = [{ type: 'html', name: `conjoint_table_t${task}`, html: taskTableHtml(def, taskRows, labels, design, locale) }];
    const choice = design.outcomes.choice;
    if (choice) {
      elements.push({
        type: 'radiogroup',
        name: conjointChoiceName(design, task),
        title: t(choice.title),
        isRequired: true,
        choices: labels.map((text, p) => ({ value: p + 1, text })),
      });
    }
    const rating = design.outcomes.rating;
    if (rating) {
      labels.forEach((label, p) =>
        elements.push({
          type: 'radiogroup',
          name: conjointRatingName(design, task, p + 1),
          title: `${label}: ${t(rating.title)}`,
          isRequired: true,
          choices: rating.choices.map((c) => ({ value: c.value, text: t(c.text) })),
        }),
      );
    }
    return { name: conjointTaskPageName(task), title: messages.taskOf(task, design.tasks), elements };
  });
}

/**
 * One task's table: attributes as rows in the participant's order, profiles as columns. A real table (column and
 * row headers) that respondent.css lays out as one block per attribute on a narrow screen (the attribute's name
 * above the profiles' levels side by side), so a 390 px phone never scrolls sideways; the explicit roles keep the
 * table's semantics for screen readers when CSS changes its display.
 */
function taskTableHtml(def: StudyDefinition, rows: readonly ProfileAttributeRow[], labels: readonly string[], design: ConjointDesign, locale: string): string {
  const t = (value: Parameters<typeof textIn>[0]) => escapeHtml(textIn(value, locale));
  const factors = new Map(def.factors.map((f) => [f.name, f]));
  const attributes = [...new Set(rows.filter((r) => r.profile === 1).sort((a, b) => a.position - b.position).map((r) => r.attribute))];
  const levelText = (attribute: string, profile: number) => {
    const code = rows.find((r) => r.attribute === attribute && r.profile === profile)!.level;
    const level = factors.get(attribute)!.levels.find((l) => l.code === code)!;
    return t(level.text);
  };
  const head = `<tr role="row"><td class="vlab-conjoint__corner" role="cell"></td>${labels.map((l) => `<th scope="col" role="columnheader">${escapeHtml(l)}</th>`).join('')}</tr>`;
  const body = attributes
    .map((attribute) => {
      const factor = factors.get(attribute)!;
      const name = factor.text === undefined ? escapeHtml(factor.label) : t(factor.text);
      const cells = labels.map((label, p) => `<td role="cell" data-profile="${escapeHtml(label)}">${levelText(attribute, p + 1)}</td>`).join('');
      return `<tr role="row"><th scope="row" role="rowheader">${name}</th>${cells}</tr>`;
    })
    .join('');
  const intro = `<p class="vlab-conjoint__title">${t(design.task.title)}</p>${design.task.instructions ? `<p>${t(design.task.instructions)}</p>` : ''}`;
  return `<div class="vlab-conjoint">${intro}<table class="vlab-conjoint__table vlab-conjoint__table--${labels.length}" role="table"><thead role="rowgroup">${head}</thead><tbody role="rowgroup">${body}</tbody></table></div>`;
}

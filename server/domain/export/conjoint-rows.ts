import type { Answers } from '../answers.ts';
import { conjointChoiceName, conjointRatingName, conjointTaskPageName } from '../conjoint-survey.ts';
import { profileSpace } from '../conjoint-profiles.ts';
import { defaultLocale, textIn } from '../localized-text.ts';
import type { ProfileAttributeRow } from '../respondent-plan.ts';
import { studyDesign, type ConjointDesign } from '../study-design.ts';
import type { StudyDefinition } from '../study-definition.ts';
import type { ColumnSpec, WideRow } from './wave-columns.ts';
import { answerValue } from './wide-row.ts';

/**
 * The profile-level ("long") data of a conjoint wave, the shape cregg and `vlab amce`/`mm` read as is: one row per
 * participant × task × profile with the level code of every attribute, the attribute's row in that participant's
 * table (`<attribute>_position`), the exact probabilities the design gave the profile, the outcomes (`chosen`
 * 1/0, the rating) and the participant's covariates repeated on each row (their pre-treatment answers and derived
 * columns, e.g. `party`, `attention_pass`). Column names are the design's own: the attribute names, the outcomes'
 * `name`s, `participant` as the cluster id. Pure.
 */

const HEAD: ColumnSpec[] = [
  { name: 'participant', role: 'id', type: 'string', label: 'Participant code (opaque, random): the cluster of the standard errors' },
  { name: 'wave_id', role: 'meta', type: 'string', label: 'Wave id' },
  { name: 'status', role: 'meta', type: 'string', label: 'Participant status (see the wide file)' },
  { name: 'task', role: 'design', type: 'integer', label: 'Task number (1, 2, …), in the order the participant did them' },
  { name: 'profile', role: 'design', type: 'integer', label: 'Profile number within the task (1 = first column, "left"; 2 = second, "right")' },
];

/** The file's columns for this study: head, attributes, positions, probabilities, outcomes, covariates. */
export function conjointProfileColumns(def: StudyDefinition, wideColumns: readonly ColumnSpec[]): ColumnSpec[] {
  const design = conjointDesignOf(def);
  const locale = defaultLocale(def);
  const attributes = def.factors.map(
    (f): ColumnSpec => ({ name: f.name, role: 'design', type: 'categorical', label: f.label, levels: f.levels.map((l) => ({ value: l.code, label: l.label })) }),
  );
  const positions = def.factors.map(
    (f): ColumnSpec => ({ name: `${f.name}_position`, role: 'design', type: 'integer', label: `Row of "${f.label}" in this participant's tables (1 = top; the same in every task)` }),
  );
  const probabilities: ColumnSpec[] = [
    ...def.factors.map(
      (f): ColumnSpec => ({ name: `${f.name}_probability`, role: 'design', type: 'number', label: `Exact probability that a profile shows this level of "${f.label}" (weights and restrictions)` }),
    ),
    { name: 'profile_probability', role: 'design', type: 'number', label: 'Exact probability that a profile shows all of these levels' },
  ];
  const outcomes: ColumnSpec[] = [];
  if (design.outcomes.choice) {
    outcomes.push({
      name: design.outcomes.choice.name,
      role: 'answer',
      type: 'boolean',
      label: `1 if the participant chose this profile in answer to "${textIn(design.outcomes.choice.title, locale)}", else 0 (empty if the task was not answered)`,
      levels: [
        { value: 1, label: 'chosen' },
        { value: 0, label: 'not chosen' },
      ],
    });
  }
  if (design.outcomes.rating) {
    const rating = design.outcomes.rating;
    outcomes.push({
      name: rating.name,
      role: 'answer',
      type: 'categorical',
      label: `The participant's rating of this profile: "${textIn(rating.title, locale)}"`,
      levels: rating.choices.map((c) => ({ value: c.value, label: textIn(c.text, locale) })),
    });
  }
  const covariates = wideColumns.filter((c) => (c.role === 'answer' && c.section === 'pretreatment') || c.role === 'derived');
  return [...HEAD, ...attributes, ...positions, ...probabilities, ...outcomes, ...covariates];
}

/** One participant's profile rows: `profiles` are their stored rows (any order), `wide` their wide row. */
export function conjointProfileRows(
  def: StudyDefinition,
  columns: readonly ColumnSpec[],
  participant: { wide: WideRow; answers: Answers | null },
  profiles: readonly ProfileAttributeRow[],
): WideRow[] {
  const design = conjointDesignOf(def);
  const covariates = columns.filter((c) => (c.role === 'answer' && c.section === 'pretreatment') || c.role === 'derived');
  const byProfile = new Map<string, ProfileAttributeRow[]>();
  for (const r of profiles) {
    const key = `${r.task}:${r.profile}`;
    byProfile.set(key, [...(byProfile.get(key) ?? []), r]);
  }
  const answers = participant.answers ?? {};
  const out: WideRow[] = [];
  for (let task = 1; task <= design.tasks; task++) {
    for (let profile = 1; profile <= design.profilesPerTask; profile++) {
      const rows = byProfile.get(`${task}:${profile}`);
      if (!rows) continue;
      const row: WideRow = { participant: participant.wide.participant ?? null, wave_id: participant.wide.wave_id ?? null, status: participant.wide.status ?? null, task, profile };
      for (const r of rows) {
        row[r.attribute] = r.level;
        row[`${r.attribute}_position`] = r.position;
        row[`${r.attribute}_probability`] = r.levelProbability;
        row.profile_probability = r.profileProbability;
      }
      if (design.outcomes.choice) {
        const chosen = answers[conjointChoiceName(design, task)];
        row[design.outcomes.choice.name] = typeof chosen === 'number' ? (chosen === profile ? 1 : 0) : null;
      }
      if (design.outcomes.rating) row[design.outcomes.rating.name] = answerValue(answers[conjointRatingName(design, task, profile)]);
      for (const c of covariates) row[c.name] = participant.wide[c.name] ?? null;
      out.push(row);
    }
  }
  return out;
}

/** The codebook's account of a conjoint design: attributes, restrictions, exact level probabilities, the draw. */
export function conjointCodebookDesign(def: StudyDefinition, seed: string) {
  const design = conjointDesignOf(def);
  const space = profileSpace(def);
  return {
    kind: 'conjoint',
    tasks: design.tasks,
    profilesPerTask: design.profilesPerTask,
    attributeOrder: design.attributeOrder,
    attributes: def.factors.map((f) => ({
      name: f.name,
      label: f.label,
      text: f.text ?? null,
      levels: f.levels.map((l) => ({ code: l.code, label: l.label, text: l.text, weight: l.weight ?? 1, probability: space.levelProbability.get(f.name)!.get(l.code)! })),
    })),
    restrictions: def.restrictions ?? [],
    profiles: {
      full: def.factors.reduce((n, f) => n * f.levels.length, 1),
      allowed: allowedProfileCount(def),
    },
    randomization: {
      seed,
      description:
        "Each participant's attribute order and profiles are drawn from the wave's seed and their draw index (docs/api.md, " +
        'Randomization): each attribute by its weights, a profile that breaks a restriction drawn again. Stored per profile ' +
        'and exported as the *_position and *_probability columns.',
    },
    files: {
      'profiles-csv':
        'One row per participant × task × profile; read it in R with read.csv and set each attribute as a factor with the ' +
        "levels in the order listed here (the first is cregg's reference), e.g. cregg::amce(d, chosen ~ regime + behavior * troops, id = ~participant).",
    },
  };
}

/** Profiles the design can show: the product over the restriction components of their allowed combinations. */
export function allowedProfileCount(def: StudyDefinition): number {
  return profileSpace(def).components.reduce((n, c) => n * c.combinations.length, 1);
}

function conjointDesignOf(def: StudyDefinition): ConjointDesign {
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') throw new RangeError(`conjoint export: study "${def.id}" is not a conjoint`);
  return design;
}

/**
 * The task answers as columns of the wide file (one row per participant), in survey order: `chosen_t1` (the
 * chosen profile's number), `support_aid_cut_t1_p1`, …; empty for other designs. The profile file has them per
 * profile.
 */
export function conjointAnswerColumns(def: StudyDefinition, locale: string): ColumnSpec[] {
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') return [];
  const labels = Array.from({ length: design.profilesPerTask }, (_, i) => textIn(design.task.profileLabels[i] ?? String.fromCharCode(65 + i), locale));
  const columns: ColumnSpec[] = [];
  for (let task = 1; task <= design.tasks; task++) {
    const page = conjointTaskPageName(task);
    const { choice, rating } = design.outcomes;
    if (choice) {
      const levels = labels.map((label, i) => ({ value: i + 1, label }));
      columns.push({ name: conjointChoiceName(design, task), role: 'answer', type: 'categorical', label: `Task ${task}: ${textIn(choice.title, locale)}`, levels, page, section: 'outcomes' });
    }
    if (rating) {
      const levels = rating.choices.map((c) => ({ value: c.value, label: textIn(c.text, locale) }));
      labels.forEach((label, i) =>
        columns.push({ name: conjointRatingName(design, task, i + 1), role: 'answer', type: 'categorical', label: `Task ${task}, ${label}: ${textIn(rating.title, locale)}`, levels, page, section: 'outcomes' }),
      );
    }
  }
  return columns;
}

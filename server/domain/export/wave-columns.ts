import { PANEL_PARAMS } from '../panel-params.ts';
import { CONSENT_PAGE } from '../survey-names.ts';
import { studyDesign } from '../study-design.ts';
import { conjointAnswerColumns } from './conjoint-rows.ts';
import { qualityFlagLabel } from './quality-flag-labels.ts';
import { QUALITY_FLAGS, type QualityFlagName } from '../quality-flags.ts';
import { defaultLocale, studyLocales, textIn, type LocalizedText } from '../localized-text.ts';
import { labelled } from './column-languages.ts';
import { choiceValues, CONSENT_QUESTION, offersReread, VIGNETTE_REOPENED, type StudyDefinition, type SurveyElement } from '../study-definition.ts';

/**
 * The columns of a wave's data, one row per participant ("wide"), in the order every export writes them:
 * ids, meta, panel, design, answers, derived, flags. Pure: the CSV/JSON writers, the codebook and the analysis
 * plan all read these specs, so a column has one name and one meaning everywhere.
 */

export type ColumnRole = 'id' | 'meta' | 'panel' | 'design' | 'answer' | 'derived' | 'flag';

/**
 * `categorical`: a closed set of `levels` (factor levels, choice values — numbers stay numbers);
 * `multi`: checkbox answers, the chosen values joined by `;`; `boolean`: 1 = true, 0 = false.
 */
export type ColumnType = 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'categorical' | 'multi' | 'timestamp';

export interface ColumnLevel {
  value: string | number;
  label: string;
  /** An answer's text in each language of a study in several (label: the default language's). */
  labels?: Record<string, string>;
}

export interface ColumnSpec {
  name: string;
  role: ColumnRole;
  type: ColumnType;
  /** What the column holds: the question text for answers, the factor label for design columns. */
  label: string;
  /** A question's text in each language of a study in several (label: the default language's). */
  labels?: Record<string, string>;
  levels?: ColumnLevel[];
  /** Answers only: the page the question is on and its part of the survey. */
  page?: string;
  section?: 'consent' | 'pretreatment' | 'outcomes' | 'posttreatment';
  /** Answers only: the item battery this question belongs to (stacked by the long export). */
  battery?: string;
}

export type WideValue = string | number | null;
export type WideRow = Record<string, WideValue>;

export interface WaveColumnOptions {
  /**
   * Quality flags (quality-flags.ts) as bare names, e.g. `['straightlining']`: each becomes a `flag_<name>` column at
   * the end of the row, filled from `WideRowInput.flags`.
   */
  flags?: readonly string[];
}

/** The reading position (1..m) of the row's vignette: a column of repeated-vignette designs only. */
export const VIGNETTE_COLUMN = 'vignette';

/** Prefix of every quality-flag column. */
export const FLAG_PREFIX = 'flag_';

const META_COLUMNS: ColumnSpec[] = [
  { name: 'participant', role: 'id', type: 'string', label: 'Participant code (opaque, random)' },
  { name: 'wave_id', role: 'meta', type: 'string', label: 'Wave id' },
  {
    name: 'status',
    role: 'meta',
    type: 'categorical',
    label: 'Participant status',
    levels: [
      { value: 'started', label: 'Started, not finished (partial)' },
      { value: 'complete', label: 'Completed' },
      { value: 'screened_out', label: 'Screened out (see screenout_reason)' },
      { value: 'overquota', label: 'Quota cell full before treatment' },
    ],
  },
  { name: 'screenout_reason', role: 'meta', type: 'string', label: 'Why the participant was screened out' },
  {
    name: 'panel_source',
    role: 'panel',
    type: 'categorical',
    label: 'Panel the participant came from (by the identity parameter in the link)',
    levels: [
      { value: 'prolific', label: 'Prolific (PROLIFIC_PID)' },
      { value: 'mturk', label: 'MTurk (workerId)' },
      { value: 'lucid', label: 'Lucid-style (RID)' },
    ],
  },
  { name: 'panel_id', role: 'panel', type: 'string', label: 'Participant id on the panel' },
  {
    name: 'participant_ref',
    role: 'panel',
    type: 'string',
    label: 'Participant reference sent to the panel in redirect URLs ({participant}); random, not a credential',
  },
];

const TIME_COLUMNS: ColumnSpec[] = [
  { name: 'started_at', role: 'meta', type: 'timestamp', label: 'Start (ISO 8601, UTC)' },
  { name: 'completed_at', role: 'meta', type: 'timestamp', label: 'Completion, screen-out or over-quota exit (ISO 8601, UTC)' },
  {
    name: 'duration_seconds',
    role: 'meta',
    type: 'number',
    label: 'Seconds from start to completed_at; empty when completed_at is before started_at (a server clock stepped back): not a duration, never a speeder',
  },
];

/** Labels are the respondent-facing texts in the study's default locale (the first), and `labels` in each of several. */
function answerColumn(e: SurveyElement, page: string, section: ColumnSpec['section'], locales: readonly string[]): ColumnSpec | null {
  const title = e.type !== 'html' && e.title ? labelled(e.title, locales) : { label: e.name };
  const base = { name: e.name, role: 'answer' as const, ...title, page, section };
  const battery = e.type === 'html' ? undefined : e.battery;
  const withBattery = (spec: ColumnSpec): ColumnSpec => (battery ? { ...spec, battery } : spec);
  switch (e.type) {
    case 'html':
      return null;
    case 'radiogroup':
    case 'dropdown':
    case 'rating':
      return withBattery({ ...base, type: 'categorical', levels: choiceLevels(e, locales) });
    case 'checkbox':
      return withBattery({ ...base, type: 'multi', levels: choiceLevels(e, locales) });
    case 'boolean':
      return withBattery({ ...base, type: 'boolean', levels: yesNoLevels(e, locales) });
    case 'text':
      return withBattery({ ...base, type: e.inputType === 'number' ? 'number' : 'text' });
    case 'comment':
      return withBattery({ ...base, type: 'text' });
  }
}

/**
 * The element's accepted values (choiceValues) with the respondent-facing text of each, where it has one. A rating's
 * ends without texts of their own take the words shown beside them (minRateDescription, maxRateDescription): walk-through
 * 31's 1–5 rating, "Strongly oppose" to "Strongly support" on the page and in vlab estimates' scale line, was "1" to
 * "5" in the codebook.
 */
function choiceLevels(e: SurveyElement, locales: readonly string[]): ColumnLevel[] {
  const list = 'choices' in e && Array.isArray(e.choices) ? e.choices : 'rateValues' in e && Array.isArray(e.rateValues) ? e.rateValues : [];
  const texts = new Map(list.flatMap((c) => (typeof c === 'object' && c.text ? [[c.value, labelled(c.text, locales)] as const] : [])));
  const values = choiceValues(e);
  const ends = e as { minRateDescription?: LocalizedText; maxRateDescription?: LocalizedText };
  const endWords = (value: unknown) =>
    e.type !== 'rating' ? undefined : value === values[0] ? ends.minRateDescription : value === values[values.length - 1] ? ends.maxRateDescription : undefined;
  return values.map((value) => {
    const words = endWords(value);
    return { value, ...(texts.get(value) ?? (words === undefined ? { label: String(value) } : labelled(words, locales))) };
  });
}

/**
 * A yes/no question's 1 and 0 by the words the respondent saw where the study gives them (`labelTrue`, `labelFalse`;
 * until walk-through 30 "true" and "false" whatever the study said), else "true" and "false".
 */
function yesNoLevels(e: SurveyElement, locales: readonly string[]): ColumnLevel[] {
  const words = e as { labelTrue?: LocalizedText; labelFalse?: LocalizedText };
  return [
    { value: 1, ...(words.labelTrue ? labelled(words.labelTrue, locales) : { label: 'true' }) },
    { value: 0, ...(words.labelFalse ? labelled(words.labelFalse, locales) : { label: 'false' }) },
  ];
}

const booleanLevels = (): ColumnLevel[] => [
  { value: 1, label: 'true' },
  { value: 0, label: 'false' },
];

/**
 * What each panel parameter column holds. `RID` and `rid` are one Lucid-style ID under two spellings: a link that
 * writes `?rid=` keeps it under that name (its redirects fill `{rid}`), while other capitals go to `RID`; "Panel link
 * parameter rid" beside "… RID" left a newcomer asking what the second column was (walk-through 27).
 */
const PANEL_PARAM_LABELS: Record<(typeof PANEL_PARAMS)[number], string> = {
  PROLIFIC_PID: "Prolific participant ID, as the link's PROLIFIC_PID gave it",
  STUDY_ID: "Prolific study ID, as the link's STUDY_ID gave it",
  SESSION_ID: "Prolific session ID, as the link's SESSION_ID gave it",
  workerId: "MTurk worker ID, as the link's workerId gave it",
  assignmentId: "MTurk assignment ID, as the link's assignmentId gave it",
  hitId: "MTurk HIT ID, as the link's hitId gave it",
  RID: "Lucid-style respondent ID, as the link's RID (in any capitals but rid) gave it",
  rid:
    'Lucid-style respondent ID, as a link that writes it in lower case (?rid=) gave it, kept under that name as its ' +
    'redirects\' {rid} is; panel_id holds the ID whichever of the two carried it',
};

/** The ordered column specs of every export of a wave of this study. */
// Whole on purpose (~95 lines): one list in the export's column order, section after section; apart, the order would
// be spread over several functions.
export function waveColumns(def: StudyDefinition, options: WaveColumnOptions = {}): ColumnSpec[] {
  const locale = defaultLocale(def);
  const panel = PANEL_PARAMS.map((name): ColumnSpec => ({ name, role: 'panel', type: 'string', label: PANEL_PARAM_LABELS[name] }));
  // A conjoint participant has no cell: their profiles are in the profile file (conjoint-rows.ts).
  const conjoint = def.design?.kind === 'conjoint';
  const design: ColumnSpec[] = (conjoint ? [] : def.factors).map((f) => ({
    name: f.name,
    role: 'design',
    type: 'categorical',
    label: f.label,
    levels: f.levels.map((l) => ({ value: l.code, label: l.label })),
  }));
  const nCells = def.factors.reduce((n, f) => n * f.levels.length, 1);
  const studied = studyDesign(def);
  const m = studied.kind === 'vignette' ? studied.vignettesPerRespondent : 1;
  const drawColumn: ColumnSpec = { name: 'draw_index', role: 'design', type: 'integer', label: "Position in the wave's assignment sequence (0, 1, 2, …)" };
  design.push(
    ...(conjoint
      ? [drawColumn]
      : [
          { name: 'cell_index', role: 'design', type: 'integer', label: `Cell of the full factorial (0..${nCells - 1}, last factor fastest)` } as const,
          drawColumn,
          // A repeated design's rows are respondent × vignette (export/repeated-rows.ts).
          ...(m > 1 ? [{ name: VIGNETTE_COLUMN, role: 'design' as const, type: 'integer' as const, label: `Vignette of this row: the respondent read it in position 1..${m}` }] : []),
          {
            name: 'assignment_probability',
            role: 'design',
            type: 'number',
            label:
              m > 1
                ? `Inclusion probability of the row's cell: P(the respondent's ${m} vignettes include it) = ${m}·w/L (docs/designs.md)`
                : 'Probability of the assigned cell',
          } as const,
        ]),
  );

  const answers: ColumnSpec[] = [
    {
      name: CONSENT_QUESTION,
      role: 'answer',
      type: 'boolean',
      ...labelled(def.consent.question, studyLocales(def)),
      // By its two buttons' words, as a yes/no question's by its own (until walk-through 31 "true" and "false").
      levels: [
        { value: 1, ...labelled(def.consent.agreeLabel, studyLocales(def)) },
        { value: 0, ...labelled(def.consent.declineLabel, studyLocales(def)) },
      ],
      page: CONSENT_PAGE,
      section: 'consent',
    },
  ];
  for (const section of ['pretreatment', 'outcomes', 'posttreatment'] as const) {
    for (const page of def.pages[section]) {
      for (const e of page.elements) {
        const column = answerColumn(e, page.name, section, studyLocales(def));
        if (column) answers.push(column);
      }
    }
    if (section === 'outcomes') answers.push(...conjointAnswerColumns(def, locale));
  }

  const derived: ColumnSpec[] = def.attentionCheck
    ? [
        {
          name: def.attentionCheck.derivedColumn,
          role: 'derived',
          type: 'boolean',
          label: `1 if "${def.attentionCheck.question}" was answered ${JSON.stringify(def.attentionCheck.passValue)} (attention check passed), else 0; set at completion`,
          levels: booleanLevels(),
        },
      ]
    : [];
  if (offersReread(def)) {
    derived.push({
      name: VIGNETTE_REOPENED,
      role: 'derived',
      type: 'boolean',
      label: '1 if the respondent opened "Read the situation again" on an outcome page, else 0; set at completion',
      levels: booleanLevels(),
    });
  }
  const localeColumn: ColumnSpec = {
    name: 'locale',
    role: 'meta',
    type: 'categorical',
    label: 'Language the participant took the study in',
    levels: studyLocales(def).map((l) => ({ value: l, label: l })),
  };

  const flags = (options.flags ?? []).map(
    (name): ColumnSpec => ({ name: `${FLAG_PREFIX}${name}`, role: 'flag', type: 'boolean', label: flagLabel(def, name), levels: booleanLevels() }),
  );

  return [...META_COLUMNS, ...panel, ...design, ...TIME_COLUMNS, localeColumn, ...answers, ...derived, ...flags];
}

/** A flag column's label: the rule of one of quality-flags.ts's flags in this study's terms, or its bare name. */
function flagLabel(def: StudyDefinition, name: string): string {
  return (QUALITY_FLAGS as readonly string[]).includes(name) ? qualityFlagLabel(def, name as QualityFlagName) : `Quality flag: ${name}`;
}

/** The answer columns that carry a `battery` name, grouped by battery, in survey order. */
export function batteries(columns: readonly ColumnSpec[]): Map<string, ColumnSpec[]> {
  const out = new Map<string, ColumnSpec[]>();
  for (const c of columns) {
    if (!c.battery) continue;
    const list = out.get(c.battery) ?? [];
    list.push(c);
    out.set(c.battery, list);
  }
  return out;
}

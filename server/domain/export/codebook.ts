import { answerLimits, lengthIsServerCap } from '../answer-limit-bounds.ts';
import { allElements } from '../definition-elements.ts';
import { allCells, designOf } from '../design.ts';
import { codedOutcomeCoding } from '../plan/coded-outcomes.ts';
import { planHash } from '../plan/plan-hash.ts';
import { defaultLocale, studyLocales } from '../localized-text.ts';
import { expectedTerms } from '../plan/plan-terms.ts';
import { planTermLabels } from '../plan/term-labels.ts';
import { conjointTermLabels } from '../plan/conjoint-report.ts';
import { expectedConjointTerms } from '../plan/conjoint-terms.ts';
import { quotaCaps } from '../quota.ts';
import type { StudyDefinition } from '../study-definition.ts';
import { MAX_ANSWER_TEXT } from '../surveyjs-answer-shape.ts';
import type { Wave } from '../wave.ts';
import { assignmentScheme } from './assignment-scheme.ts';
import { conjointCodebookDesign, conjointProfileColumns } from './conjoint-rows.ts';
import { LONG_ITEM_COLUMNS, longColumnNames } from './long-rows.ts';
import { batteries, type ColumnSpec } from './wave-columns.ts';

export interface CodebookInput {
  def: StudyDefinition;
  wave: Wave;
  study: { key: string; version: number; contentHash: string };
  columns: readonly ColumnSpec[];
}

/**
 * The codebook of a wave's exports: the study snapshot and wave, the design (factors with level codes, labels
 * and the texts respondents read; every cell; the assignment scheme, assignment-scheme.ts), every column of the wide and long
 * files with its question text, type and levels, and the analysis plan's terms with their labels.
 */
export function buildCodebook({ def, wave, study, columns }: CodebookInput) {
  const design = designOf(def);
  const conjoint = def.design?.kind === 'conjoint';
  const limitsOf = questionLimits(def);
  return {
    study: {
      id: study.key,
      version: study.version,
      contentHash: study.contentHash,
      title: def.title,
      description: def.description ?? null,
      /** Texts given per locale are objects `{ "en": …, "es": … }`; each participant's locale is the `locale` column. */
      locales: studyLocales(def),
      /**
       * The language of every respondent-facing `label` below (the study's first); in a study of several, `labels`
       * beside a question's or an answer's label gives each language's words.
       */
      labelLocale: defaultLocale(def),
    },
    wave: {
      id: wave.id,
      status: wave.status,
      target: wave.target,
      seed: wave.seed,
      createdAt: wave.createdAt,
      locale: wave.locale,
      /** The analysis plan locked at launch (the snapshot's; equal to waves.plan_hash, docs/analysis-plans.md). */
      planHash: planHash(def),
    },
    design: conjoint ? conjointCodebookDesign(def, wave.seed) : {
      factors: def.factors.map((f) => ({
        name: f.name,
        label: f.label,
        levels: f.levels.map((l) => ({ code: l.code, label: l.label, text: l.text })),
      })),
      vignetteTemplate: def.vignette?.template,
      cells: allCells(design).map((assignment, index) => ({ index, ...assignment })),
      assignment: assignmentScheme(def, wave.seed, design.nCells),
    },
    quotas: def.quotas ? { ...def.quotas, caps: quotaCaps(def, wave.target) } : null,
    columns: columns.map((c) => ({
      name: c.name,
      role: c.role,
      type: c.type,
      label: c.label,
      ...(c.labels ? { labels: c.labels } : {}),
      ...(c.levels ? { levels: c.levels } : {}),
      ...(c.section ? { section: c.section, page: c.page } : {}),
      ...(c.battery ? { battery: c.battery } : {}),
      ...(c.role === 'answer' && limitsOf.has(c.name) ? limitsOf.get(c.name)! : {}),
    })),
    long: {
      description: 'long-csv: one row per participant and battery item; the design columns are repeated on every row.',
      columns: longColumnNames(columns),
      itemColumns: LONG_ITEM_COLUMNS,
      batteries: Object.fromEntries([...batteries(columns)].map(([name, items]) => [name, items.map((i) => i.name)])),
    },
    /** A conjoint's profile-level file (profiles-csv): one row per participant × task × profile. */
    ...(conjoint ? { profiles: { columns: conjointProfileColumns(def, columns).map(({ name, role, type, label, levels }) => ({ name, role, type, label, ...(levels ? { levels } : {}) })) } } : {}),
    /** The plan's outcomes coded 0/1 from a categorical question (not columns of the data; replicate.R codes them). */
    ...(def.analysisPlan.codedOutcomes
      ? { codedOutcomes: def.analysisPlan.codedOutcomes.map((c) => ({ ...c, coding: codedOutcomeCoding(def, c) })) }
      : {}),
    /**
     * Each hypothesis' model terms as the estimates name them (`term`, R's names) and in the study's words; a
     * conjoint's AMCE and marginal-mean terms too (`{}` until walk-through 32), as the estimates route lists them.
     */
    terms: Object.fromEntries(
      Object.entries({ ...planTermLabels(def, (h) => expectedTerms(def, h)), ...conjointTermLabels(def, (h) => expectedConjointTerms(def, h)) })
        .map(([h, labels]) => [h, Object.entries(labels).map(([term, label]) => ({ term, label }))]),
    ),
  };
}

/** The words beside a box's `maxLength` when the study set none (walk-through 23: "maxLength 5000" read as the study's). */
const SERVER_CAP_NOTE = `maxLength: no limit set in the study (${MAX_ANSWER_TEXT.toLocaleString('en-US')} characters is the server's cap on any text answer)`;

/**
 * Each question's limits (min/max, text lengths, choice counts) by name, for the questions that have some, and
 * `limitsNote` where a text box's maxLength is the server's cap rather than the study's.
 */
function questionLimits(def: StudyDefinition) {
  return new Map(allElements(def).flatMap((e) => {
    const limits = e.type === 'html' ? null : answerLimits(e);
    return limits ? [[e.name, { limits, ...(lengthIsServerCap(e) ? { limitsNote: SERVER_CAP_NOTE } : {}) }] as const] : [];
  }));
}

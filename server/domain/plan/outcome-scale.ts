import { YES_NO_LABELS } from '../../../public/src/i18n/yes-no-labels.ts';
import { waveColumns } from '../export/wave-columns.ts';
import { defaultLocale, textIn, type LocalizedText } from '../localized-text.ts';
import { allElements, type StudyDefinition } from '../study-definition.ts';
import { studyDesign } from '../study-design.ts';
import { studyLevelLabel } from './term-labels.ts';

/** What a 0/1 outcome's estimates are: differences in a share. */
const SHARE = 'an estimate is a difference in this share (0.10 = 10 percentage points)';

/**
 * What an outcome's estimates are measured in, for people: `vlab estimates`' table prints it under the outcome's
 * words and the dashboard's card beside them. Walk-through 29 read "0.364" under "How much do you support or oppose
 * the new bus line?" and "0.149" under a share, and nothing said 0.364 of what, nor that 0.149 is 15 percentage
 * points. Null where the study does not say (a number box has no unit in study.json).
 *
 * @example outcomeScale(busLineFunding, 'support_line') // 'scale: 1 "Strongly oppose" to 5 "Strongly support"; an estimate is a difference in these points'
 * @example outcomeScale(busLineFunding, 'vote_for') // 'scale: 1 (answered "For the plan") or 0; an estimate is a difference in this share (0.10 = 10 percentage points)'
 */
export function outcomeScale(def: StudyDefinition, outcome: string, estimator?: string): string | null {
  const conjoint = conjointScale(def, outcome, estimator);
  if (conjoint) return conjoint;
  const coded = def.analysisPlan.codedOutcomes?.find((c) => c.name === outcome);
  if (coded) {
    const answers = coded.values.map((v) => `"${studyLevelLabel(def, coded.question, String(v))}"`).join(' or ');
    return `scale: 1 (answered ${answers}) or 0; ${SHARE}`;
  }
  // A yes/no question is exported 1 (yes) and 0, so its estimates are shares too. Without a label of its own the
  // respondents read SurveyJS's word for yes in their language ("Sí"), quoted here in the study's default one.
  const question = allElements(def).find((e) => e.name === outcome);
  if (question?.type === 'boolean') {
    const yes = (question as { labelTrue?: LocalizedText }).labelTrue;
    const locale = defaultLocale(def);
    return `scale: 1 (answered "${yes === undefined ? YES_NO_LABELS[locale]!.yes : textIn(yes, locale)}") or 0; ${SHARE}`;
  }
  const stack = def.analysisPlan.hypotheses.find((h) => h.stack?.valueColumn === outcome)?.stack;
  const items = stack ? stack.items : [outcome];
  const scale = commonScale(items.map((name) => pointScale(def, name)));
  if (scale) return `scale: ${scale}; ${POINTS}`;
  // Stacked items on the same points whose ends are worded apart (walk-through 31: "Strongly oppose" … "Strongly
  // support" beside "Not at all" … "Completely"): the points are the unit still.
  const points = stack ? commonScale(items.map((name) => pointScale(def, name, false))) : null;
  return points ? `scale: ${points} on each question (their words at the ends differ); ${POINTS}` : null;
}

const POINTS = 'an estimate is a difference in these points';

/**
 * A conjoint's choice and rating are asked in every task, not questions of the pages: their scale is the design's.
 * An AMCE is a difference, a marginal mean (`estimator` "mm") a level. Walk-through 32 read -0.349 under "each
 * profile's rating" with no word of its scale; null for any other outcome.
 */
function conjointScale(def: StudyDefinition, outcome: string, estimator: string | undefined): string | null {
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') return null;
  const { choice, rating } = design.outcomes;
  const mm = estimator === 'mm';
  if (choice?.name === outcome) {
    const unit = mm ? 'a marginal mean is the share of profiles with that level chosen (0.50 = half)' : 'an estimate is a difference in the share of profiles chosen (0.10 = 10 percentage points)';
    return `scale: 1 (chosen) or 0; ${unit}`;
  }
  if (rating?.name !== outcome) return null;
  const sorted = [...rating.choices].sort((a, b) => a.value - b.value);
  const end = (c: (typeof sorted)[number]) => {
    const words = textIn(c.text, defaultLocale(def));
    return words === String(c.value) ? `${c.value}` : `${c.value} "${words}"`;
  };
  const unit = mm ? 'a marginal mean is the average rating of the profiles with that level' : POINTS;
  return `scale: ${end(sorted[0]!)} to ${end(sorted[sorted.length - 1]!)}; ${unit}`;
}

/** The one scale every item has; null where they differ or one has none. */
function commonScale(scales: (string | null)[]): string | null {
  return new Set(scales).size === 1 ? scales[0]! : null;
}

/**
 * '1 "Strongly oppose" to 5 "Strongly support"': an answer column whose choices are all numbers; null otherwise. An
 * end is worded by its choice's text, else by the rating's end label the respondent saw (minRateDescription,
 * maxRateDescription), else by its number alone: '1 to 5' (walk-through 30 read 'scale: 1 "1" to 5 "5"'); by
 * numbers alone where `worded` is false.
 */
function pointScale(def: StudyDefinition, name: string, worded = true): string | null {
  const levels = waveColumns(def).find((c) => c.name === name && c.role === 'answer' && c.type !== 'boolean')?.levels;
  if (!levels || levels.length < 2 || !levels.every((l) => typeof l.value === 'number')) return null;
  const sorted = [...levels].sort((a, b) => (a.value as number) - (b.value as number));
  const ends = allElements(def).find((e) => e.name === name) as { minRateDescription?: LocalizedText; maxRateDescription?: LocalizedText } | undefined;
  const end = (level: (typeof sorted)[number], description: LocalizedText | undefined) => {
    if (!worded) return `${level.value}`;
    const words = level.label !== String(level.value) ? level.label : description === undefined ? undefined : textIn(description, defaultLocale(def));
    return words === undefined ? `${level.value}` : `${level.value} "${words}"`;
  };
  return `${end(sorted[0]!, ends?.minRateDescription)} to ${end(sorted[sorted.length - 1]!, ends?.maxRateDescription)}`;
}

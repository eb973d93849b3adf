import { componentAttributes, MAX_COMPONENT_COMBINATIONS, profileSpace } from './conjoint-profiles.ts';
import { restrictionNameProblems } from './restrictions.ts';
import type { StudyDefinition } from './study-definition.ts';
import { studyDesign } from './study-design.ts';
import { designOf } from './design.ts';
import { emptyLevelTextProblems } from './empty-level-texts.ts';
import { vignetteSpace } from './vignette-cells.ts';
import { vignetteBlockSize } from './vignette-draws.ts';

type Problem = { path: PropertyKey[]; message: string };

/** A block longer than this would need more respondents than any wave to balance, and slows every draw. */
export const MAX_BLOCK_SLOTS = 100_000;
/** A vignette design's full factorial is enumerated (cells, blocks, the status's per-cell counts): at most this many cells. */
export const MAX_VIGNETTE_CELLS = 100_000;
/** Restrictions leaving fewer allowed profiles than this share make rejection sampling wasteful. */
export const MIN_ACCEPTANCE = 0.01;

/**
 * What the design needs from the rest of the definition, checked at load (docs/designs.md): the sections each
 * kind requires or forbids, restriction rules naming real factors and levels, weights, and that every level
 * keeps a positive probability while some combination stays allowed. Returns every problem found; the loader
 * reports the first. The space checks run only once the names are right, since they enumerate the design.
 */
export function designProblems(def: StudyDefinition): Problem[] {
  const design = studyDesign(def);
  const problems: Problem[] = design.kind === 'conjoint' ? conjointShapeProblems(def) : vignetteShapeProblems(def);
  problems.push(...restrictionNameProblems(def.factors, def.restrictions ?? []), ...emptyLevelTextProblems(def, design.kind));
  if (problems.length) return problems;
  return design.kind === 'conjoint' ? conjointSpaceProblems(def) : vignetteSpaceProblems(def, design.vignettesPerRespondent);
}

function vignetteShapeProblems(def: StudyDefinition): Problem[] {
  const problems: Problem[] = [];
  if (!def.vignette) problems.push({ path: ['vignette'], message: 'required: a vignette design needs a template with its factors' });
  if (def.pages.outcomes.length === 0) problems.push({ path: ['pages', 'outcomes'], message: 'expected at least one page of outcome questions after the vignette' });
  def.factors.forEach((f, i) => {
    if (f.text !== undefined) {
      problems.push({ path: ['factors', i, 'text'], message: 'only conjoint attributes have a name shown to respondents; a vignette shows its factors through the template' });
    }
    f.levels.forEach((l, j) => {
      if (l.weight !== undefined && !Number.isInteger(l.weight)) {
        problems.push({
          path: ['factors', i, 'levels', j, 'weight'],
          message: `a vignette design needs whole-number weights (each block holds every cell the product of its levels' weights times): write ${l.weight} : 1 as whole numbers in the same ratio, e.g. 3 : 2 for 1.5 : 1`,
        });
      }
    });
  });
  return problems;
}

function conjointShapeProblems(def: StudyDefinition): Problem[] {
  const design = studyDesign(def);
  if (design.kind !== 'conjoint') return [];
  const problems: Problem[] = [];
  if (def.vignette) problems.push({ path: ['vignette'], message: 'a conjoint shows its attributes in a table, not in a vignette: remove "vignette" (task texts go in design.task)' });
  if (def.pages.outcomes.length) problems.push({ path: ['pages', 'outcomes'], message: "a conjoint asks its outcomes in every task (design.outcomes); questions after the tasks go in pages.posttreatment" });
  def.factors.forEach((f, i) => {
    if (f.text === undefined) problems.push({ path: ['factors', i], message: `attribute "${f.name}" needs a "text": its name as respondents read it in the table` });
  });
  const { choice, rating } = design.outcomes;
  if (choice && design.profilesPerTask < 2) {
    problems.push({ path: ['design', 'outcomes', 'choice'], message: 'a forced choice needs two profiles per task (profilesPerTask: 2); with one, ask a rating' });
  }
  if (design.task.profileLabels.length !== design.profilesPerTask) {
    problems.push({ path: ['design', 'task', 'profileLabels'], message: `expected ${design.profilesPerTask} label(s), one per profile of a task` });
  }
  if (choice && rating && choice.name === rating.name) problems.push({ path: ['design', 'outcomes', 'rating', 'name'], message: `"${rating.name}" is also the choice's name` });
  const taken = new Set([...def.factors.map((f) => f.name), ...[def.pages.pretreatment, def.pages.outcomes, def.pages.posttreatment].flat().flatMap((p) => [p.name, ...p.elements.map((e) => e.name)])]);
  for (const [key, outcome] of Object.entries(design.outcomes)) {
    if (outcome && taken.has(outcome.name)) {
      problems.push({ path: ['design', 'outcomes', key, 'name'], message: `"${outcome.name}" is already the name of a factor, page or question` });
    }
  }
  if (rating) {
    const values = rating.choices.map((c) => c.value);
    if (new Set(values).size !== values.length) problems.push({ path: ['design', 'outcomes', 'rating', 'choices'], message: 'choice values must differ' });
  }
  return problems;
}

function vignetteSpaceProblems(def: StudyDefinition, perRespondent: number): Problem[] {
  // Checked before the space is enumerated: ten factors of 20 levels are 10¹³ cells, and `vlab study list` and
  // `vlab serve` ran for ever at 1.7 GB listing them (attacker pass 11).
  const { nCells } = designOf(def);
  if (nCells > MAX_VIGNETTE_CELLS) {
    return [{
      path: ['factors'],
      message: `the factors make ${nCells.toLocaleString('en-US')} cells (at most ${MAX_VIGNETTE_CELLS.toLocaleString('en-US')}), far more than respondents to fill them: use fewer factors or levels, or a conjoint (docs/designs.md), whose profiles are drawn per task`,
    }];
  }
  const space = vignetteSpace(def);
  const never = neverShown(def, (factor, level) => space.cells.some((c) => c.assignment[factor] === level));
  if (never.length) return never;
  if (space.cells.length < perRespondent) {
    return [{ path: ['design', 'vignettesPerRespondent'], message: `${perRespondent} distinct vignettes per respondent, but the design allows only ${space.cells.length} cells` }];
  }
  const heaviest = space.cells.reduce((a, b) => (b.multiplicity > a.multiplicity ? b : a));
  if (perRespondent * heaviest.multiplicity > space.total) {
    return [{
      path: ['design', 'vignettesPerRespondent'],
      message: `cell ${JSON.stringify(heaviest.assignment)} weighs ${heaviest.multiplicity} of ${space.total}: with ${perRespondent} vignettes each respondent would need it more than once; lower its levels' weights`,
    }];
  }
  const { slots } = vignetteBlockSize(space, perRespondent);
  // Only weights and repetition make a block longer than the cells; a plain factorial's block is its cells (at most MAX_VIGNETTE_CELLS).
  if (slots > MAX_BLOCK_SLOTS && slots > space.cells.length) {
    return [{ path: ['factors'], message: `the weights make a block of ${slots} vignettes (at most ${MAX_BLOCK_SLOTS}): use smaller whole-number weights in the same ratios` }];
  }
  return [];
}

function conjointSpaceProblems(def: StudyDefinition): Problem[] {
  for (const names of componentAttributes(def)) {
    const size = names.reduce((n, name) => n * def.factors.find((f) => f.name === name)!.levels.length, 1);
    if (size > MAX_COMPONENT_COMBINATIONS) {
      return [{ path: ['restrictions'], message: `the rules link ${names.join(', ')}: ${size} combinations to enumerate for exact probabilities (at most ${MAX_COMPONENT_COMBINATIONS}); link fewer attributes` }];
    }
  }
  const space = profileSpace(def);
  const never = neverShown(def, (factor, level) => space.levelProbability.get(factor)!.get(level)! > 0);
  if (never.length) return never;
  if (space.acceptance < MIN_ACCEPTANCE) {
    return [{ path: ['restrictions'], message: `the rules allow only ${(100 * space.acceptance).toPrecision(2)} % of weighted profiles (at least ${100 * MIN_ACCEPTANCE} %): drawing profiles would mostly discard them` }];
  }
  return [];
}

/** Levels no allowed combination shows (the rules ruled them out), or one problem if nothing is allowed at all. */
function neverShown(def: StudyDefinition, shown: (factor: string, level: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  const rules = def.restrictions ?? [];
  def.factors.forEach((f) => {
    for (const l of f.levels) {
      if (shown(f.name, l.code)) continue;
      const culprits = rules.flatMap((rule, i) => (f.name in rule.if || f.name in rule.then ? [`restrictions[${i}]`] : []));
      problems.push({ path: ['restrictions'], message: `level "${l.code}" of "${f.name}" is never shown: ${culprits.join(', ') || 'the rules'} rule out every combination with it` });
    }
  });
  const nothing = def.factors.every((f) => f.levels.every((l) => !shown(f.name, l.code)));
  return nothing ? [{ path: ['restrictions'], message: 'the rules allow no combination at all' }] : problems;
}

import type { StudyDefinition } from '../study-definition.ts';
import { studyDesign } from '../study-design.ts';
import { vignetteSpace } from '../vignette-cells.ts';
import { vignetteBlockSize } from '../vignette-draws.ts';

/**
 * The codebook's account of how a vignette design was randomized. A plain design (one vignette, no
 * restriction, no weight) reads as it always did; a restricted, weighted or repeated one names its allowed
 * cells with their multiplicities and probabilities, the block size and what a row of the export is.
 */
export function assignmentScheme(def: StudyDefinition, seed: string, nCells: number): Record<string, unknown> {
  const design = studyDesign(def);
  const m = design.kind === 'vignette' ? design.vignettesPerRespondent : 1;
  const space = vignetteSpace(def);
  const plain = m === 1 && space.cells.length === nCells && space.cells.every((c) => c.multiplicity === 1);
  if (plain) {
    return {
      scheme: 'permuted_blocks',
      description:
        `Balanced permuted blocks over all ${nCells} cells: every block of ${nCells} consecutive draws ` +
        "sees every cell once, in an order shuffled from the wave's seed (docs/api.md, Randomization).",
      probability: 1 / nCells,
      seed,
    };
  }
  const block = vignetteBlockSize(space, m);
  // Until walk-through 34 a weighted design without restrictions read "the 3 allowed cells (restrictions removed the
  // others)", and a block's copies of a cell "(4/4)·w": the words now say only what the design has.
  const removed = nCells - space.cells.length;
  const cells = removed > 0 ? `the ${space.cells.length} allowed cells (restrictions removed ${removed} of the ${nCells})` : `all ${nCells} cells`;
  const copies = block.slots / space.total;
  return {
    scheme: 'permuted_blocks',
    description:
      `Permuted blocks over ${cells}, each cell repeated by its ` +
      `multiplicity w (the product of its levels' weights; L = ${space.total} in all): every block of ${block.respondents} respondents ` +
      `shows each ${removed > 0 ? 'allowed ' : ''}cell exactly ${copies === 1 ? 'w' : `${copies}·w`} times` +
      (m > 1 ? `, ${m} distinct cells per respondent in a random reading order` : '') +
      ` (docs/designs.md; re-derivation: docs/api.md, Randomization).`,
    vignettesPerRespondent: m,
    blockRespondents: block.respondents,
    restrictions: def.restrictions ?? [],
    /** P(one vignette shows the cell) = w / L; a respondent's inclusion probability is m times that. */
    allowedCells: space.cells.map((c) => ({ index: c.index, multiplicity: c.multiplicity, probability: c.multiplicity / space.total })),
    rows: m > 1 ? `one row per respondent × vignette (column "vignette" = reading position); assignment_probability = inclusion probability ${m}·w/L` : 'one row per respondent',
    seed,
  };
}

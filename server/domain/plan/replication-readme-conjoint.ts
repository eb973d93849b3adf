import { studyDesign } from '../study-design.ts';
import type { StudyDefinition } from '../study-definition.ts';

/**
 * The replication README's lines on a conjoint wave's profiles.csv: which hypotheses it feeds, and how vlab or cregg
 * estimate them from it: with the study's own outcome, and with the plan's exclusions as the condition that keeps
 * its rows (the file holds every complete). They named the flagship's "chosen" and said to "read the file as it is".
 */
export function conjointReadmeLines(def: StudyDefinition): string[] {
  const design = studyDesign(def);
  const outcome = design.kind === 'conjoint' ? (design.outcomes.choice?.name ?? design.outcomes.rating?.name ?? 'y') : 'y';
  const keep = exclusionCondition(def);
  const shellQuoted = keep && (keep.includes('"') ? `'${keep}'` : `"${keep}"`);
  const vlab = `\`vlab amce --data profiles.csv --formula '${outcome} ~ …' --id participant${keep ? ` --subset ${shellQuoted}` : ''} --codebook codebook.json\``;
  const cregg = `cregg::amce(${keep ? `subset(d, ${keep})` : 'd'}, ${outcome} ~ …, id = ~participant)`;
  const which = keep
    ? `The file holds every completed participant; the plan keeps those with ${keep}, so\n  ${vlab} or\n  ${cregg} estimate what estimates.csv holds.`
    : `The file holds the participants the estimates use:\n  ${vlab} or\n  ${cregg} read it as it is.`;
  // Without the study's level order both take levels alphabetically, another reference level: walk-through 32's
  // regime AMCEs came out against "autocracy", not against the plan's "democracy" of estimates.csv.
  const first = def.factors[0]!;
  const factorLine = `d$${first.name} <- factor(d$${first.name}, levels = c(${first.levels.map((l) => JSON.stringify(l.code)).join(', ')}))`;
  return [
    '- `profiles.csv`: the same participants\' profile rows (participant × task × profile), which the conjoint hypotheses',
    "  (amce, mm) are estimated from; replicate.R recomputes them cregg's way with estimatr and survey (cregg itself is",
    `  not needed). ${which}`,
    "  The reference level of each attribute is the study's first (codebook.json's order): `--codebook` gives it to vlab;",
    `  for cregg make each attribute a factor in that order first, as replicate.R does: \`${factorLine}\`.`,
  ];
}

/** The plan's exclusions as one R condition ("attention_pass == 1"), or null when it has none. */
function exclusionCondition(def: StudyDefinition): string | null {
  const parts = (def.analysisPlan.exclusions ?? []).map(({ column, keep }) => {
    const values = keep.map((v) => (typeof v === 'number' ? String(v) : JSON.stringify(v)));
    return values.length === 1 ? `${column} == ${values[0]}` : `${column} %in% c(${values.join(', ')})`;
  });
  return parts.length ? parts.join(' & ') : null;
}

import { didYouMean } from '../../analysis/helpers/did-you-mean.ts';
import type { Restriction } from './study-design.ts';

/**
 * Restriction rules over factor levels (study-design.ts). A combination breaks a rule when every factor of its
 * `if` shows one of the listed levels and some factor of its `then` shows a level that is not listed; a
 * combination is allowed when it breaks no rule. A rule reads "if … then …": `{ "if": { "behavior":
 * "evict_troops" }, "then": { "troops": ["stationed"] } }` — an ally can only evict troops it hosts.
 */

/** A factor's levels as named by a rule: one code or a list of codes. */
export type RuleLevels = string | readonly string[];
export const ruleLevels = (value: RuleLevels): readonly string[] => (typeof value === 'string' ? [value] : value);

/** The factors a rule reads, `if` side first. */
export const ruleFactors = (rule: Restriction): string[] => [...new Set([...Object.keys(rule.if), ...Object.keys(rule.then)])];

/** Whether `levels` (factor → level code; at least the factors the rule names) breaks the rule. */
export function breaksRule(rule: Restriction, levels: Readonly<Record<string, string>>): boolean {
  const holds = (side: Record<string, RuleLevels>) => Object.entries(side).every(([factor, codes]) => ruleLevels(codes).includes(levels[factor]!));
  return holds(rule.if) && !holds(rule.then);
}

/** Whether a combination breaks none of the rules. */
export function isAllowed(rules: readonly Restriction[], levels: Readonly<Record<string, string>>): boolean {
  return rules.every((rule) => !breaksRule(rule, levels));
}

interface NamedFactor {
  name: string;
  levels: readonly { code: string }[];
}

/**
 * Rules that name an unknown factor or level (with the closest real name), or the same factor on both sides.
 * Paths start at `restrictions`, so the loader's message reads `study.json: restrictions[1].if: …`.
 */
export function restrictionNameProblems(factors: readonly NamedFactor[], rules: readonly Restriction[]): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  const names = factors.map((f) => f.name);
  rules.forEach((rule, i) => {
    for (const side of ['if', 'then'] as const) {
      for (const [name, codes] of Object.entries(rule[side])) {
        const factor = factors.find((f) => f.name === name);
        if (!factor) {
          problems.push({ path: ['restrictions', i, side], message: `"${name}" is not a factor (${didYouMean(name, names)})` });
          continue;
        }
        const known = factor.levels.map((l) => l.code);
        for (const code of ruleLevels(codes)) {
          if (!known.includes(code)) {
            problems.push({ path: ['restrictions', i, side, name], message: `"${code}" is not a level of "${name}" (${didYouMean(code, known)})` });
          }
        }
      }
    }
    const both = Object.keys(rule.if).find((name) => name in rule.then);
    if (both) problems.push({ path: ['restrictions', i], message: `"${both}" is named in both "if" and "then"; a rule relates two different factors` });
  });
  return problems;
}

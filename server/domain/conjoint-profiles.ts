import type { Assignment } from './design.ts';
import { breaksRule, ruleFactors } from './restrictions.ts';
import type { DesignFactors } from './vignette-cells.ts';

/**
 * The exact distribution of a conjoint profile. Each attribute's level is drawn by its weight, independently,
 * and a profile that breaks a restriction is drawn again (conjoint-draws.ts), so a profile x has probability
 * P(x) = Π_a w(x_a) / Z over the allowed profiles (Z their total weight) and 0 otherwise.
 *
 * Computed exactly, never by simulation: attributes that share a rule (directly or through a chain of rules)
 * form a component; the rest are independent of each other. Each component's allowed combinations are
 * enumerated with their weights, so P(x) is the product over components of the combination's normalized weight,
 * and a level's marginal probability is the sum over its component's allowed combinations that show it. An
 * unrestricted attribute is a component of its own, with P(level) = w / Σ w.
 */
export interface ProfileSpace {
  attributes: { name: string; levels: string[]; weights: number[] }[];
  components: ProfileComponent[];
  /** P(an unrestricted draw is allowed): the expected number of draws per shown profile is its inverse. */
  acceptance: number;
  /** Exact P(a shown profile has this level), per attribute and level. */
  levelProbability: Map<string, Map<string, number>>;
}

export interface ProfileComponent {
  attributes: string[];
  /** Allowed combinations of the component's attributes, each with its probability (they add up to 1). */
  combinations: { levels: Assignment; probability: number }[];
}

/** Components larger than this are refused at load (design-problems.ts): exact enumeration would be slow. */
export const MAX_COMPONENT_COMBINATIONS = 1_000_000;

const spaces = new WeakMap<DesignFactors, ProfileSpace>();

export function profileSpace(def: DesignFactors): ProfileSpace {
  let space = spaces.get(def);
  if (!space) {
    space = buildProfileSpace(def);
    spaces.set(def, space);
  }
  return space;
}

/** The attributes of each component (definition order), before any enumeration: union–find over the rules. */
export function componentAttributes(def: DesignFactors): string[][] {
  const parent = new Map(def.factors.map((f) => [f.name, f.name]));
  const root = (name: string): string => (parent.get(name) === name ? name : root(parent.get(name)!));
  for (const rule of def.restrictions ?? []) {
    const [first, ...rest] = ruleFactors(rule).map(root);
    for (const other of rest) parent.set(other, first!);
  }
  const groups = new Map<string, string[]>();
  for (const f of def.factors) groups.set(root(f.name), [...(groups.get(root(f.name)) ?? []), f.name]);
  return [...groups.values()];
}

function buildProfileSpace(def: DesignFactors): ProfileSpace {
  const attributes = def.factors.map((f) => ({ name: f.name, levels: f.levels.map((l) => l.code), weights: f.levels.map((l) => l.weight ?? 1) }));
  const byName = new Map(attributes.map((a) => [a.name, a]));
  const rules = def.restrictions ?? [];
  let acceptance = 1;
  const components = componentAttributes(def).map((names) => {
    const own = rules.filter((rule) => names.includes(ruleFactors(rule)[0]!));
    let combos: { levels: Assignment; weight: number }[] = [{ levels: {}, weight: 1 }];
    for (const name of names) {
      const a = byName.get(name)!;
      combos = combos.flatMap((c) => a.levels.map((level, i) => ({ levels: { ...c.levels, [name]: level }, weight: c.weight * a.weights[i]! })));
    }
    const unrestricted = combos.reduce((t, c) => t + c.weight, 0);
    const allowed = combos.filter((c) => own.every((rule) => !breaksRule(rule, c.levels)));
    const total = allowed.reduce((t, c) => t + c.weight, 0);
    acceptance *= total / unrestricted;
    return { attributes: names, combinations: allowed.map((c) => ({ levels: c.levels, probability: c.weight / total })) };
  });
  const levelProbability = new Map(attributes.map((a) => [a.name, new Map(a.levels.map((l) => [l, 0]))]));
  for (const component of components) {
    for (const { levels, probability } of component.combinations) {
      for (const [name, level] of Object.entries(levels)) {
        const row = levelProbability.get(name)!;
        row.set(level, row.get(level)! + probability);
      }
    }
  }
  return { attributes, components, acceptance, levelProbability };
}

/** P(a profile shows exactly these levels): the product of its components' combination probabilities (0 if restricted). */
export function profileProbability(space: ProfileSpace, levels: Assignment): number {
  let p = 1;
  for (const component of space.components) {
    const match = component.combinations.find((c) => component.attributes.every((name) => c.levels[name] === levels[name]));
    if (!match) return 0;
    p *= match.probability;
  }
  return p;
}

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { allCells, designOf } from '../../../server/domain/design.ts';
import { respondentPlan } from '../../../server/domain/respondent-plan.ts';
import { isAllowed } from '../../../server/domain/restrictions.ts';
import type { StudyDefinition } from '../../../server/domain/study-definition.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';

// docs/api.md, "Randomization (for auditing)", followed step by step with nothing from the implementation but
// the definition's cells: if the code and the description part, this test says so.
const definitions = loadDefinitionFiles('survey-definitions');

function generator(s: string, b: number): () => number {
  const digest = createHash('sha256').update(`vlab-permuted-blocks:v1:${s}:${b}`).digest();
  let [a, bb, c, d] = [0, 4, 8, 12].map((o) => digest.readUInt32BE(o)) as [number, number, number, number];
  const next = () => {
    const t = (((a + bb) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = bb ^ (bb >>> 9);
    bb = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 2 ** 32;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

function shuffle<T>(items: T[], u: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);

function documentedVignettes(def: StudyDefinition, m: number, seed: string, d: number): number[] {
  const weight = (cell: Record<string, string>) => def.factors.reduce((w, f) => w * (f.levels.find((l) => l.code === cell[f.name])!.weight ?? 1), 1);
  const allowed = allCells(designOf(def)).flatMap((cell, index) => (isAllowed(def.restrictions ?? [], cell) ? [{ index, w: weight(cell) }] : []));
  const g = allowed.reduce((x, c) => gcd(x, c.w), 0);
  for (const c of allowed) c.w /= g;
  const L = allowed.reduce((t, c) => t + c.w, 0);
  const k = m / gcd(L, m);
  const s = (k * L) / m;
  const b = Math.floor(d / s);
  const u = generator(seed, b);
  const Q = shuffle(Array.from({ length: s }, (_, i) => i), u);
  const C = m > 1 ? shuffle(allowed.map((c) => c.index), u) : allowed.map((c) => c.index);
  const layout = C.flatMap((index) => new Array<number>(k * allowed.find((c) => c.index === index)!.w).fill(index));
  let mine: number[] = [];
  for (let j = 0; j < s; j++) {
    const cells = shuffle(Array.from({ length: m }, (_, i) => layout[Q[j]! + i * s]!), u);
    if (b * s + j === d) mine = cells;
  }
  return mine;
}

test('vignette draws follow docs/api.md: the one-vignette flagship and the weighted, restricted three-vignette example', () => {
  for (const [id, m] of [['alliance-corrective-measures', 1], ['protege-bargaining-repeated', 3]] as const) {
    const def = definitions.find((x) => x.id === id)!;
    for (const d of [0, 1, 51, 52, 53, 500, 1234]) {
      const plan = respondentPlan(def, 'audit', d);
      if (plan.kind !== 'vignette') throw new Error('expected vignettes');
      assert.deepEqual(plan.vignettes.map((v) => v.cellIndex), documentedVignettes(def, m, 'audit', d), `${id} draw ${d}`);
    }
  }
});

test('conjoint draws follow docs/api.md', () => {
  const def = definitions.find((x) => x.id === 'alliance-partner-conjoint')!;
  for (const d of [0, 7, 99]) {
    const u = generator('conjoint:audit', d);
    const order = shuffle(def.factors.map((f) => f.name), u);
    const tasks = Array.from({ length: 5 }, () =>
      Array.from({ length: 2 }, () => {
        for (;;) {
          const levels: Record<string, string> = {};
          for (const f of def.factors) {
            const total = f.levels.reduce((t, l) => t + (l.weight ?? 1), 0);
            const target = u() * total;
            let sum = 0;
            levels[f.name] = f.levels.find((l) => (sum += l.weight ?? 1) > target)!.code;
          }
          if (isAllowed(def.restrictions ?? [], levels)) return levels;
        }
      }),
    );
    const plan = respondentPlan(def, 'audit', d);
    if (plan.kind !== 'conjoint') throw new Error('expected a conjoint');
    assert.deepEqual(plan.attributeOrder, order);
    assert.deepEqual(plan.tasks.map((t) => t.map((p) => p.levels)), tasks);
  }
});

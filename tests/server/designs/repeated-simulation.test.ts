import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { isAllowed } from '../../../server/domain/restrictions.ts';
import { expectedOutcome } from '../../../server/domain/simulation/expected.ts';
import { diagnoseDesign } from '../../../server/domain/simulation/design-diagnosis.ts';
import { estimandKey, planEstimands } from '../../../server/domain/simulation/estimands.ts';
import { simulateWave } from '../../../server/domain/simulation/simulated-wave.ts';
import { drawVignettes } from '../../../server/domain/vignette-draws.ts';
import { vignetteSpace } from '../../../server/domain/vignette-cells.ts';
import { createExportService } from '../../../server/services/export-service.ts';
import { runSimulation } from '../../../server/simulate/run-simulation.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';
import { collect } from '../../../server/storage/store.ts';
import { createTestApp } from '../test-app.ts';
import { repeatedVariant } from './repeated-support.ts';

/** The shipped repeated study with a plan: strategy, outside option and troops on support for conceding. */
const planned = repeatedVariant((d) => {
  d.id = 'protege-repeated-planned';
  d.analysisPlan.hypotheses = [
    { id: 'H1', description: 'Strategies lower support for conceding; a courting rival raises it.', estimator: 'lm_robust', outcomes: ['support_concede'], formula: '~ strategy + outside_option + troops' },
  ];
});

test('an offline repeated wave is fielded like the server: the draw’s m vignettes, one row each, never a restricted cell, reproducible', () => {
  const wave = simulateWave(planned, { target: 200, seed: 'offline-repeated' });
  assert.equal(wave.rows.length, 600, '200 completes × 3 vignettes');
  const space = vignetteSpace(planned);
  const byParticipant = new Map<string, typeof wave.rows>();
  for (const row of wave.rows) byParticipant.set(row.participant as string, [...(byParticipant.get(row.participant as string) ?? []), row]);
  assert.equal(byParticipant.size, 200);
  for (const rows of byParticipant.values()) {
    const drawn = drawVignettes(space, 3, 'offline-repeated', rows[0]!.draw_index as number);
    assert.deepEqual(rows.map((r) => [r.vignette, r.cell_index, r.assignment_probability]), drawn.map((v) => [v.position, v.cellIndex, v.inclusionProbability]));
    for (const r of rows) {
      assert.ok(isAllowed(planned.restrictions ?? [], { strategy: r.strategy as string, troops: r.troops as string }), 'never a restricted cell');
      assert.equal(typeof r.support_concede, 'number');
      assert.equal(r.party, rows[0]!.party, 'the respondent’s answers on each of their rows');
    }
  }
  assert.deepEqual(simulateWave(planned, { target: 200, seed: 'offline-repeated' }), wave);
});

test('estimands of a restricted, weighted design weigh each allowed cell by its multiplicity', () => {
  const estimands = planEstimands(planned);
  // By hand: the allowed cells, each w / L, give E[y | level] for troops; the OLS on main effects in an
  // unbalanced (restricted) design is not a difference of two means, so check one the design leaves balanced:
  // outside_option is independent of every other factor in the allowed, weighted cells.
  const space = vignetteSpace(planned);
  const mean = (level: string) => {
    const cells = space.cells.filter((c) => c.assignment.outside_option === level);
    const total = cells.reduce((t, c) => t + c.multiplicity, 0);
    return cells.reduce((s, c) => s + c.multiplicity * expectedOutcome(planned, 'support_concede', c.assignment), 0) / total;
  };
  const byHand = mean('rival_courting') - mean('no_rival');
  const planned_ = estimands.get(estimandKey('H1', 'support_concede', 'outside_optionrival_courting'))!;
  assert.ok(Math.abs(planned_ - byHand) < 1e-10, `${planned_} vs ${byHand}`);
  assert.ok(planned_ > 0.15, 'the planted +0.3 survives rounding, attenuated');
});

test('vlab power --study for a repeated design (seeded, 30 runs of 150 respondents): unbiased, CR2 by respondent covers', () => {
  const result = diagnoseDesign(planned, { n: 150, sims: 30, seed: 'power-repeated' });
  assert.deepEqual(result.problems, []);
  assert.equal(result.rows.length, 7, 'five strategies, the outside option and troops');
  for (const row of result.rows) {
    const se = row.sd_estimate / Math.sqrt(30);
    assert.ok(Math.abs(row.bias!) < 4 * se, `${row.term}: bias ${row.bias} vs ${se}`);
    assert.ok(row.coverage! >= 0.8, `${row.term}: coverage ${row.coverage}`);
    assert.equal(row.mde_analytic, null, 'no two-arm formula for a within-respondent, weighted design');
  }
});

test('vlab simulate (the respondent API over HTTP) takes a repeated wave: each simulated respondent reads its three vignettes and answers each', async () => {
  const t = await createTestApp();
  const server = createServer(t.app).listen(0, '127.0.0.1');
  try {
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const { wave } = await t.studies.createWave({ studyKey: 'protege-bargaining-repeated', target: 100, seed: 'simulate-repeated' });
    const definitions = loadDefinitionFiles('survey-definitions');
    const { summary, results } = await runSimulation({ baseUrl: `http://127.0.0.1:${port}`, waveId: wave.id, n: 24, concurrency: 4, seed: 'sim-repeated', definitions, inOrder: true });
    assert.deepEqual(summary.errorsByKind, {}, summary.firstErrors.join('\n'));
    assert.equal(summary.completes + summary.screenedOut + summary.abandoned + summary.overQuota, 24);
    assert.ok(summary.completes >= 18, JSON.stringify(summary));
    const service = createExportService({ store: t.store });
    const rows = await collect(await service.iterateWaveRows(wave.id, { statuses: ['complete'] }));
    assert.equal(rows.length, 3 * summary.completes);
    assert.ok(rows.every((r) => typeof r.support_concede === 'number' && typeof r.support_let_leave === 'number'), 'every vignette answered');
    const codes = results.filter((r) => r.kind === 'complete').map((r) => r.code);
    assert.deepEqual(new Set(rows.map((r) => r.participant)), new Set(codes));
  } finally {
    server.close();
    await t.close();
  }
});

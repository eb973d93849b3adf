// `vlab simulate` on a conjoint wave: simulated respondents read their tables from the survey the server sent and
// answer every task over the respondent API, as the field test does (tests/server/conjoint-field.test.ts).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { readConjointTasks } from '../../../server/domain/simulation/conjoint-reader.ts';
import { escapeHtml } from '../../../server/domain/vignette.ts';
import { createExportService } from '../../../server/services/export-service.ts';
import { runSimulation } from '../../../server/simulate/run-simulation.ts';
import { loadDefinitionFiles } from '../../../server/storage/definition-files.ts';
import { collect } from '../../../server/storage/store.ts';
import { createTestApp } from '../test-app.ts';

const definitions = loadDefinitionFiles('survey-definitions');
const conjoint = definitions.find((d) => d.id === 'alliance-partner-conjoint')!;

test('a survey that is not this conjoint is not read as one', () => {
  assert.throws(() => readConjointTasks(conjoint, { pages: [{ elements: [{ name: 'vignette', html: '<p>x</p>' }] }] }), /shows no conjoint table/);
  const foreign = '<table><tr role="row"><th scope="row" role="rowheader">Colour</th><td role="cell">Red</td></tr></table>';
  assert.throws(() => readConjointTasks(conjoint, { pages: [{ elements: [{ name: 'conjoint_table_t1', html: foreign }] }] }), /"Colour" is not an attribute/);
});

test("a conjoint's tables are read in the survey's language: a Spanish text that is another level's English text reads as the Spanish level", () => {
  // "Once" is eleven in Spanish: the Spanish table's "Once" is the level "eleven", not "once". Before, the reader
  // matched texts of every locale, the first level first, and read "once" (the respondent answered another profile).
  const bilingual = structuredClone(conjoint);
  bilingual.locales = ['en', 'es'];
  bilingual.factors = [{
    name: 'meetings', label: 'Meetings a year', text: { en: 'Meetings a year', es: 'Reuniones al año' },
    levels: [
      { code: 'once', label: 'Once', text: { en: 'Once', es: 'Una vez' } },
      { code: 'eleven', label: 'Eleven', text: { en: 'Eleven', es: 'Once' } },
    ],
  }];
  const table = (head: string, a: string, b: string) =>
    `<table><tr role="row"><th scope="row" role="rowheader">${head}</th><td role="cell">${a}</td><td role="cell">${b}</td></tr></table>`;
  const survey = (locale: string, html: string) => ({ locale, pages: [{ elements: [{ name: 'conjoint_table_t1', html }] }] });
  const levels = (s: unknown) => readConjointTasks(bilingual, s).tasks[0]!.map((p) => p.levels.meetings);
  assert.deepEqual(levels(survey('es', table('Reuniones al año', 'Once', 'Una vez'))), ['eleven', 'once']);
  assert.deepEqual(levels(survey('en', table('Meetings a year', 'Once', 'Eleven'))), ['once', 'eleven']);
  // An English word in a Spanish survey is no text it shows.
  assert.throws(() => readConjointTasks(bilingual, survey('es', table('Reuniones al año', 'Eleven', 'Once'))), /"Eleven" is not a level of "meetings"/);
});

test('a level text with "&" or quotes is read back as the server escapes it (numeric references, escapeHtml)', () => {
  // Before, the reader decoded &amp; &quot; &#39; only, and the server writes &#38; &#34;: "Trade & aid" was no level.
  const withSymbols = structuredClone(conjoint);
  const trade = withSymbols.factors.find((f) => f.name === 'trade')!;
  trade.levels[0]!.text = 'Trade & "aid" <deals>';
  const html = `<table><tr role="row"><th scope="row" role="rowheader">${escapeHtml(String(trade.text ?? trade.label))}</th><td role="cell">${escapeHtml('Trade & "aid" <deals>')}</td></tr></table>`;
  const read = readConjointTasks(withSymbols, { pages: [{ elements: [{ name: 'conjoint_table_t1', html }] }] });
  assert.deepEqual(read.tasks[0]!.map((p) => p.levels.trade), [trade.levels[0]!.code]);
});

test('vlab simulate (the respondent API over HTTP) takes a conjoint wave: every task answered from the tables shown, stored profile by profile', async () => {
  const t = await createTestApp();
  const server = createServer(t.app).listen(0, '127.0.0.1');
  try {
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const { wave } = await t.studies.createWave({ studyKey: 'alliance-partner-conjoint', target: 100, seed: 'simulate-conjoint' });
    const { summary, results } = await runSimulation({ baseUrl: `http://127.0.0.1:${port}`, waveId: wave.id, n: 24, concurrency: 4, seed: 'sim-conjoint', definitions, inOrder: true });
    assert.deepEqual(summary.errorsByKind, {}, summary.firstErrors.join('\n'));
    assert.equal(summary.completes + summary.screenedOut + summary.abandoned + summary.overQuota, 24);
    assert.ok(summary.completes >= 18, JSON.stringify(summary));
    const profiles = await collect(await createExportService({ store: t.store }).iterateProfileRows(wave.id, { statuses: ['complete'] }));
    const design = conjoint.design as { tasks: number; profilesPerTask: number };
    assert.equal(profiles.length, summary.completes * design.tasks * design.profilesPerTask);
    const codes = new Set(results.filter((r) => r.kind === 'complete').map((r) => r.code));
    assert.deepEqual(new Set(profiles.map((r) => r.participant)), codes);
    // A forced choice: exactly one chosen profile in each respondent's task, and every profile rated 1–5.
    const chosenPerTask = new Map<string, number>();
    for (const r of profiles) chosenPerTask.set(`${r.participant}:${r.task}`, (chosenPerTask.get(`${r.participant}:${r.task}`) ?? 0) + Number(r.chosen));
    assert.equal(chosenPerTask.size, summary.completes * design.tasks);
    assert.ok([...chosenPerTask.values()].every((n) => n === 1), 'one chosen profile per task');
    assert.ok(profiles.every((r) => [1, 2, 3, 4, 5].includes(Number(r.support_aid_cut))), 'every profile rated');
  } finally {
    server.close();
    await t.close();
  }
});

import { parse } from 'csv-parse/sync';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import request from 'supertest';
import { referenceFolder } from '../analysis/support.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { permutedBlockCell } from '../../server/domain/assignment.ts';
import { cellAssignment, designOf } from '../../server/domain/design.ts';
import { waveColumns } from '../../server/domain/export/wave-columns.ts';
import { QUALITY_FLAGS } from '../../server/domain/quality-flags.ts';
import { parseStudyDefinition, type StudyDefinition } from '../../server/domain/study-definition.ts';
import { createExportService } from '../../server/services/export-service.ts';
import { collect } from '../../server/storage/store.ts';
import { COMPLETE_ALLIANCE_ANSWERS, completeSurvey } from './test-app.ts';
import { researcherAppSetup, startParticipant } from './researcher-support.ts';

const setup = researcherAppSetup();

type Row = Record<string, string>;
const csv = (text: string): Row[] => parse(text, { columns: true, bom: false }) as Row[];
const header = (text: string) => text.slice(0, text.indexOf('\n')).split(',');

test('the wide columns of the alliance study carry the reference data set’s design and answer names', async () => {
  const t = await setup();
  const names = waveColumns((await t.repos.studies.get(t.wave.studyId))!.definition).map((c) => c.name);
  const reference = readFileSync(join(referenceFolder, 'alliance.csv'), 'utf8').split('\n')[0]!.replace(/"/g, '').split(',');
  for (const column of reference) {
    if (column === 'respondent_id' || column === 'violated') continue; // the id is `participant`; analysis derives `violated`
    assert.ok(names.includes(column), `no export column "${column}"`);
  }
  assert.deepEqual(names.slice(0, 6), ['participant', 'wave_id', 'status', 'screenout_reason', 'panel_source', 'panel_id']);
  const at = (n: string) => names.indexOf(n);
  assert.ok(at('rid') < at('regime') && at('behavior') < at('cell_index') && at('assignment_probability') < at('started_at'));
  assert.ok(at('duration_seconds') < at('consent') && at('manipulation_check_regime') < at('attention_pass'));
});

test('5,000 completed participants stream out as csv, long-csv and json with the right rows', async () => {
  const t = await setup({ target: 100_000 });
  const def = (await t.repos.studies.get(t.wave.studyId))!.definition;
  const design = designOf(def);
  const n = 5000;
  // Through the repositories, in one transaction: the same rows on either engine.
  await t.store.write(async (repos) => {
    for (let i = 0; i < n; i++) {
      const cell = permutedBlockCell(t.wave.seed, i, design.nCells);
      const started = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();
      const done = new Date(Date.UTC(2026, 0, 1, 0, 0, i) + (300 + (i % 7)) * 1000).toISOString();
      const pid = `P${String(i).padStart(5, '0')}`;
      const p = await repos.participants.insert({
        code: `code-${String(i).padStart(17, '0')}`, publicRef: `ref-${i}`, waveId: t.wave.id, panelSource: 'prolific', panelId: pid,
        panelParams: { PROLIFIC_PID: pid }, drawIndex: i, cellIndex: cell, assignment: cellAssignment(design, cell), assignmentProbability: 1 / 48,
        startedAt: started,
      });
      const answers = { ...COMPLETE_ALLIANCE_ANSWERS, do_nothing: 1 + (i % 5), contribution: 1 + (i % 3) };
      await repos.answers.saveFinal(p.id, answers, { attention_pass: i % 2 }, done);
      await repos.participants.finish(p.id, 'complete', null, done);
    }
  });

  const res = await t.get(`/waves/${t.wave.id}/export?format=csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^text\/csv/);
  assert.equal(res.headers['content-disposition'], `attachment; filename="alliance-corrective-measures-${t.wave.id}.csv"`);
  assert.equal(res.headers['cache-control'], 'no-store');
  const rows = csv(res.text);
  assert.equal(rows.length, n);
  assert.deepEqual(header(res.text), waveColumns(def, { flags: QUALITY_FLAGS }).map((c) => c.name));
  const sample = rows[1234]!;
  const cell = permutedBlockCell(t.wave.seed, 1234, 48);
  assert.equal(sample.participant, `code-${String(1234).padStart(17, '0')}`);
  assert.equal(sample.wave_id, t.wave.id);
  assert.equal(sample.status, 'complete');
  assert.equal(sample.PROLIFIC_PID, 'P01234');
  assert.equal(sample.panel_id, 'P01234');
  assert.equal(sample.STUDY_ID, '');
  assert.equal(sample.cell_index, String(cell));
  assert.equal(sample.regime, cellAssignment(designOf(def), cell).regime);
  assert.equal(sample.draw_index, '1234');
  assert.equal(Number(sample.assignment_probability), 1 / 48);
  assert.equal(sample.duration_seconds, String(300 + (1234 % 7)));
  assert.equal(sample.consent, '1');
  assert.equal(sample.do_nothing, String(1 + (1234 % 5)));
  assert.equal(sample.age_group, '45-64');
  assert.equal(sample.attention_pass, '0');
  assert.deepEqual(rows.map((r) => Number(r.draw_index)).slice(0, 3), [0, 1, 2]);

  const long = await t.get(`/waves/${t.wave.id}/export?format=long-csv`);
  const longRows = csv(long.text);
  assert.equal(longRows.length, n * 5);
  assert.deepEqual(header(long.text), ['participant', 'wave_id', 'status', 'regime', 'capability', 'treaty', 'behavior', 'cell_index', 'draw_index', 'assignment_probability', 'battery', 'item', 'value']);
  assert.deepEqual(longRows.slice(5 * 1234, 5 * 1235).map((r) => [r.participant, r.item, r.value]), [
    [sample.participant, 'do_nothing', sample.do_nothing],
    [sample.participant, 'public_criticism', sample.public_criticism],
    [sample.participant, 'economic_sanctions', sample.economic_sanctions],
    [sample.participant, 'reduce_military_aid', sample.reduce_military_aid],
    [sample.participant, 'suspend_military_support', sample.suspend_military_support],
  ]);

  const json = await t.get(`/waves/${t.wave.id}/export?format=json`);
  const parsed = JSON.parse(json.text) as Record<string, unknown>[];
  assert.equal(parsed.length, n);
  assert.equal(parsed[1234]!.do_nothing, 1 + (1234 % 5), 'numbers stay numbers');
  assert.equal(parsed[1234]!.consent, 1);

  // The service's iterator is lazy: taking three rows reads three rows, and stopping early closes it.
  const it = await createExportService({ store: t.store }).iterateWaveRows(t.wave.id, { statuses: ['complete'] });
  const firstThree = [(await it.next()).value, (await it.next()).value, (await it.next()).value] as Record<string, unknown>[];
  assert.deepEqual(firstThree.map((r) => r.draw_index), [0, 1, 2]);
  await it.return(undefined);
  const none = await collect(await createExportService({ store: t.store }).iterateWaveRows(t.wave.id, { statuses: ['overquota'] }));
  assert.equal(none.length, 0);
});

/** The alliance study with a free-text battery and a numeric question, as a researcher might add them. */
function studyWithFreeText(base: StudyDefinition): StudyDefinition {
  const raw = structuredClone(base) as unknown as { pages: { posttreatment: { elements: unknown[] }[] }; simulation?: unknown };
  delete raw.simulation; // the simulation model would need a model for every new question
  (raw as unknown as { version: number }).version += 1; // new questions for respondents: a new version (fielded-version.ts)
  raw.pages.posttreatment[0]!.elements.push(
    { type: 'comment', name: 'feedback_a', title: 'What did you think of the survey?', battery: 'open_ended' },
    { type: 'comment', name: 'feedback_b', title: 'Anything else?', battery: 'open_ended' },
    { type: 'text', inputType: 'number', name: 'thermometer', title: 'Feeling thermometer' },
  );
  return parseStudyDefinition(raw, 'test');
}

test('cells that a spreadsheet would run as formulas are neutralised in csv and long-csv; numbers are untouched', async () => {
  const t = await setup();
  const def = studyWithFreeText((await t.repos.studies.get(t.wave.studyId))!.definition);
  await t.studies.syncDefinitions([def]);
  const wave = (await t.post('/waves', { study: def.id, target: 100 })).body as { id: string };
  // Also after blanks some programs skip (spaces, no-break space, BOM, zero-width space and joiner) and in full width,
  // and after any other invisible format character (Unicode's Cf: bidi marks, embeddings and isolates, a soft hyphen;
  // left by attacker pass 16: `\u202e=1+1` went out as it was).
  const nasty = [
    '=HYPERLINK("https://evil.example","click")', '+1', '@x', '\tfoo', '-2+3', '\rbar', '\nbaz',
    '  =1+1', '\u00a0=1+1', '\ufeff=1+1', '\u200b+1', '\u200d @x', '\uff1dSUM(A1)', ' \uff0b1',
    '\u202e=1+1', '\u2066+1', '\u200e@x', '\u00ad=2', '\u061c -3',
  ];
  const codes: string[] = [];
  for (const [i, text] of nasty.entries()) {
    const s = await startParticipant(t.app, wave.id, { PROLIFIC_PID: i === 0 ? '=cmd|x' : `p${i}` });
    const done = await completeSurvey(t.app, s.body.participant.code, {
      ...COMPLETE_ALLIANCE_ANSWERS, age_group: ['18-29', '30-44', '45-64', '65+'][i % 4], gender: i % 2 ? 'male' : 'female', feedback_a: text, feedback_b: 'fine', thermometer: -1.5,
    });
    assert.equal(done.body.status, 'complete', JSON.stringify(done.body));
    codes.push(s.body.participant.code);
  }
  const wide = csv((await t.get(`/waves/${wave.id}/export?format=csv`)).text);
  assert.deepEqual(wide.map((r) => r.feedback_a), nasty.map((s) => `'${s}`));
  assert.ok(wide.every((r) => r.thermometer === '-1.5' && r.feedback_b === 'fine'));
  assert.equal(wide[0]!.PROLIFIC_PID, "'=cmd|x");
  assert.equal(wide[0]!.panel_id, "'=cmd|x");

  const long = csv((await t.get(`/waves/${wave.id}/export?format=long-csv`)).text);
  const open = long.filter((r) => r.battery === 'open_ended' && r.item === 'feedback_a');
  assert.deepEqual(open.map((r) => r.value), nasty.map((s) => `'${s}`));
  assert.ok(long.filter((r) => r.battery === 'corrective_measures').every((r) => /^[1-5]$/.test(r.value!)));

  // JSON is not opened by spreadsheets: values as answered.
  const json = JSON.parse((await t.get(`/waves/${wave.id}/export?format=json`)).text) as Record<string, unknown>[];
  assert.deepEqual(json.map((r) => r.feedback_a), nasty);
  assert.equal(json[0]!.thermometer, -1.5);
});

// Attacker pass 44: a NUL in a text answer (Chromium keeps one pasted into a text box) went into every CSV as the
// NUL byte, and R 4.2.2's read.csv then read 0 rows of the whole file, with only a warning. The CSV files write it
// as U+FFFD, as UTF-8 already writes half a surrogate pair; JSON keeps the text exact.
test('a NUL in a text answer is written as U+FFFD in csv and long-csv, never as the byte; JSON keeps it', async () => {
  const t = await setup();
  const def = studyWithFreeText((await t.repos.studies.get(t.wave.studyId))!.definition);
  await t.studies.syncDefinitions([def]);
  const wave = (await t.post('/waves', { study: def.id, target: 100 })).body as { id: string };
  const s = await startParticipant(t.app, wave.id, { PROLIFIC_PID: 'nul-answer' });
  const done = await completeSurvey(t.app, s.body.participant.code, { ...COMPLETE_ALLIANCE_ANSWERS, feedback_a: 'before\u0000after', feedback_b: 'fine', thermometer: 1 });
  assert.equal(done.body.status, 'complete', JSON.stringify(done.body));
  for (const format of ['csv', 'long-csv']) {
    const text = (await t.get(`/waves/${wave.id}/export?format=${format}`)).text;
    assert.ok(!text.includes('\u0000'), `${format}: the NUL byte is in the file`);
    assert.ok(text.includes('before\ufffdafter'), format);
  }
  const json = JSON.parse((await t.get(`/waves/${wave.id}/export?format=json`)).text) as Record<string, unknown>[];
  assert.equal(json[0]!.feedback_a, 'before\u0000after');
});

test('the codebook lists every column with its text, type and levels, and the design with cells and assignment', async () => {
  const t = await setup();
  const res = await t.get(`/waves/${t.wave.id}/export?format=codebook`);
  assert.equal(res.status, 200);
  assert.match(res.headers['content-disposition'], /^attachment; filename="alliance-corrective-measures-.*-codebook\.json"$/);
  const book = JSON.parse(res.text);
  const wide = await t.get(`/waves/${t.wave.id}/export?format=csv`);
  assert.deepEqual(book.columns.map((c: { name: string }) => c.name), header(wide.text));
  const byName = new Map(book.columns.map((c: { name: string }) => [c.name, c]));
  assert.deepEqual(byName.get('do_nothing'), {
    name: 'do_nothing', role: 'answer', type: 'categorical', label: 'Doing nothing', section: 'outcomes', page: 'responses',
    battery: 'corrective_measures',
    levels: (byName.get('do_nothing') as { levels: unknown[] }).levels,
  });
  assert.equal((byName.get('do_nothing') as { levels: unknown[] }).levels.length, 5);
  assert.deepEqual((byName.get('regime') as { levels: unknown }).levels, [
    { value: 'democracy', label: 'Democracy' },
    { value: 'autocracy', label: 'Autocracy' },
  ]);
  assert.equal((byName.get('age_group') as { label: string }).label, 'How old are you?');
  assert.equal((byName.get('attention_pass') as { role: string }).role, 'derived');
  assert.equal(book.design.factors[0].levels[1].text, 'an autocracy, whose leaders are not chosen in free and fair elections');
  assert.equal(book.design.cells.length, 48);
  assert.deepEqual(book.design.cells[47], { index: 47, regime: 'autocracy', capability: 'weak', treaty: 'no_treaty', behavior: 'threaten_exit' });
  assert.equal(book.design.assignment.scheme, 'permuted_blocks');
  assert.equal(book.design.assignment.probability, 1 / 48);
  assert.equal(book.design.assignment.seed, 'test-seed');
  assert.deepEqual(book.long.batteries, { corrective_measures: ['do_nothing', 'public_criticism', 'economic_sanctions', 'reduce_military_aid', 'suspend_military_support'] });
  assert.equal(book.quotas.slack, 0.05);
  // The plan's terms in R's names and in the study's words (the estimates files keep the names).
  assert.deepEqual(book.terms.H3.slice(0, 2), [
    { term: '(Intercept)', label: 'Intercept' },
    { term: 'regimeautocracy', label: 'Regime type of the ally: Autocracy (vs. Democracy)' },
  ]);
  assert.deepEqual(book.terms.H2, [{ term: 'violated', label: 'Behaviour of the ally: any other level (vs. Cooperates (control))' }]);
});

test('export input mistakes are 4xx JSON; a status filter keeps only those participants', async () => {
  const t = await setup();
  const s = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'a' });
  await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'b' });
  await completeSurvey(t.app, s.body.participant.code);
  for (const [query, status] of [['format=xlsx', 422], ['status=finished', 422], ['colour=red', 422]] as const) {
    const res = await t.get(`/waves/${t.wave.id}/export?${query}`);
    assert.equal(res.status, status);
    assert.equal(res.body.error.code, 'invalid_input');
  }
  assert.equal((await t.get(`/waves/${t.wave.id}/export?colour=red&size=2`)).body.error.message, 'query parameters "colour", "size": not taken here (it takes format, status, excel)');
  // The message names every accepted value, `all` too, and the one refused (until 2026-12-04 'status[0]: expected
  // one of started, complete, screened_out, overquota', without `all` or the value; attack9 pass).
  assert.equal(
    (await t.get(`/waves/${t.wave.id}/export?status=complete,finished`)).body.error.message,
    'status: expected all, or a comma-separated list of started, complete, screened_out, overquota; got "finished"',
  );
  assert.equal((await t.get('/waves/NoSuchWave1/export?format=csv')).status, 404);
  // long-csv stacks item batteries: of a study without one it was a header alone, served as a 200 file (leftovers
  // pass, 2026-12-05). Refused now, as profiles-csv is for a study that is not a conjoint; the status lists the
  // formats each wave's study offers, which the dashboard's download buttons follow.
  const bus = (await t.studies.createWave({ studyKey: 'bus-line-funding', target: 5 })).wave.id;
  const refused = await t.get(`/waves/${bus}/export?format=long-csv`);
  assert.equal(refused.status, 422);
  assert.equal(
    refused.body.error.message,
    'format: long-csv stacks the item batteries of a study (questions sharing a "battery" name); study "bus-line-funding" has none, so the file would hold its header only (csv has one row per participant)',
  );
  assert.deepEqual((await t.get(`/waves/${bus}`)).body.exports, ['csv', 'json', 'codebook']);
  assert.deepEqual((await t.get(`/waves/${t.wave.id}`)).body.exports, ['csv', 'long-csv', 'json', 'codebook']);
  const all = csv((await t.get(`/waves/${t.wave.id}/export`)).text);
  assert.deepEqual(all.map((r) => r.status), ['complete', 'started']);
  assert.equal(all[1]!.completed_at, '');
  const done = csv((await t.get(`/waves/${t.wave.id}/export?format=csv&status=complete`)).text);
  assert.deepEqual(done.map((r) => r.panel_id), ['a']);
  const partial = csv((await t.get(`/waves/${t.wave.id}/export?status=started,overquota`)).text);
  assert.deepEqual(partial.map((r) => r.panel_id), ['b']);
});

test('batteries are validated: two questions or more, one answer scale, a name of their own', async () => {
  const t = await setup();
  const base = (await t.repos.studies.get(t.wave.studyId))!.definition;
  const withBattery = (edit: (elements: Record<string, unknown>[]) => void) => {
    const raw = structuredClone(base) as unknown as { pages: { outcomes: { elements: Record<string, unknown>[] }[] } };
    edit(raw.pages.outcomes[1]!.elements); // alliance_favorability, contribution
    return () => parseStudyDefinition(raw, 'study.json');
  };
  assert.throws(withBattery((e) => (e[0]!.battery = 'alone')), /outcomes\[1\]\.elements\[0\]\.battery: battery "alone" has only one question/);
  assert.throws(
    withBattery((e) => {
      e[0]!.battery = 'mixed';
      e[1]!.battery = 'mixed';
      (e[1]!.choices as unknown[]).pop();
    }),
    /elements\[1\]\.battery: "contribution" does not share the answer scale of "alliance_favorability" in battery "mixed"/,
  );
  assert.throws(
    withBattery((e) => {
      e[0]!.battery = 'regime';
      e[1]!.battery = 'regime';
    }),
    /battery "regime" has the name of a question or factor/,
  );
  assert.throws(withBattery((e) => (e[0]!.battery = 'Bad Name')), /battery: expected a snake_case identifier/);
});

// A CSV opened in Excel was read in the machine's legacy code page: "SÃ­" for a Spanish "Sí", question marks for an
// Arabic answer. `excel=1` (`vlab export --excel`) starts it with UTF-8's byte-order mark, csv-stringify's own
// option; the plain file stays the default (base R's read.csv would read the mark into the first column's name).
test('excel=1 gives the same CSV with a UTF-8 byte-order mark first, named -excel.csv; JSON formats refuse it', async () => {
  const t = await setup();
  const s = await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'excel-a' });
  await completeSurvey(t.app, s.body.participant.code);
  const plain = await t.get(`/waves/${t.wave.id}/export?format=csv`);
  for (const [format, suffix] of [['csv', ''], ['long-csv', '-long']] as const) {
    const excel = await t.get(`/waves/${t.wave.id}/export?format=${format}&excel=1`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done(null, Buffer.concat(chunks)));
    });
    assert.equal(excel.status, 200);
    const bytes = excel.body as Buffer;
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], format);
    assert.match(String(excel.headers['content-disposition']), new RegExp(`${suffix}-excel\\.csv"$`), format);
    if (format === 'csv') assert.equal(bytes.subarray(3).toString('utf8'), plain.text);
  }
  assert.doesNotMatch(String(plain.headers['content-disposition']), /excel/);
  assert.notEqual(plain.text.charCodeAt(0), 0xfeff);
  for (const format of ['json', 'codebook']) {
    const refused = await t.get(`/waves/${t.wave.id}/export?format=${format}&excel=1`);
    assert.equal(refused.status, 422, format);
    assert.match(refused.body.error.message, /^excel: a CSV for Excel is a CSV format \(csv, long-csv, profiles-csv\); (json|codebook) is JSON/);
  }
  assert.equal((await t.get(`/waves/${t.wave.id}/export?excel=yes`)).status, 422);
  assert.equal((await t.get(`/waves/${t.wave.id}/export?excel=0`)).text, plain.text);
});

// Attacker pass 37b (held, no change): a new version of the study synced while a wave runs, renaming a question
// (party → party_id) and a level (treaty → formal_treaty). The running wave keeps its own snapshot: an export begun
// before the sync and one asked after it have the fielded version's columns and codes, rows from both sides of the
// sync alike; the estimates are those of the fielded version; only a wave opened on the new version has the new names.
test('a new version synced under a running wave: its export (begun before or after) and estimates keep the fielded version’s names', async () => {
  const t = await setup();
  for (const pid of ['sync-1', 'sync-2']) await completeSurvey(t.app, (await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: pid })).body.participant.code);
  const fielded = (await t.repos.studies.get(t.wave.studyId))!.definition;
  const before = await t.get(`/waves/${t.wave.id}/export?format=csv`);
  const streaming = await createExportService({ store: t.store }).iterateWaveRows(t.wave.id);
  const firstRow = (await streaming.next()).value!;
  const renamed = JSON.stringify(fielded).replaceAll('"party"', '"party_id"').replaceAll('"code":"treaty"', '"code":"formal_treaty"');
  const next = parseStudyDefinition({ ...JSON.parse(renamed), version: fielded.version + 1 }, 'study.json');
  assert.equal((await t.studies.syncDefinitions([next]))[0]!.inserted, true);
  // A respondent of the running wave still answers the fielded questions.
  const third = (await startParticipant(t.app, t.wave.id, { PROLIFIC_PID: 'sync-3' })).body.participant.code;
  assert.equal((await completeSurvey(t.app, third)).body.status, 'complete');
  const rows = [firstRow, ...(await collect(streaming))];
  assert.equal(rows.length, 2, 'the page of rows read at the first row, before the third completion');
  for (const row of rows) assert.deepEqual([Object.hasOwn(row, 'party'), Object.hasOwn(row, 'party_id'), ['treaty', 'no_treaty'].includes(String(row.treaty))], [true, false, true]);
  const after = await t.get(`/waves/${t.wave.id}/export?format=csv`);
  assert.equal(after.status, 200);
  assert.deepEqual(header(after.text), header(before.text));
  assert.equal(csv(after.text).length, 3);
  const estimates = await t.get(`/waves/${t.wave.id}/estimates`);
  assert.deepEqual([estimates.status, estimates.body.studyVersion, estimates.body.nComplete], [200, fielded.version, 3]);
  const opened = await t.studies.createWave({ studyKey: fielded.id, target: 10, seed: 'sync-next' });
  assert.ok(header((await t.get(`/waves/${opened.wave.id}/export?format=csv`)).text).includes('party_id'));
});

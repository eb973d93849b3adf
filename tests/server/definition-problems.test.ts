import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import request from 'supertest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { silentLogger } from '../../server/logger.ts';
import { createStudyService } from '../../server/services/study-service.ts';
import { createTokenService } from '../../server/services/token-service.ts';
import { createWaveService } from '../../server/services/wave-service.ts';
import { openDatabase } from '../../server/storage/db.ts';
import { loadDefinitionFolder } from '../../server/storage/definition-files.ts';
import { createSqliteStore } from '../../server/storage/sqlite-store.ts';
import { createResearcherPool } from '../../server/workers/researcher-pool.ts';

// Definitions that forgive mistakes (issue 14): one broken study leaves the others working, a JSON syntax
// error says where, and a fielded version's texts cannot change under the same number.

const dir = mkdtempSync(join(tmpdir(), 'vlab-defprob-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the shipped definitions, to break. */
function copyDefinitions(name: string): string {
  const defs = join(dir, name);
  cpSync('survey-definitions', defs, { recursive: true });
  return defs;
}

function editJson(file: string, change: (json: Record<string, any>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8'));
  change(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

test('a JSON syntax error names the file, line and column; the other studies still load', () => {
  const defs = copyDefinitions('syntax');
  const file = join(defs, 'protege-bargaining', 'study.json');
  // A missing comma after line 3's value: the parser stops at the next property name, line 4 column 3.
  writeFileSync(file, '{\n  "id": "protege-bargaining",\n  "version": 1\n  "title": "x"\n}\n');
  const { studies, broken } = loadDefinitionFolder(defs);
  assert.deepEqual(broken, [{ id: 'protege-bargaining', message: `${file}:4:3: not valid JSON (a comma is missing before this: items are separated by commas)` }]);
  assert.deepEqual(studies.map((s) => s.id), ['alliance-corrective-measures', 'alliance-partner-conjoint', 'bus-line-funding', 'protege-bargaining-repeated']);

  // A comment, as the docs' annotated examples have: said as such (V8 says 'Expected double-quoted property name').
  writeFileSync(file, '{\n  "id": "protege-bargaining",  // the folder name\n  "version": 1\n}\n');
  assert.equal(loadDefinitionFolder(defs).broken[0]!.message, `${file}:2:32: not valid JSON (a comment: JSON has none; delete it, as the // notes of the docs' annotated examples)`);

  writeFileSync(file, '{\n  "id": "protege-bargaining",\n  "version": '); // cut short: at the end
  assert.match(loadDefinitionFolder(defs).broken[0]!.message, /study\.json:3:14: not valid JSON \(the file ends before a value/);
});

// The line, column and words come from jsonc-parser, the same on every Node; a byte-order mark (Notepad writes
// one) is no error: RFC 8259 lets a parser ignore it, and the columns are counted after it, as editors do.
test('JSON syntax errors in definition files: the same message on every Node, trailing commas placed, a BOM ignored', () => {
  const defs = copyDefinitions('syntax-kinds');
  const file = join(defs, 'protege-bargaining', 'study.json');
  const problem = (text: string) => {
    writeFileSync(file, text);
    return loadDefinitionFolder(defs).broken.find((b) => b.id === 'protege-bargaining')?.message;
  };
  // Node 20 says "Unexpected token ']'" with no position: the message pointed at the end of the file.
  assert.equal(problem('{\n  "id": "protege-bargaining",\n  "tags": ["a", "b",],\n  "version": 1\n}\n'),
    `${file}:3:20: not valid JSON (a comma after the last item: JSON allows none; delete it)`);
  assert.equal(problem('{\n  "id": "protege-bargaining",\n  "version": 1,\n}\n'), `${file}:3:15: not valid JSON (a comma after the last item: JSON allows none; delete it)`);
  assert.equal(problem('{\n  "id": "protege-bargaining,\n  "version": 1\n}\n'), `${file}:2:9: not valid JSON (a string with no closing ": add the " where the text ends)`);
  assert.equal(problem(''), `${file}:1:1: not valid JSON (the file is empty: a definition is one JSON object, { … })`);
  const original = readFileSync(join('survey-definitions', 'protege-bargaining', 'study.json'), 'utf8');
  assert.equal(problem(`\uFEFF${original}`), undefined, 'a byte-order mark before valid JSON loads');
  assert.equal(problem('\uFEFF{\n  "id": "protege-bargaining"\n  "version": 1\n}\n'), `${file}:3:3: not valid JSON (a comma is missing before this: items are separated by commas)`);
});

test('a misspelt or missing field and a wrong text say where and what, not zod\'s "Invalid input"', () => {
  const defs = copyDefinitions('fields');
  const file = join(defs, 'bus-line-funding', 'study.json');
  const original = readFileSync(file, 'utf8');
  const problem = (change: (json: Record<string, any>) => void): string => {
    writeFileSync(file, original);
    editJson(file, change);
    const { broken } = loadDefinitionFolder(defs);
    assert.deepEqual(broken.map((b) => b.id), ['bus-line-funding']);
    return broken[0]!.message.replace(/(study\.json):\d+:\d+:/, '$1:'); // the line: tested below
  };
  // "title: Invalid input" before: the field is missing, and the misspelling beside it is named.
  assert.equal(problem((s) => { s.titel = s.title; delete s.title; }), `${file}: title: missing (the file has "titel" there, not a field)`);
  assert.equal(problem((s) => { s.factors[0].levels[0].txt = s.factors[0].levels[0].text; delete s.factors[0].levels[0].text; }), `${file}: factors[0].levels[0].text: missing (the file has "txt" there, not a field)`);
  assert.equal(problem((s) => delete s.factors[0].levels), `${file}: factors[0].levels: missing`);
  // "text: Invalid input" before: a per-locale text is reported at the locale that is wrong.
  assert.equal(problem((s) => { s.factors[0].levels[0].text.es = 5; }), `${file}: factors[0].levels[0].text.es: expected a text, got 5`);
  // "title: Invalid input" before: a value that fits no shape of a text says which shapes it could take.
  assert.equal(problem((s) => { s.title = [['Bus line']]; }), `${file}: title: expected a text or an object, got a list`);
  assert.equal(problem((s) => { s.factors[0].levels[0].text = 7; }), `${file}: factors[0].levels[0].text: expected a text or an object, got 7`);
  assert.equal(problem((s) => { s.factorz = s.factors; }), `${file}: (root): unknown field "factorz"`);
  assert.equal(problem((s) => delete s.consent.title.es), `${file}: consent.title: missing translation "es"`);
});

// A study with three mistakes said one at a time: fix the first, reload, meet the second. All of them at once, each
// a line of its own with its place, in the file's order of fields.
test('every mistake of a study is said at once, one line each with its place', () => {
  const defs = copyDefinitions('several');
  const file = join(defs, 'bus-line-funding', 'study.json');
  editJson(file, (s) => {
    s.titel = s.title;
    delete s.title;
    s.factors[0].levels[0].text.es = 5;
    s.factorz = [];
  });
  const { broken } = loadDefinitionFolder(defs);
  assert.deepEqual(broken.map((b) => b.id), ['bus-line-funding']);
  const lines = broken[0]!.message.split('\n');
  for (const line of lines) assert.match(line, /study\.json:\d+:\d+: /, 'each line has its place');
  assert.deepEqual(lines.map((line) => line.replace(/(study\.json):\d+:\d+:/, '$1:')), [
    `${file}: title: missing (the file has "titel", "factorz" there, not a field)`,
    `${file}: factors[0].levels[0].text.es: expected a text, got 5`,
  ]);
});

// PostgreSQL refuses a NUL in text ("invalid byte sequence for encoding UTF8: 0x00"): a title holding one ended
// `vlab serve` and `vlab study list` on PostgreSQL with that stack trace (SQLite stored it). Half a surrogate pair
// (a lone \ud800 escape) is no character: both engines' UTF-8 turned it into U+FFFD, so the stored text differed
// from the file's. Either is a mistake in the file, refused with its place on both engines.
test('a NUL or half a surrogate pair anywhere in a definition is named with its place, on every engine', () => {
  const defs = copyDefinitions('characters');
  const file = join(defs, 'bus-line-funding', 'study.json');
  const original = readFileSync(file, 'utf8');
  const problem = (change: (json: Record<string, any>) => void): string | undefined => {
    writeFileSync(file, original);
    editJson(file, change);
    return loadDefinitionFolder(defs).broken.find((b) => b.id === 'bus-line-funding')?.message;
  };
  const nul = problem((s) => { s.title.en = 'A new bus\u0000 line'; });
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf('"en": "A new bus');
  const line = text.slice(0, at).split('\n').length;
  assert.equal(nul, `${file}:${line}:${at - text.lastIndexOf('\n', at)}: title.en: holds a NUL character (\\u0000), which no text may hold (PostgreSQL cannot store it): delete it`);
  assert.match(problem((s) => { s.factors[0].levels[1].text.es = 'x\ud800y'; }) ?? '',
    /study\.json:\d+:\d+: factors\[0\]\.levels\[1\]\.text\.es: holds half of a surrogate pair \(\\ud800\), which is no character: write the whole pair, or the character itself$/);
  assert.match(problem((s) => { s.pages.outcomes[0].elements[0]['x\u0000'] = 1; }) ?? '', /pages\.outcomes\[0\]\.elements\[0\]: a field name holds a NUL character/);
  assert.equal(problem((s) => { s.title.en = 'Tab\tand line\nbreaks, emoji \u{1F68C}'; }), undefined, 'other characters stay allowed');
});

// What editors and file managers leave beside the files: Emacs locks a file it edits with a dangling symlink
// `.#study.json`, macOS writes `._study.json` beside each file on a shared or FAT volume. The lock in a study's
// folder made the study broken ("not a known section file") while it was being edited, and in the definitions
// folder stopped `vlab serve` and every verb ("no such file or folder"); a study.json that is a folder was an
// EISDIR stack trace. Hidden entries are skipped; a link to nothing and an unreadable file break only their study.
test('hidden files are skipped, and a link to nothing or a study.json that is a folder breaks only its own study', () => {
  const defs = copyDefinitions('entries');
  symlinkSync('user@host.1234:1700000000', join(defs, 'bus-line-funding', '.#study.json'));
  symlinkSync('user@host.1234:1700000000', join(defs, '.#my-study.json'));
  writeFileSync(join(defs, 'bus-line-funding', '._analysis-plan.json'), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]));
  mkdirSync(join(defs, '.git'));
  const loaded = loadDefinitionFolder(defs);
  assert.deepEqual(loaded.broken, []);
  assert.equal(loaded.studies.length, 5);

  symlinkSync(join(dir, 'moved-away'), join(defs, 'linked-study'));
  mkdirSync(join(defs, 'folder-study', 'study.json'), { recursive: true });
  const { studies, broken } = loadDefinitionFolder(defs);
  assert.equal(studies.length, 5);
  assert.deepEqual(broken, [
    { id: 'folder-study', message: `${join(defs, 'folder-study', 'study.json')}: cannot be read (a folder, not a file)` },
    { id: 'linked-study', message: `${join(defs, 'linked-study')}: a link to ${join(dir, 'moved-away')}, which does not exist` },
  ]);
});

test('a field\'s problem names the line and column where the field is, in the file that holds it', () => {
  const defs = copyDefinitions('lines');
  const folder = join(defs, 'alliance-corrective-measures');
  const lineOf = (text: string, needle: string, from = 0): string => {
    const offset = text.indexOf(needle, from);
    const before = text.slice(0, offset);
    return `${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`;
  };
  // A repeated level code: the line of the second "code", as an editor's go-to-line wants it.
  const study = join(folder, 'study.json');
  const original = readFileSync(study, 'utf8');
  const broken = original.replace('"code": "autocracy"', '"code": "democracy"');
  writeFileSync(study, broken);
  const second = broken.indexOf('"code": "democracy"', broken.indexOf('"code": "democracy"') + 1);
  // The first line (the study's other mistakes follow it: the plan's and the simulation's "autocracy").
  assert.equal(loadDefinitionFolder(defs).broken[0]!.message.split('\n')[0],
    `${study}:${lineOf(broken, '"code"', second)}: factors[0].levels[1].code: duplicate level "democracy"`);
  // A misspelt field: at the misspelling, where the author has to type.
  const misspelt = original.replace('"title":', '"titel":');
  writeFileSync(study, misspelt);
  assert.equal(loadDefinitionFolder(defs).broken[0]!.message,
    `${study}:${lineOf(misspelt, '"titel"')}: title: missing (the file has "titel" there, not a field)`);
  writeFileSync(study, original);
  // In a section file, at its own line; a missing field points at the object that lacks it.
  const plan = join(folder, 'analysis-plan.json');
  const planText = readFileSync(plan, 'utf8').replace('"seType": "HC2"', '"seType": "HC4"');
  writeFileSync(plan, planText);
  assert.equal(loadDefinitionFolder(defs).broken[0]!.message,
    `${plan}:${lineOf(planText, '"seType": "HC4"')}: hypotheses[2].seType: expected one of classical, HC0, HC1, HC2, HC3, CR0, stata, CR2, cregg, got "HC4"`);
  editJson(plan, (p) => delete p.hypotheses[1].outcomes);
  const reformatted = readFileSync(plan, 'utf8');
  const h2 = reformatted.indexOf('"id": "H2"');
  // Both of the file's mistakes at once (the seType is still HC4), each at its own line.
  assert.deepEqual(loadDefinitionFolder(defs).broken[0]!.message.split('\n'), [
    `${plan}:${lineOf(reformatted, '{', reformatted.lastIndexOf('{', h2))}: hypotheses[1].outcomes: missing`,
    `${plan}:${lineOf(reformatted, '"seType": "HC4"')}: hypotheses[2].seType: expected one of classical, HC0, HC1, HC2, HC3, CR0, stata, CR2, cregg, got "HC4"`,
  ]);
});

test('a copied study whose id is still the original\'s says which name to write', () => {
  // The newcomer's first step, a copy of a flagship folder: before, 'id: "alliance-corrective-measures" does not
  // match the folder name', without the name.
  const defs = copyDefinitions('copied');
  cpSync(join(defs, 'bus-line-funding'), join(defs, 'my-study'), { recursive: true });
  const study = join(defs, 'my-study', 'study.json');
  const { broken } = loadDefinitionFolder(defs);
  assert.deepEqual(broken, [{ id: 'my-study', message: `${study}:2:3: id: "bus-line-funding" does not match the folder name "my-study": set "id": "my-study" (or rename the folder)` }]);
});

test('a value of the wrong type, size or choice says what is expected and what the file has, not zod\'s wording', () => {
  const defs = copyDefinitions('values');
  const folder = join(defs, 'alliance-corrective-measures');
  const originals = new Map<string, string>();
  const problem = (name: string, change: (json: Record<string, any>) => void): string => {
    const file = join(folder, name);
    if (!originals.has(name)) originals.set(name, readFileSync(file, 'utf8'));
    editJson(file, change);
    const message = loadDefinitionFolder(defs).broken[0]!.message;
    writeFileSync(file, originals.get(name)!);
    // Whatever the line, the field and the words: the location is tested on its own.
    // The first line: what follows from it (a plan's term the level was) is said after it.
    const first = message.split('\n')[0]!;
    return first.slice(first.indexOf('.json') + '.json'.length).replace(/^:\d+:\d+/, '');
  };
  // Each was zod's default before: "Invalid input: expected number, received string", "Too small: expected
  // array to have >=2 items", "Too big: expected number to be <1", "Invalid option: expected one of
  // \"positive\"|\"negative\"", "Invalid discriminator value. Expected 'html' | 'radiogroup' | …".
  assert.equal(problem('study.json', (s) => { s.version = '2'; }), ': version: expected a number, got "2" (a text)');
  assert.equal(problem('study.json', (s) => { s.version = 2.5; }), ': version: expected a whole number, got 2.5');
  assert.equal(problem('study.json', (s) => { s.factors[1].levels.pop(); }), ': factors[1].levels: needs at least 2 items, has 1');
  assert.equal(problem('analysis-plan.json', (p) => { p.alpha = 5; }), ': alpha: must be less than 1, got 5');
  assert.equal(problem('analysis-plan.json', (p) => { p.hypotheses[2].direction = { regimeautocracy: 'up' }; }),
    ': hypotheses[2].direction.regimeautocracy: expected positive or negative, got "up"');
  assert.equal(problem('analysis-plan.json', (p) => { p.weights = 'rakng'; }), ': weights: expected none or raking, got "rakng" (did you mean "raking"?)');
  assert.equal(problem('study.json', (s) => { s.pages.pretreatment[0].elements[1].type = 'radio'; }),
    ': pages.pretreatment[0].elements[1].type: expected one of html, radiogroup, dropdown, checkbox, rating, boolean, text, comment, got "radio" (did you mean "radiogroup"?)');
  // A field with one allowed value (zod's literal) was "basis: Invalid input: expected \"populationMargins\"", without
  // what the file has (newcomer walk-through 14).
  assert.equal(problem('quotas.json', (q) => { q.basis = 'populationMargin'; }), ': basis: expected populationMargins, got "populationMargin" (did you mean "populationMargins"?)');
});

test('a broken study is listed with its message and takes no new wave, nor reopens one; the others do', async () => {
  const defs = copyDefinitions('broken');
  const db = openDatabase(join(dir, 'broken.sqlite'));
  try {
    const store = createSqliteStore(db);
    // First a sound folder and a paused wave of the study that will break.
    const sound = createStudyService({ store });
    await sound.syncDefinitions(loadDefinitionFolder(defs).studies);
    const waves = createWaveService({ store, studies: sound });
    const paused = (await waves.create({ studyKey: 'protege-bargaining', target: 10 })).id;
    await waves.transition(paused, 'pause');

    editJson(join(defs, 'protege-bargaining', 'study.json'), (d) => (d.factors[1].levels[0].code = 'No Rival'));
    const folder = loadDefinitionFolder(defs);
    const studies = createStudyService({ store, broken: folder.broken });
    await studies.syncDefinitions(folder.studies);
    const message = /protege-bargaining\/study\.json:\d+:\d+: factors\[1\]\.levels\[0\]\.code: expected a level code of lowercase letters, digits and _ \+ - \(starting with a letter or digit\), got "No Rival"$/m;
    assert.match(studies.brokenStudies()[0]!.message, message);
    const listed = await studies.listStudies();
    assert.match(listed.find((s) => s.id === 'protege-bargaining')!.broken!, message);
    assert.equal(listed.find((s) => s.id === 'bus-line-funding')!.broken, undefined);

    await assert.rejects(
      () => studies.createWave({ studyKey: 'protege-bargaining', target: 10 }),
      (e: Error & { code?: string }) => e.code === 'conflict' && /^study "protege-bargaining" is broken until its definition is fixed: .*a level code of lowercase letters.*"No Rival"$/m.test(e.message),
    );
    const brokenWaves = createWaveService({ store, studies });
    await assert.rejects(() => brokenWaves.transition(paused, 'open'), /study "protege-bargaining" is broken/);
    assert.equal((await brokenWaves.transition(paused, 'close')).status, 'closed', 'closing needs no sound definition');
    assert.equal((await studies.createWave({ studyKey: 'bus-line-funding', target: 10 })).wave.status, 'open');
  } finally {
    db.close();
  }
});

test('changing a fielded version\'s texts without a new version is refused, naming the wave; a new version is accepted', async () => {
  const defs = copyDefinitions('versions');
  const studyFile = join(defs, 'alliance-corrective-measures', 'study.json');
  const db = openDatabase(join(dir, 'versions.sqlite'));
  try {
    const store = createSqliteStore(db);
    const { repos } = store;
    const sync = async () => {
      const studies = createStudyService({ store });
      await studies.syncDefinitions(loadDefinitionFolder(defs).studies);
      return studies;
    };
    const version = (JSON.parse(readFileSync(studyFile, 'utf8')) as { version: number }).version;
    // Before any wave, a version may still change freely.
    editJson(studyFile, (d) => (d.vignette.template[0] = `${d.vignette.template[0]} Draft.`));
    const first = (await (await sync()).createWave({ studyKey: 'alliance-corrective-measures', target: 100 })).wave.id;

    editJson(studyFile, (d) => (d.vignette.template[0] = d.vignette.template[0].replace(' Draft.', '')));
    const studies = await sync();
    assert.deepEqual(studies.brokenStudies(), [{
      id: 'alliance-corrective-measures',
      message: `study "alliance-corrective-measures": version ${version} was fielded by wave ${first} with other vignette; set "version" to ${version + 1} in study.json to field this change (wave ${first} keeps what it showed and, still open, goes on showing it)`,
    }]);
    await assert.rejects(() => studies.createWave({ studyKey: 'alliance-corrective-measures', target: 100 }), new RegExp(`fielded by wave ${first}`));
    assert.match((await repos.studies.latest('alliance-corrective-measures'))!.definition.vignette!.template[0] as string, / Draft\.$/, 'not stored');

    editJson(studyFile, (d) => (d.version = version + 1));
    const bumped = await sync();
    assert.deepEqual(bumped.brokenStudies(), []);
    const second = await bumped.createWave({ studyKey: 'alliance-corrective-measures', target: 100 });
    assert.equal(second.study.version, version + 1);
    assert.equal((await repos.studies.get((await repos.waves.get(first))!.studyId))!.version, version);

    // The analysis plan is not fielded (each wave locks its own plan hash): it may change under the new version.
    editJson(join(defs, 'alliance-corrective-measures', 'analysis-plan.json'), (p) => (p.hypotheses = p.hypotheses.slice(0, 2)));
    assert.deepEqual((await sync()).brokenStudies(), []);
  } finally {
    db.close();
  }
});

// A wording edited mid-wave: the message named the first wave of the version alone, a closed pilot, and said it
// kept what it showed — of the main wave, still open, not a word, so a researcher could not tell whether the live
// wave now showed the new wording (newcomer walk-through 25). It names every wave of the version and the ones
// still taking respondents.
test('a fielded version changed mid-wave names every wave that fielded it and says the running ones go on showing it', async () => {
  const defs = copyDefinitions('versions-live');
  const studyFile = join(defs, 'bus-line-funding', 'study.json');
  const db = openDatabase(join(dir, 'versions-live.sqlite'));
  try {
    const store = createSqliteStore(db);
    const studies = createStudyService({ store });
    await studies.syncDefinitions(loadDefinitionFolder(defs).studies);
    const waves = createWaveService({ store, studies });
    const pilot = (await waves.create({ studyKey: 'bus-line-funding', target: 60 })).id;
    await waves.transition(pilot, 'close');
    const main = (await waves.create({ studyKey: 'bus-line-funding', target: 500 })).id;
    const version = (JSON.parse(readFileSync(studyFile, 'utf8')) as { version: number }).version;
    const sync = async () => {
      const edited = createStudyService({ store });
      await edited.syncDefinitions(loadDefinitionFolder(defs).studies);
      return edited.brokenStudies()[0]!.message;
    };
    editJson(studyFile, (d) => (d.title.en = `${d.title.en} (edited)`));
    const head = `study "bus-line-funding": version ${version} was fielded by`;
    const fix = `set "version" to ${version + 1} in study.json to field this change`;
    assert.equal(await sync(), `${head} waves ${pilot} and ${main} with other title; ${fix} (waves ${pilot} and ${main} keep what they showed: ${main}, still open, goes on showing it)`);
    await waves.transition(main, 'pause');
    assert.equal(await sync(), `${head} waves ${pilot} and ${main} with other title; ${fix} (waves ${pilot} and ${main} keep what they showed: ${main}, paused, goes on showing it once reopened)`);
    await waves.transition(main, 'close');
    assert.equal(await sync(), `${head} waves ${pilot} and ${main} with other title; ${fix} (waves ${pilot} and ${main} keep what they showed)`);
  } finally {
    db.close();
  }
});

test('the researcher API lists the broken studies and refuses their new waves with 409', async () => {
  const defs = copyDefinitions('api');
  editJson(join(defs, 'bus-line-funding', 'study.json'), (d) => (d.vignette.template[0].es = d.vignette.template[0].es.replace('{funding}', '{Funding}')));
  const { app, auth, close } = await researcherApi(join(dir, 'api.sqlite'), defs);
  try {
    const listed = await request(app).get('/api/researcher/studies').set(auth);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.broken.map((b: { id: string }) => b.id), ['bus-line-funding']);
    assert.match(listed.body.broken[0].message, /unknown factor "\{Funding\}" \(did you mean "\{funding\}"\?\) \(es\)$/m);
    assert.equal(listed.body.studies.length, 4, 'never stored: listed only as broken');

    const refused = await request(app).post('/api/researcher/waves').set(auth).send({ study: 'bus-line-funding', target: 10 });
    assert.equal(refused.status, 409);
    assert.match(refused.body.error.message, /^study "bus-line-funding" is broken until its definition is fixed: /);
    assert.equal((await request(app).post('/api/researcher/waves').set(auth).send({ study: 'protege-bargaining', target: 10 })).status, 201);
  } finally {
    await close();
  }
});

/**
 * The researcher API as vlab serve builds it: the definitions folder `defs` synced into the database at `dbPath`
 * (after the shipped folder, when `shippedFirst`), the app given that synced study service, and a token.
 */
async function researcherApi(dbPath: string, defs: string, shippedFirst = false) {
  const db = openDatabase(dbPath);
  const store = createSqliteStore(db);
  if (shippedFirst) await createStudyService({ store }).syncDefinitions(loadDefinitionFolder('survey-definitions').studies);
  const folder = loadDefinitionFolder(defs);
  const studies = createStudyService({ store, broken: folder.broken });
  await studies.syncDefinitions(folder.studies);
  const config = loadConfig({}, { dbPath, logLevel: 'silent' });
  const researcherPool = createResearcherPool({ ...config, logger: silentLogger });
  const app = createApp({ store, config, researcherPool, studies });
  const { token } = await createTokenService({ store }).create('test researcher');
  return {
    app,
    auth: { Authorization: `Bearer ${token}` },
    close: async () => {
      await researcherPool.close();
      db.close();
    },
  };
}

// vlab serve synced the folder on a study service of its own and built the app with another that had never
// synced, so the API never marked a study the folder lacks, though docs/api.md said it lists them as `vlab study
// list --json` does (newcomer16): the app now takes the synced service.
test('the researcher API marks the studies the definitions folder lacks, as vlab study list does', async () => {
  const defs = copyDefinitions('elsewhere');
  rmSync(join(defs, 'bus-line-funding'), { recursive: true });
  const { app, auth, close } = await researcherApi(join(dir, 'elsewhere.sqlite'), defs, true);
  try {
    const listed = await request(app).get('/api/researcher/studies').set(auth);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.studies.filter((s: { notInDefinitions?: boolean }) => s.notInDefinitions).map((s: { id: string }) => s.id),
      ['bus-line-funding'],
    );
  } finally {
    await close();
  }
});

// A database that knew the flagship from an earlier run of the shipped folder (`vlab study list`), then served with
// VLAB_DEFINITIONS at a folder of one's own, got a demo wave of a study that folder does not hold (newcomer16).
test('the demo wave is of the flagship only when the definitions folder holds it', async () => {
  const db = openDatabase(join(dir, 'demo-elsewhere.sqlite'));
  const store = createSqliteStore(db);
  try {
    await createStudyService({ store }).syncDefinitions(loadDefinitionFolder('survey-definitions').studies);
    const defs = copyDefinitions('demo-elsewhere');
    rmSync(join(defs, 'alliance-corrective-measures'), { recursive: true });
    const mine = createStudyService({ store });
    await mine.syncDefinitions(loadDefinitionFolder(defs).studies);
    assert.equal(await mine.ensureDemoWave(), null);
    const shipped = createStudyService({ store });
    await shipped.syncDefinitions(loadDefinitionFolder('survey-definitions').studies);
    assert.ok(await shipped.ensureDemoWave(), 'the shipped folder holds the flagship');
  } finally {
    db.close();
  }
});

// A study folder without analysis-plan.json was told "study.json:1:1: analysisPlan: missing": a field of a file
// that, as docs/study-definitions.md writes it, never holds one (newcomer16). The missing file is named instead.
test('a study folder without analysis-plan.json is told to add that file, beside its other mistakes', () => {
  const defs = copyDefinitions('no-plan');
  rmSync(join(defs, 'bus-line-funding', 'analysis-plan.json'));
  editJson(join(defs, 'bus-line-funding', 'study.json'), (d) => {
    d.titel = d.title;
    delete d.title;
  });
  const { broken } = loadDefinitionFolder(defs);
  const study = join(defs, 'bus-line-funding', 'study.json');
  assert.deepEqual(broken.map((b) => b.id), ['bus-line-funding']);
  assert.deepEqual(broken[0]!.message.split('\n'), [
    `${study}:281:3: title: missing (the file has "titel" there, not a field)`,
    `${join(defs, 'bus-line-funding', 'analysis-plan.json')}: missing: the study's pre-registered hypotheses go in this file beside study.json (docs/analysis-plans.md; docs/study-definitions.md has a small complete one)`,
  ]);
});

// A factor may be named `constructor` (snake_case allows it): until 2026-12-04 the formula parser found
// Object.prototype's constructor among R's constants and the study was broken with 'malformed formula
// "y ~ constructor + backer": undefined is not a term' (attack9 pass; r-syntax.ts now reads own keys only).
test('a factor named constructor, and a hypothesis named toString, make a study like any other', () => {
  const defs = copyDefinitions('object-names');
  const study = join(defs, 'bus-line-funding', 'study.json');
  writeFileSync(study, readFileSync(study, 'utf8').replace('"name": "funding"', '"name": "constructor"').replaceAll('{funding}', '{constructor}'));
  const plan = join(defs, 'bus-line-funding', 'analysis-plan.json');
  writeFileSync(plan, readFileSync(plan, 'utf8').replaceAll('funding +', 'constructor +').replaceAll('fundingfederal_grant', 'constructorfederal_grant').replace('"H1_funding"', '"toString"'));
  const model = join(defs, 'bus-line-funding', 'simulation.json');
  writeFileSync(model, readFileSync(model, 'utf8').replaceAll('"funding"', '"constructor"'));
  const loaded = loadDefinitionFolder(defs);
  assert.deepEqual(loaded.broken, []);
});

// A question may not be named `constructor`: every object JSON.parse makes inherits a `constructor`, so an answer
// body without it still "has" one and zod read Object's constructor as the answer. Until 2026-12-04 such a study
// loaded, and every save before that question was answered was refused ('answers.constructor: expected one of
// for, against, abstain'): the respondent's answers were lost (attack9 pass). The study is broken in words.
test('a question named constructor breaks its study in words, naming the place', () => {
  const defs = copyDefinitions('question-constructor');
  const study = join(defs, 'bus-line-funding', 'study.json');
  writeFileSync(study, readFileSync(study, 'utf8').replace('"name": "vote_line"', '"name": "constructor"'));
  const model = join(defs, 'bus-line-funding', 'simulation.json');
  writeFileSync(model, readFileSync(model, 'utf8').replace('"vote_line"', '"constructor"'));
  // The plan codes the question too (H3_vote's vote_for): renamed there, so the name's problem is the only one.
  const plan = join(defs, 'bus-line-funding', 'analysis-plan.json');
  writeFileSync(plan, readFileSync(plan, 'utf8').replace('"vote_line"', '"constructor"'));
  const message = loadDefinitionFolder(defs).broken.find((b) => b.id === 'bus-line-funding')?.message ?? '';
  assert.match(message, /study\.json:\d+:\d+: pages\.outcomes\[0\]\.elements\[\d\]\.name: "constructor" is a name every JavaScript object already has \(an answer under it could not be told from none\): choose another name$/);
});

// Attacker pass 28: a level written in another Unicode form than the question's choice (`sí` precomposed in
// study.json, with a combining accent in population-margins.json, as some editors and macOS text write it) or with
// an invisible character copied along (U+200B) was refused with words that showed two identical texts:
// `"sí" is not a choice of "vote" (expected one of sí, no)`, `"female" is not a choice of "gender" (did you mean "female​"?)`.
test('a margin level that differs from its choice only by Unicode form or an invisible character is said so', () => {
  const defs = copyDefinitions('lookalikes');
  const study = join(defs, 'alliance-corrective-measures', 'study.json');
  const margins = join(defs, 'alliance-corrective-measures', 'population-margins.json');
  writeFileSync(study, readFileSync(study, 'utf8').replace('"value": "female"', '"value": "female\\u200b"'));
  const invisible = loadDefinitionFolder(defs).broken.find((b) => b.id === 'alliance-corrective-measures')!.message;
  assert.match(invisible, /margins\.gender: "female" is not a choice of "gender" \(did you mean "female\\u200b"\? the two differ only by an invisible character, U\+200B: delete it\)/);

  writeFileSync(study, readFileSync(study, 'utf8').replace('"value": "female\\u200b"', '"value": "f\u00e9male"'));
  editJson(margins, (m) => {
    m.margins.gender = { 'fe\u0301male': 0.51, male: 0.49 };
  });
  const decomposed = loadDefinitionFolder(defs).broken.find((b) => b.id === 'alliance-corrective-measures')!.message;
  assert.match(decomposed, /margins\.gender: "fe\u0301male" is not a choice of "gender" \(did you mean "f\u00e9male"\? the two look the same but are written in two Unicode forms, one with combining accents \(NFD\), one without \(NFC\): type one of them again\)/);
});

// The codebook of a study in several languages (researcher walk-through 30, the leftover of walk-through 29): each
// column's `label` and its levels' labels were the default language's alone, and nothing said so, though the
// `locale` column shows that some respondents read every question in Spanish. The codebook now names the language of
// its labels and gives each language's words under `labels`. And a yes/no question's answers were labelled "true" and
// "false" where the study gave the words the respondent saw (labelTrue, labelFalse).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCodebook } from '../../server/domain/export/codebook.ts';
import { waveColumns } from '../../server/domain/export/wave-columns.ts';
import type { StudyDefinition } from '../../server/domain/study-definition.ts';
import type { Wave } from '../../server/domain/wave.ts';
import { loadDefinitionFiles } from '../../server/storage/definition-files.ts';

const bus = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'bus-line-funding')!;
const VOTED = {
  type: 'boolean', name: 'voted_last', isRequired: true,
  title: { en: 'Did you vote in the last election?', es: '¿Votó en las últimas elecciones?' },
  labelTrue: { en: 'Yes, I voted', es: 'Sí, voté' }, labelFalse: { en: 'No', es: 'No' },
};
// Walk-through 31's own study: a 1–5 rating with words at its ends only; the codebook labelled them "1" and "5".
const TRUST = {
  type: 'rating', name: 'trust_city', isRequired: true, rateMin: 1, rateMax: 5,
  title: { en: 'How much do you trust the city council?', es: '¿Cuánto confía en el concejo municipal?' },
  minRateDescription: { en: 'Not at all', es: 'Nada' }, maxRateDescription: { en: 'Completely', es: 'Totalmente' },
};
const def = structuredClone(bus) as StudyDefinition;
(def.pages.pretreatment[0]!.elements as unknown[]).push(VOTED, TRUST);
const wave = { id: 'w', status: 'open', target: 10, seed: 's', createdAt: '2026-12-07T00:00:00Z', locale: 'en' } as unknown as Wave;
const book = buildCodebook({ def, wave, study: { key: def.id, version: def.version, contentHash: 'x' }, columns: waveColumns(def) });
const column = (name: string) => book.columns.find((c) => c.name === name)! as (typeof book.columns)[number] & Record<string, any>;

test("a two-language study's codebook names its labels' language and gives each language's question and answer texts", () => {
  assert.equal(book.study.labelLocale, 'en');
  const vote = column('vote_line');
  assert.equal(vote.label, 'If the plan were on the ballot, how would you vote?');
  assert.deepEqual(vote.labels, { en: 'If the plan were on the ballot, how would you vote?', es: 'Si el plan se sometiera a votación, ¿cómo votaría?' });
  assert.deepEqual(vote.levels![0], { value: 'for', label: 'For the plan', labels: { en: 'For the plan', es: 'A favor del plan' } });
  assert.deepEqual(column('consent').labels, { en: 'Do you agree to take part in this study?', es: '¿Acepta participar en este estudio?' });
  // Columns the platform labels (no respondent read them) have one label.
  assert.equal(column('participant').labels, undefined);
});

test("a yes/no question's answers are labelled with the words the respondent saw", () => {
  assert.deepEqual(column('voted_last').levels, [
    { value: 1, label: 'Yes, I voted', labels: { en: 'Yes, I voted', es: 'Sí, voté' } },
    { value: 0, label: 'No', labels: { en: 'No', es: 'No' } },
  ]);
});

test("a rating's ends are labelled with the words shown beside them (minRateDescription, maxRateDescription), the points between by their numbers", () => {
  assert.deepEqual(column('trust_city').levels, [
    { value: 1, label: 'Not at all', labels: { en: 'Not at all', es: 'Nada' } },
    { value: 2, label: '2' },
    { value: 3, label: '3' },
    { value: 4, label: '4' },
    { value: 5, label: 'Completely', labels: { en: 'Completely', es: 'Totalmente' } },
  ]);
});

test("consent's 1 and 0 are labelled with the words of its two buttons, not \"true\" and \"false\"", () => {
  assert.deepEqual(column('consent').levels, [
    { value: 1, label: 'Yes, I agree to take part', labels: { en: 'Yes, I agree to take part', es: 'Sí, acepto participar' } },
    { value: 0, label: 'No, I do not want to take part', labels: { en: 'No, I do not want to take part', es: 'No, no quiero participar' } },
  ]);
});

test('a study in one language keeps the codebook it had: no labels beside each label', () => {
  const alliance = loadDefinitionFiles('survey-definitions').find((d) => d.id === 'alliance-corrective-measures')!;
  const one = buildCodebook({ def: alliance, wave, study: { key: alliance.id, version: 1, contentHash: 'x' }, columns: waveColumns(alliance) });
  assert.equal(one.study.labelLocale, 'en');
  assert.ok(one.columns.every((c) => !('labels' in c) && (c.levels ?? []).every((l) => !('labels' in l))));
});

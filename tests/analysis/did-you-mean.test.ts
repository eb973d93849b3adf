// didYouMean and closestName (analysis/helpers/did-you-mean.ts) for names that look the same and are not: an
// invisible character (Unicode's format characters) or another Unicode form of the same letters (attacker pass 28).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestName, didYouMean } from '../../analysis/helpers/did-you-mean.ts';

test('a near miss is named as before; a lookalike is named with what tells it apart', () => {
  assert.equal(didYouMean('behaviour', ['behavior', 'regime']), 'did you mean "behavior"?');
  assert.equal(didYouMean('party', ['regime', 'treaty']), 'expected one of regime, treaty');
  assert.equal(didYouMean('female', ['female\u200b', 'male']), 'did you mean "female\\u200b"? the two differ only by an invisible character, U+200B: delete it');
  assert.equal(didYouMean('si\u0301', ['s\u00ed', 'no']), 'did you mean "s\u00ed"? the two look the same but are written in two Unicode forms, one with combining accents (NFD), one without (NFC): type one of them again');
  assert.equal(closestName('s\u00ed', ['si\u0301', 'no']), 'si\u0301', 'two letters against three code points: too many edits for a slip, yet the same text');
  assert.equal(didYouMean('\u202efemale', ['female']), 'did you mean "female"? the two differ only by an invisible character, U+202E: delete it');
});

// Attacker pass 38: a name typed with an East Asian input method's full-width letters is too far for a slip by edits.
test('a full-width name, or one with a space after it, is named with what tells it apart', () => {
  assert.equal(closestName('\uff52\uff45\uff47\uff49\uff4d\uff45', ['regime', 'treaty']), 'regime');
  assert.equal(didYouMean('\uff52\uff45\uff47\uff49\uff4d\uff45', ['regime', 'treaty']), 'did you mean "regime"? the two differ only by compatibility forms of the same characters (full-width "Ａ" against "A", a ligature "ﬁ" against "fi"): type one of them again');
  assert.equal(didYouMean('regime ', ['regime', 'treaty']), 'did you mean "regime"? the two differ only by spaces at the start or end, or by more than one space between words: delete them');
});

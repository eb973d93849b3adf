// Levels in code-point order, as R's sort() orders them in the C locale (strcmp on UTF-8 bytes). Found by the eighth R
// trial (2026-12-03): JavaScript's `<` compares UTF-16 units, so a label beginning with a character beyond U+FFFF (an
// emoji, a mathematical letter) sorted before one of U+E000–U+FFFF (fullwidth "（", "Ａ", the private use area, "�",
// the ligature "ﬁ"), where R puts it after: another reference level for lm_robust, another control arm for
// difference_in_means (tests/reference/differential: t8-labels-astral-*, t8-dim-astral-*, t8-dim-math-letter-*).
// R 4.2.2, estimatr 1.0.0, Sys.setlocale("LC_COLLATE", "C"):
//   sort(c("😀 yes", "（中）", "Ａ team", "z", "\uE000 pua", "𝑥 math", "\uFFFD", "ﬁ"))
//   # "z" "\uE000 pua" "ﬁ" "（中）" "Ａ team" "\uFFFD" "𝑥 math" "😀 yes"
//   d <- data.frame(y = c(1.2, 2.3, 0.7, 3.1, 2.2, 1.9, 2.8, 0.4), z = rep(c("😀", "（"), 4))
//   tidy(difference_in_means(y ~ z, data = d))  # term "z😀", estimate -0.2, SE 0.739087274954724, df 5.82385321100918
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans, lmRobust } from '../../analysis/index.ts';
import { compareCodePoints, sortLevels } from '../../analysis/helpers/level-order.ts';
import { assertCloseToR } from './support.ts';

test('labels sort by code point, characters beyond U+FFFF after U+E000–U+FFFF, as R in the C locale', () => {
  const labels = ['😀 yes', '（中）', 'Ａ team', 'z', '\uE000 pua', '𝑥 math', '\uFFFD', 'ﬁ'];
  assert.deepEqual(sortLevels(labels).levels, ['z', '\uE000 pua', 'ﬁ', '（中）', 'Ａ team', '\uFFFD', '𝑥 math', '😀 yes']);
  assert.ok(compareCodePoints('😀', '（') > 0);
  assert.ok(compareCodePoints('a😀', 'a（') > 0);
  assert.ok(compareCodePoints('𝑥', '😀') < 0, 'two characters beyond U+FFFF keep their order');
  assert.ok(compareCodePoints('ab', 'a') > 0 && compareCodePoints('a', 'a') === 0);
});

const y = [1.2, 2.3, 0.7, 3.1, 2.2, 1.9, 2.8, 0.4];
const rows = y.map((v, i) => ({ y: v, z: i % 2 === 0 ? '😀' : '（' }));

test('difference_in_means: "（" is the control arm, "😀" the treated one', () => {
  const [row] = differenceInMeans({ rows, outcome: 'y', treatment: 'z' }).estimates;
  assert.equal(row.term, 'z😀');
  assertCloseToR(row.estimate, -0.2, 'estimate');
  assertCloseToR(row.std_error, 0.739087274954724, 'SE');
  assertCloseToR(row.df, 5.82385321100918, 'df');
});

test('lm_robust: "（" is the reference level', () => {
  const terms = lmRobust({ formula: 'y ~ z', rows }).estimates.map((row) => row.term);
  assert.deepEqual(terms, ['(Intercept)', 'z😀']);
});

test('the level-order warning names C.UTF-8 too: R built with ICU (Debian\'s) collates there as in en_US, not by code point', () => {
  // R trial 33, R 4.2.2 on Debian 12 (capabilities("ICU") TRUE), LC_COLLATE "C.UTF-8" (Debian's and Docker images' default):
  //   sort(c("apple", "Apple", "APPLE", "banana"))  # "apple" "Apple" "APPLE" "banana"
  //   Sys.setlocale("LC_COLLATE", "C"); sort(c("apple", "Apple", "APPLE", "banana"))  # "APPLE" "Apple" "apple" "banana"
  // An analyst in C.UTF-8 who reads "R's C locale" as their own gets another reference level ("apple", not "APPLE").
  const cased = ['apple', 'Apple', 'APPLE', 'banana'].map((f, i) => ({ y: [1.2, 2.3, 0.7, 3.1][i], f }));
  const { warnings, estimates } = lmRobust({ formula: 'y ~ f', rows: [...cased, ...cased] });
  assert.deepEqual(estimates.map((row) => row.term), ['(Intercept)', 'fApple', 'fapple', 'fbanana']);
  const order = warnings.filter((line) => line.includes('levels of "f"'));
  assert.equal(order.length, 1);
  assert.match(order[0], /reference "APPLE"; R in a locale other than C \(en_US\.UTF-8, or C\.UTF-8 where R collates with ICU, as Debian's R does\) may sort them otherwise \(reference "apple"\)/);
});

test('the level-order warning never names the reference it warns about as the other locale\'s: the other order, or the reference that changes', () => {
  // R trial 38's leftover. Levels "1 x", "Banana", "apple": code-point order (R's C locale) and ICU's en-US collation
  // both put "1 x" first and differ after it ("Banana", "apple" / "apple", "Banana"); the warning said `reference "1 x"
  // … may sort them otherwise (reference "1 x")`. With "-b", "a", "B", ICU keeps "-b" first and only the reading that
  // ignores punctuation (glibc's en_US.UTF-8) puts "a" first; the warning named "-b" twice and not "a".
  const fit = (labels: string[]) => {
    const rows = [1.2, 2.3, 0.7, 3.1, 2.2, 1.9].map((y, i) => ({ y, f: labels[i % labels.length] }));
    return lmRobust({ formula: 'y ~ f', rows }).warnings.filter((line) => line.includes('levels of "f"'));
  };
  const same = fit(['1 x', 'Banana', 'apple']);
  assert.equal(same.length, 1);
  assert.doesNotMatch(same[0], /\(reference "1 x"\)/);
  assert.match(same[0], /: "1 x", "Banana", "apple"; R in a locale other than C .* may sort them otherwise \("1 x", "apple", "Banana"\): the same reference "1 x", the other levels in another order/);
  const moved = fit(['-b', 'a', 'B']);
  assert.equal(moved.length, 1);
  assert.match(moved[0], /reference "-b"; R in a locale other than C .* may sort them otherwise \(reference "a"\)/);
});

// difference_in_means of an outcome near 1e9 with differences in the fourth decimal (a timestamp in seconds, an
// amount in cents summed over years): one unit in the last place of 1e9 is 1.2e-7, so an arm's mean that is one
// unit off moves the estimate by 1e-3 of itself. estimatr takes each arm's mean with R's mean() (long double and a
// correction pass: the mean rounded once); a running mean was one unit off (the twelfth R trial,
// tests/reference/differential/trial12-designs.ts, t12-dim-huge-outcome: relative error 1.1e-3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { differenceInMeans } from '../../analysis/index.ts';

const y = [1000000000.5971, 1000000000.2993, 1000000000.5423, 1000000000.9871, 1000000000.6722, 1000000000.5292, 1000000000.8699, 1000000000.9153];
const rows = y.map((value, i) => ({ y: value, z: i < 4 ? 1 : 0, b: i % 2 ? 'q' : 'p' }));

test("Welch's route takes each arm's mean as R's mean() does, so an outcome at 1e9 gives estimatr's estimate", () => {
  // R: d <- data.frame(y = c(1000000000.5971, 1000000000.2993, 1000000000.5423, 1000000000.9871, 1000000000.6722,
  //   1000000000.5292, 1000000000.8699, 1000000000.9153), z = rep(1:0, c(4, 4)), b = rep(c("p", "q"), 4))
  // tidy(difference_in_means(y ~ z, data = d)): estimate -0.14020001888275146, SE 0.16830006372771772, df 5.0548322510504065
  const [row] = differenceInMeans({ rows, outcome: 'y', treatment: 'z' }).estimates;
  assert.equal(row.estimate, -0.14020001888275146);
  assert.ok(Math.abs((row.std_error as number) - 0.16830006372771772) < 1e-9 * 0.17, `SE ${row.std_error}`);
  assert.ok(Math.abs((row.df as number) - 5.0548322510504065) < 1e-6 * 5, `df ${row.df}`);
});

test('the blocked estimator sums those means block by block', () => {
  // R: d2 <- rbind(d, transform(d, b = "r")); tidy(difference_in_means(y ~ z, blocks = b, data = d2)):
  // estimate -0.14020001888275146, SE 0.13213564800147609, df 10
  const doubled = [...rows, ...rows.map((row) => ({ ...row, b: 'r' }))];
  const [row] = differenceInMeans({ rows: doubled, outcome: 'y', treatment: 'z', blocks: 'b' }).estimates;
  assert.equal(row.estimate, -0.14020001888275146);
  assert.ok(Math.abs((row.std_error as number) - 0.13213564800147609) < 1e-9 * 0.13, `SE ${row.std_error}`);
  assert.equal(row.df, 10);
});

// The weighted and clustered routes are a regression y ~ 1 + t in estimatr, which loses the digits below 1e9 (its
// estimates are 4 units in the last place of 1e9 off here, 1e-3 of the estimate); the same call on the outcome less
// 1e9 (exact: every value is within a factor 2 of 1e9) keeps them. vlab fits the outcome less its first value, so it
// gives the centred call's numbers on either outcome. R: the first 30 rows of the trial's t12-dim data,
// d <- data.frame(ybig = c(…below…), z, w); d$cl <- rep(1:10, each = 3); d$z2 <- ifelse(d$cl %% 2 == 1, "Treatment", "Control")
const ybig = [1000000000.0004677, 999999999.99942863, 1000000000.0008565, 999999999.99939752, 1000000000.0003971, 1000000000.0006845, 999999999.99980187,
  999999999.99745011, 1000000000.0005054, 999999999.99888945, 999999999.99983418, 999999999.99958861, 999999999.99983501, 1000000000.0011324,
  1000000000.0002699, 1000000000.0018048, 999999999.99968588, 1000000000.0005951, 1000000000.0008188, 999999999.99952996, 999999999.99981844,
  1000000000.0003065, 1000000000.0014142, 999999999.99876153, 999999999.99978125, 1000000000.0013998, 999999999.99971044, 1000000000.0004362,
  1000000000.0013397, 1000000000.000492];
const treated = 'TCTCTTCCCTTTTTCTCTTCTTCCCCCTCC';
const w = [1.554, 1.755, 1.284, 0.65, 0.794, 0, 0.467, 1.588, 1.766, 0.973, 1.328, 1.697, 1.287, 0.484, 0.577, 1.734, 0, 1.588, 1.328, 0.41, 1.363, 1.66,
  0.452, 1.654, 0.806, 1.283, 1.187, 0, 1.972, 1.129];
const big = ybig.map((value, i) => ({
  ybig: value,
  z: treated[i] === 'T' ? 'Treatment' : 'Control',
  w: w[i],
  cl: 1 + Math.floor(i / 3),
  z2: Math.floor(i / 3) % 2 === 0 ? 'Treatment' : 'Control',
}));
const near = (got: number | null, want: number, what: string) => assert.ok(got !== null && Math.abs(got - want) <= 1e-8 * Math.abs(want), `${what}: ${got}, R centred ${want}`);

test('weighted, the estimate and SE are those of the outcome less 1e9 (estimatr on ybig is 4 units of 1e9 off)', () => {
  // R: tidy(difference_in_means(I(ybig - 1e9) ~ z, data = d, weights = w)): 0.00044865936415873563, SE 0.00044620392068908432
  // (on ybig: 0.00044914829520776016, SE 0.00044619817830754828)
  const [row] = differenceInMeans({ rows: big, outcome: 'ybig', treatment: 'z', weights: 'w' }).estimates;
  near(row.estimate, 0.00044865936415873563, 'estimate');
  near(row.std_error, 0.00044620392068908432, 'SE');
});

test('clustered, weighted or not, likewise', () => {
  // R: tidy(difference_in_means(I(ybig - 1e9) ~ z2, data = d, clusters = cl)): -0.00018806457519531249, SE 0.00031616016893788485;
  // with weights = w: -0.00027547951269162507, SE 0.00046459169680900447 (on ybig: -0.00018793741861979166 and -0.00027524106147744332)
  const [plain] = differenceInMeans({ rows: big, outcome: 'ybig', treatment: 'z2', clusters: 'cl' }).estimates;
  near(plain.estimate, -0.00018806457519531249, 'clustered estimate');
  near(plain.std_error, 0.00031616016893788485, 'clustered SE');
  const [weighted] = differenceInMeans({ rows: big, outcome: 'ybig', treatment: 'z2', clusters: 'cl', weights: 'w' }).estimates;
  near(weighted.estimate, -0.00027547951269162507, 'clustered weighted estimate');
  near(weighted.std_error, 0.00046459169680900447, 'clustered weighted SE');
});

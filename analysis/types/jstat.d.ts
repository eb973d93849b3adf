// jstat ships no types. Declared here: only what the tests use to pin down why the analysis module computes
// its own tails (see analysis/helpers/distributions.ts).
declare module 'jstat' {
  const jStat: {
    erfc(x: number): number;
    normal: { cdf(x: number, mean: number, sd: number): number };
    studentt: { cdf(x: number, df: number): number };
  };
  export default jStat;
}

# R's values in tests/analysis/mde.test.ts (R_CASES): power.t.test's delta for each n, sd, power, alpha and strict;
# before R trial 43 the test held them without this script.
# Usage, from the repository root: Rscript tests/analysis/r/mde.R   (R 4.2.2)
cases <- list(c(3, 1, 0.8, 0.05, 0), c(20, 1, 0.8, 0.05, 0), c(100, 1, 0.8, 0.05, 0), c(400, 1, 0.8, 0.05, 0), c(750, 1, 0.8, 0.05, 0),
  c(50, 2.5, 0.9, 0.01, 0), c(100, 1, 0.8, 0.005, 0), c(5, 1, 0.8, 0.05, 1), c(250, 1.2, 0.8, 0.05, 0))
for (k in cases) cat(sprintf("n %g sd %g power %g alpha %g strict %s: delta %s\n", k[1], k[2], k[3], k[4], as.logical(k[5]),
  format(power.t.test(n = k[1], sd = k[2], power = k[3], sig.level = k[4], strict = as.logical(k[5]), tol = 1e-12)$delta, digits = 15)))

# R's numbers for tests/analysis/fixed-effects-huge-outcome.test.ts (R 4.2.2, estimatr 1.0.0):
#   Rscript tests/analysis/r/fixed-effects-huge-outcome.R
# The data: tests/analysis/fixtures/fixed-effects-huge-outcome.csv (40 rows drawn by seededRandom(30100002): y near 1e9-4e9).
suppressMessages(library(estimatr))
d <- read.csv("tests/analysis/fixtures/fixed-effects-huge-outcome.csv")
t <- tidy(lm_robust(y ~ x, data = d, weights = w, fixed_effects = ~ g, se_type = "HC2"))
print(format(unlist(t[1, c("estimate", "std.error", "df")]), digits = 17))

# R's answer for the zero-share case of tests/analysis/p-adjust-rake-power.test.ts: a level that respondents have,
# given a population margin of 0. survey::rake stops (postStratify: "Strata in sample absent from population");
# vlab used to give those respondents weight 0 silently. Data: tests/analysis/fixtures/rake_zero_margin.csv.
# Usage, from the repository root: Rscript tests/analysis/r/rake-zero-margin.R   (R 4.2.2, survey 4.1-1)
suppressMessages(library(survey))
set.seed(20261206)
n <- 40
d <- data.frame(id = 1:n, g = sample(c("f", "m", "x"), n, TRUE), a = sample(c("young", "old"), n, TRUE))
write.csv(d, "tests/analysis/fixtures/rake_zero_margin.csv", row.names = FALSE)
des <- svydesign(ids = ~1, data = d, weights = ~rep(1, n))
margins <- list(data.frame(g = c("f", "m", "x"), Freq = c(0.51, 0.49, 0)), data.frame(a = c("young", "old"), Freq = c(0.4, 0.6)))
cat(tryCatch({ rake(des, list(~g, ~a), margins); "no error" }, error = conditionMessage), "\n")
# prints: Strata in sample absent from population. This Can't Happen

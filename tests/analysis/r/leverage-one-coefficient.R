# R's values for tests/analysis/leverage-one-coefficient.test.ts (R trial 40): the reference level "a" of f has one
# row (leverage 1), so the intercept is that row's outcome. estimatr under HC2/HC3 prints NaN or noise; vlab gives
# that row weight 0 (docs/analysis.md, leverage 1), so z, fb and fc have the SEs of the fit without the row, where
# fb and fc are level means (y ~ 0 + z + f). R 4.2.2, estimatr 1.0.0:  Rscript tests/analysis/r/leverage-one-coefficient.R
suppressMessages(library(estimatr))
d <- data.frame(
  y = c(2.5, 3.1, 4.0, 3.6, 5.2, 4.8, 6.1, 5.5, 4.4, 3.9, 5.0, 6.3, 2.2, 4.1, 5.7, 3.3),
  z = c(0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1),
  f = c("a", "b", "b", "c", "c", "b", "c", "b", "c", "b", "c", "b", "c", "b", "c", "b"))
for (se in c("HC2", "HC3")) {
  full <- tidy(lm_robust(y ~ z + f, data = d, se_type = se))
  cat(se, "estimatr on every row:", sprintf("%.6g", full$std.error), "\n")
  t <- tidy(lm_robust(y ~ 0 + z + f, data = d[-1, ], se_type = se))
  print(data.frame(term = t$term, est = sprintf("%.15g", t$estimate), se = sprintf("%.15g", t$std.error)))
}
# HC0 and HC1 give the row weight e² = 0 themselves: z, fb and fc on every row (estimatr's intercept NaN or noise).
for (se in c("HC0", "HC1")) {
  t <- tidy(lm_robust(y ~ z + f, data = d, se_type = se))
  print(data.frame(se = se, term = t$term, est = sprintf("%.15g", t$estimate), se = sprintf("%.15g", t$std.error)))
}

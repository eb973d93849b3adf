# R's values for tests/analysis/cluster-one-row-coefficient.test.ts (R trial 40): the reference level of f has one
# row, so the intercept is that row's outcome and its clustered variance is 0 by construction (the row's residual is
# 0: leverage 1). R 4.2.2, estimatr 1.0.0:  Rscript tests/analysis/r/cluster-one-row-coefficient.R
suppressMessages(library(estimatr))
d <- data.frame(
  y = c(2.5, 3.1, 4.0, 3.6, 5.2, 4.8, 6.1, 5.5, 4.4, 3.9, 5.0, 6.3, 2.2, 4.1, 5.7, 3.3),
  z = c(0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1),
  f = c("a", "b", "b", "c", "c", "b", "c", "b", "c", "b", "c", "b", "c", "b", "c", "b"),
  cl = c(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4))
for (se in c("CR2", "CR0", "stata")) {
  t <- tidy(lm_robust(y ~ z + f, data = d, clusters = cl, se_type = se))
  cat(se, "\n"); print(data.frame(term = t$term, est = sprintf("%.15g", t$estimate), se = sprintf("%.15g", t$std.error), df = sprintf("%.15g", t$df)))
}

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
# R trial 41: the same under one fixed effect (vlab's demeaned path). Group 2 holds one row of k = "b" and one of "a"
# with the same x, so kb is y_b − y_a there, decided by two rows of leverage 1; group 1 is one row. estimatr prints
# noise for kb (or NaN/0.7 under HC2/HC3); x's SEs are those of the fit without groups 1 and 2 (as the rows of weight 0).
e <- data.frame(
  y = c(1.9, 3.4, 2.6, 4.1, 5.0, 3.8, 2.7, 6.2, 4.9, 3.1),
  x = c(0.5, 1.0, 1.0, 2.0, 3.5, 1.5, 0.8, 4.0, 2.5, 1.2),
  k = c("b", "b", "a", "a", "a", "a", "a", "a", "a", "a"),
  g = c(1, 2, 2, 3, 3, 3, 4, 4, 4, 4))
for (se in c("HC0", "HC1", "HC2", "HC3")) {
  t <- tidy(lm_robust(y ~ k + x, data = e, fixed_effects = ~ g, se_type = se))
  print(data.frame(se = se, term = t$term, est = sprintf("%.15g", t$estimate), se = sprintf("%.15g", t$std.error), df = t$df))
}
for (se in c("HC2", "HC3")) {
  t <- tidy(lm_robust(y ~ x, data = e[-(1:3), ], fixed_effects = ~ g, se_type = se))
  print(data.frame(without_groups_1_2 = se, term = t$term, est = sprintf("%.15g", t$estimate), se = sprintf("%.15g", t$std.error)))
}
# Task 43 (left from R trial 43): y ~ x + f:x + t + t:f with one row of f = "hi" (t = 1). x:fhi is aliased with fhi:t
# (both are only that row's), and fhi:t = y_hi − (b0 + b1 x_hi + b2): partly decided by the row of leverage 1, whose
# own variance no SE can hold. Its SE (estimatr's and vlab's) is that of b0 + b1 x_hi + b2 from the other rows only;
# the intercept, x and t have the SEs of the fit without the row.
p <- data.frame(
  y = c(1.2, 2.9, 0.4, 2.2, 3.1, 1.8, 0.9, 2.6, 1.5, 3.4, 0.7, 2.0),
  x = c(-0.5, 1.1, -1.3, 0.6, 1.4, 0.2, -0.9, 0.8, -0.1, 1.7, -1.0, -0.8),
  t = c(0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1),
  f = factor(c(rep("lo", 11), "hi"), levels = c("lo", "hi")))
for (se in c("HC0", "HC2", "HC3")) {
  full <- tidy(lm_robust(y ~ x + f:x + t + t:f, data = p, se_type = se))
  rest <- lm_robust(y ~ x + t, data = p[-12, ], se_type = se)
  a <- c(1, p$x[12], 1)
  print(data.frame(se = se, term = full$term, est = sprintf("%.15g", full$estimate), se = sprintf("%.15g", full$std.error),
    without_row = sprintf("%.15g", c(rest$std.error, NA, sqrt(drop(t(a) %*% vcov(rest) %*% a))))))
}
# The same under one fixed effect (vlab's demeaned path hands it to the path with dummies).
p$g <- c(1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3)
fe <- tidy(lm_robust(y ~ x + f:x + t + t:f, data = p, fixed_effects = ~ g, se_type = "HC2"))
print(data.frame(fixed_effects = "~ g", term = fe$term, est = sprintf("%.15g", fe$estimate), se = sprintf("%.15g", fe$std.error)))

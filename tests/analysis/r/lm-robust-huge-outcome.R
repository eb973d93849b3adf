# Expected values for tests/analysis/lm-robust-huge-outcome.test.ts (R 4.2.2, estimatr 1.0.0). Run from the
# repository root:  Rscript tests/analysis/r/lm-robust-huge-outcome.R
# An outcome near 1e9 varying in the fourth decimal (the thirteenth R trial's class, drawn in JavaScript with
# Draw(13000001): y = 1e9 + (0.3 t + 0.5 x + e) / 1000 printed to 7 decimals). y - 1e9 is exact in doubles
# (Sterbenz), so lm_robust(I(y - 1e9) ~ ...) is the fit with every digit; lm_robust(y ~ ...) loses some.
# Prints each fit's estimate and std.error with 17 significant digits, on I(y - 1e9) and, for comparison, on y.
suppressMessages(library(estimatr))
d <- data.frame(
  y = c(999999999.9991738, 1000000000.0003202, 999999999.9999377, 1000000000.0011615, 1000000000.0008795, 1000000000.0002611,
    999999999.9987860, 1000000000.0000299, 1000000000.0009385, 1000000000.0003735, 1000000000.0003345, 999999999.9999943,
    999999999.9990875, 1000000000.0026342, 1000000000.0010726, 1000000000.0000379, 999999999.9997665, 999999999.9989321,
    999999999.9977514, 1000000000.0004144, 1000000000.0005890, 1000000000.0010560, 1000000000.0004879, 1000000000.0007188),
  x = c(0.414, -0.780, -0.953, 2.013, 0.872, 0.284, 0.549, -0.079, 1.088, -1.007, -0.252, 0.226, -0.601, 1.643, -0.348,
    -0.728, -2.076, 1.775, -0.384, 1.864, 0.412, 2.558, -0.548, 0.289),
  w = c(0.95, 0.89, 1.68, 0.65, 0.43, 1.27, 0.46, 1.66, 1.87, 0.88, 1.55, 0.85, 1.97, 1.20, 0.81, 1.97, 0.53, 1.84, 0.74,
    0.72, 1.09, 1.22, 0.86, 1.48))
d$t <- rep(0:1, 12)
d$cl <- rep(1:6, each = 4)
d$f <- rep(c("a", "b", "c"), 8)
calls <- c(
  'lm_robust(%s ~ t + x, data = d, se_type = "HC2")',
  'lm_robust(%s ~ t + x, data = d, clusters = cl, se_type = "CR2")',
  'lm_robust(%s ~ t + x, data = d, clusters = cl, weights = w, se_type = "CR0")',
  'lm_robust(%s ~ t + x, data = d, weights = w, se_type = "HC1")',
  'lm_robust(%s ~ t * f + x, data = d, clusters = cl, weights = w, se_type = "CR2")',
  'lm_robust(%s ~ 0 + t + x, data = d, se_type = "HC2")')
for (call in calls) for (lhs in c("I(y - 1e9)", "y")) {
  text <- sprintf(call, lhs)
  t <- tidy(eval(parse(text = text)))
  cat(text, "\n")
  for (k in seq_len(nrow(t))) cat(sprintf("  %s: %.17g, SE %.17g\n", t$term[k], t$estimate[k], t$std.error[k]))
}
# The intercept aliased by the pivoted QR (a constant column ahead of it): estimatr, and vlab, fit y unshifted.
d$k <- 5
t <- tidy(lm_robust(y ~ k + x, data = d, se_type = "HC2"))
cat('lm_robust(y ~ k + x, data = d, se_type = "HC2") with d$k <- 5\n')
for (k in seq_len(nrow(t))) cat(sprintf("  %s: %.17g, SE %.17g\n", t$term[k], t$estimate[k], t$std.error[k]))

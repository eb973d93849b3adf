# R trial 38: coefficients fitted within one cluster (f = "p" only in cluster 1): estimatr prints NaN or rounding noise
# (3e-8) for their clustered SEs, which are 0 by construction; the other rows are the expected values of
# tests/analysis/cluster-own-coefficients.test.ts. R 4.2.2, estimatr 1.0.0: Rscript tests/analysis/r/cluster-own-coefficients.R
suppressMessages(library(estimatr))
d <- data.frame(
  y = c(1.2, 2.9, 0.4, 3.3, 2.2, 1.7, 3.1, 0.8, 2.6, 1.1, 3.8, 2.0, 1.5, 2.4, 0.9, 3.0, 2.7, 1.3, 2.1, 3.5, 0.6, 1.9, 2.8, 1.4),
  z = c(0, 1, 0, 1, rep(c(0, 1, 1, 0), 5)),
  f = c(rep("p", 4), rep(c("q", "r", "r", "q", "q", "r"), length.out = 20)),
  w = c(1.5, 0.7, 2.2, 1.1, 0.9, 1.8, 1.2, 0.6, 2.5, 1.0, 1.3, 0.8, 1.7, 2.0, 0.5, 1.4, 1.1, 0.9, 2.3, 1.6, 0.7, 1.2, 1.9, 1.0),
  g = rep(1:6, each = 4))
print(table(d$f, d$z))
for (se in c("CR0", "stata", "CR2")) print(tidy(lm_robust(y ~ z * f, data = d, clusters = g, se_type = se))[, c("term", "estimate", "std.error", "df")], digits = 15)
print(tidy(lm_robust(y ~ z * f, data = d, clusters = g, weights = w, se_type = "CR0"))[, c("term", "estimate", "std.error", "df")], digits = 15)
# With fixed effects of pairs of clusters (vlab's demeaned path hands such a fit to the one with dummies):
d$h <- (d$g + 1) %/% 2
for (se in c("CR0", "CR2")) print(tidy(lm_robust(y ~ z * f, data = d, clusters = g, fixed_effects = ~ h, se_type = se))[, c("term", "estimate", "std.error", "df")], digits = 15)

# R's warnings for tests/analysis/missing-role-warnings.test.ts (R trial 41): rows whose outcome and terms are complete
# but whose weight, cluster, fixed effect or block is missing are dropped with estimatr's warning, "Some observations
# have missingness in the <role> variable(s) but not in the outcome or covariates. These observations have been
# dropped." A row missing in two roles is named once, under the first in estimatr's model frame (lm_robust: weights,
# cluster, fixed_effects; difference_in_means: weights, block, cluster); a row missing in a term too is not named.
# R 4.2.2, estimatr 1.0.0:  Rscript tests/analysis/r/missing-role-warnings.R
suppressMessages(library(estimatr))
d <- data.frame(y = c(1, 3, 2, 5, 4, 6, 7, 5, 8, 9, 3, 4), x = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, NA),
  t = c(0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1), w = c(1, 1, NA, 1, 2, 1, 1, 2, 1, 1, 1, 1),
  cl = c(1, 1, NA, 2, 3, 3, 4, 4, 5, 5, 6, NA), g = c(1, 1, 1, 2, NA, 2, 1, 2, 1, 2, 1, 2), b = c(1, 1, NA, 1, 1, 1, 1, 1, 2, 2, 2, 2))
show <- function(e) {
  r <- withCallingHandlers(e, warning = function(w) { cat("warning:", conditionMessage(w), "\n"); invokeRestart("muffleWarning") })
  t <- tidy(r); cat("nobs", r$nobs, ":", paste(t$term, sprintf("%.15g", t$estimate), sprintf("%.15g", t$std.error)), "\n\n")
}
show(lm_robust(y ~ x, data = d, weights = w, clusters = cl, fixed_effects = ~ g, se_type = "CR0"))  # row 3: weights; 5: fixed_effects; 12: x
show(lm_robust(y ~ x, data = d, clusters = cl))                                                       # row 3: cluster
show(lm_robust(y ~ x, data = d, clusters = cl, subset = y != 2))                                      # row 3 left out by subset: none
show(lm_robust(y ~ x, data = d, fixed_effects = ~ g))                                                 # row 5: fixed_effects
show(difference_in_means(y ~ t, data = d, weights = w, blocks = b))                                   # row 3: weights
show(difference_in_means(y ~ t, data = d, blocks = b, clusters = cl))                                 # row 3: block; 12: cluster

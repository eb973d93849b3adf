# R trial 29: estimatr's lm_lin is lm_robust of the treatment times the centred covariates (docs/analysis.md, lmRobust),
# which vlab fits as a formula (the t29-ti-lin-* cases of tests/reference/differential/trial29-designs.ts compare vlab
# with these lm_robust calls). The data are the trial's, written by write-inputs.ts:
#   node --import tsx tests/reference/differential/write-inputs.ts DIR && Rscript tests/analysis/r/lm-lin-formula.R DIR
# R 4.2.2, estimatr 1.0.0 printed 0 0 0 0 0: the same estimates and SEs, unweighted, weighted (centred on the
# weighted means) and clustered.
suppressMessages(library(estimatr))
d <- read.csv(file.path(commandArgs(TRUE)[1], "t29-data.csv"), stringsAsFactors = FALSE)
gap <- function(a, b) max(abs(tidy(a)$estimate - tidy(b)$estimate), abs(tidy(a)$std.error - tidy(b)$std.error))
cat(gap(lm_lin(y ~ z, covariates = ~ x + u, data = d), lm_robust(y ~ z * (scale(x, scale = FALSE) + scale(u, scale = FALSE)), data = d)),
  gap(lm_lin(y ~ z, covariates = ~ x, data = d), lm_robust(y ~ z * I(x - mean(x)), data = d)),
  gap(lm_lin(y ~ z, covariates = ~ x + u, data = d, weights = w),
    lm_robust(y ~ z * (I(x - weighted.mean(x, w)) + I(u - weighted.mean(u, w))), data = d, weights = w)),
  gap(lm_lin(y ~ zc, covariates = ~ x + u, data = d, clusters = cl),
    lm_robust(y ~ zc * (scale(x, scale = FALSE) + scale(u, scale = FALSE)), data = d, clusters = cl)),
  gap(lm_lin(y ~ zc, covariates = ~ x + u, data = d, clusters = cl, se_type = "stata"),
    lm_robust(y ~ zc * (scale(x, scale = FALSE) + scale(u, scale = FALSE)), data = d, clusters = cl, se_type = "stata")), "\n")

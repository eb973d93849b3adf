# Expected values for tests/analysis/cr2-stiff-weights.test.ts: weighted CR2 whose clusters include "stiff" ones (a
# singleton of weighted leverage within ~1e-7 of 1, an adjustment eigenvalue of 1e-9): y ~ f * x, 12 clusters,
# weights 0.01 to 100 (cr2_stiff_weights.csv) and the same design with weights 0 and 1e-9 to 1.7e5
# (cr2_zero_weights.csv). Both are cases of the 2026-12-03 trial against R (its generator's seed 90381; the first has
# its weights clipped to [0.01, 100]). vlab's Bell–McCaffrey df moved with the row order there (1.0002 to 1.0021 for
# 1.00067; −0.22 and 0.34 with zero weights). The exact answer is the 60-digit computation of estimatr's formula
# (n × n, literally) in cr2-stiff-weights.py beside this file (python3 with mpmath): estimatr's df agree with it to
# 2e-7 on the first file (and stay there with the rows permuted, printed below), and are themselves off by up to
# 3e-3 on the second, so the test holds both files to the 60-digit numbers. estimatr keeps zero-weight rows: they
# add nothing to the fit, but their rows of I − H enter their cluster's adjustment; clubSandwich drops them (its
# SEs are those of the fit without them), so it is no reference for the second file.
# Usage, from the repository root: Rscript tests/analysis/r/cr2-stiff-weights.R   (R 4.2.2, estimatr 1.0.0)
suppressMessages({ library(estimatr); library(clubSandwich); library(jsonlite) })
fit <- function(d) tidy(lm_robust(y ~ f * x, d, weights = w, clusters = cl, se_type = "CR2"))
d <- read.csv("tests/analysis/fixtures/cr2_stiff_weights.csv", stringsAsFactors = FALSE)
t0 <- fit(d)
set.seed(20261203)
permuted <- lapply(1:3, function(k) fit(d[sample(nrow(d)), ])$df)
m <- lm(y ~ f * x, d, weights = w)
cs <- coef_test(m, vcov = "CR2", cluster = d$cl, test = "Satterthwaite")
z <- read.csv("tests/analysis/fixtures/cr2_zero_weights.csv", stringsAsFactors = FALSE)
out <- list(
  stiff = unname(lapply(seq_len(nrow(t0)), function(i) list(t0$term[i], t0$estimate[i], t0$std.error[i], t0$df[i]))),
  stiff_df_permuted = permuted,
  stiff_clubsandwich_df = unname(cs$df_Satt),
  zero_estimatr_df = fit(z)$df,
  zero_estimatr_se = fit(z)$std.error
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE))

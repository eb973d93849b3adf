# R's answer for `vlab rake --weights COLUMN` (tests/analysis/rake-base-weights-cli.test.ts): survey::rake on a
# design with base (design) weights. Uneven base weights that correlate with the margins, so that starting from them
# or from 1 gives different raked weights. Writes tests/analysis/fixtures/rake_base_weights.csv (data) and
# rake_base_weights.expected.csv (weights normalised to mean 1, as vlab prints them).
# Usage, from the repository root: Rscript tests/analysis/r/rake-base-weights.R   (R 4.2.2, survey 4.1-1)
suppressMessages(library(survey))
set.seed(20261203)
n <- 60
d <- data.frame(id = sprintf("p%02d", 1:n), g = sample(c("f", "m"), n, TRUE), a = sample(c("young", "mid", "old"), n, TRUE))
d$base <- round(ifelse(d$g == "f", 0.6, 1.4) * runif(n, 0.5, 2), 4)
write.csv(d, "tests/analysis/fixtures/rake_base_weights.csv", row.names = FALSE)
des <- svydesign(ids = ~1, data = d, weights = ~base)
margins <- list(data.frame(g = c("f", "m"), Freq = c(0.51, 0.49) * n), data.frame(a = c("young", "mid", "old"), Freq = c(0.3, 0.45, 0.25) * n))
rk <- rake(des, list(~g, ~a), margins, control = list(maxit = 200, epsilon = 1e-12))
w <- weights(rk); w <- w / mean(w)
write.csv(data.frame(id = d$id, weight = sprintf("%.15g", w)), "tests/analysis/fixtures/rake_base_weights.expected.csv", row.names = FALSE)
# The same margins from weight 1 (what vlab gave when it could not take base weights): differ from w.
w1 <- weights(rake(svydesign(ids = ~1, data = d, weights = ~rep(1, n)), list(~g, ~a), margins, control = list(maxit = 200, epsilon = 1e-12)))
cat("largest |w - w1/mean(w1)|:", max(abs(w - w1 / mean(w1))), "\n")

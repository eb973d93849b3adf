# Expected values for tests/analysis/offset-covariate.test.ts: a covariate far from zero (x ≈ 1e6 with unit
# spread, and x2 ≈ 1e6 with spread 0.01). estimatr forms X'ΩX and then M · X'ΩX · M, which loses about κ(X)²·ε
# (SEs off by ~1e-3 here), so the reference is the same fit on centred covariates, equal in exact arithmetic
# (the sandwich is equivariant under x → x − c; the intercept is not compared).
# Usage, from the repository root: Rscript tests/analysis/r/offset-covariate.R   (R 4.2.2, estimatr 1.0.0)
suppressMessages({ library(estimatr); library(jsonlite) })
set.seed(20261203)
n <- 60
d <- data.frame(y = 0, f = sample(c("a", "b", "c"), n, TRUE), x = round(1e6 + rnorm(n), 6),
                x2 = round(1e6 + 0.01 * rnorm(n), 8), cl = sprintf("c%02d", sample(1:9, n, TRUE)), w = round(runif(n, 0.2, 3), 4))
d$y <- round(1e6 + 2 * (d$x - 1e6) + 300 * (d$x2 - 1e6) + 0.5 * (d$f == "b") + rnorm(n) * (1 + (d$f == "c")), 4)
write.csv(d, "tests/analysis/fixtures/offset_covariate.csv", row.names = FALSE)
d <- read.csv("tests/analysis/fixtures/offset_covariate.csv")
centred <- d; centred$x <- d$x - mean(d$x); centred$x2 <- d$x2 - mean(d$x2)
rows <- function(fit) { t <- tidy(fit); t <- t[t$term != "(Intercept)", ]; unname(lapply(seq_len(nrow(t)), function(i) list(t$term[i], t$estimate[i], t$std.error[i], t$df[i]))) }
out <- list(
  hc1 = rows(lm_robust(y ~ x + f, data = centred, se_type = "HC1")),
  stata = rows(lm_robust(y ~ x, data = centred, clusters = cl, se_type = "stata")),
  hc2_weighted = rows(lm_robust(y ~ x + f, data = centred, weights = w, se_type = "HC2")),
  cr0_x2 = rows(lm_robust(y ~ x2 + x, data = centred, clusters = cl, se_type = "CR0")),
  # estimatr on the raw data keeps the intercept next to x2 (lm's tolerance 1e-7 would alias one of them)
  raw_x2_terms = tidy(lm_robust(y ~ x2, data = d))$term[!is.na(coef(lm_robust(y ~ x2, data = d)))]
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE))

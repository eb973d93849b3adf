# Expected values for tests/analysis/leverage-one.test.ts: HC2/HC3 when a row has leverage 1 (the only
# observation of a factor level). Its residual is 0 in exact arithmetic and its HC2/HC3 weight 0/0;
# estimatr prints whatever the rounding leaves (here NaN for every HC2 SE, and fd's HC3 SE 2.02 for 0.283). The reference gives that row weight 0
# (as HC0 does), computed by hand from lm's fit; for every coefficient but the level's own it equals lm_robust
# without the row (checked below).
# Usage, from the repository root: Rscript tests/analysis/r/leverage-one.R   (R 4.2.2, estimatr 1.0.0)
suppressMessages({ library(estimatr); library(jsonlite) })
set.seed(20261203)
n <- 40
d <- data.frame(f = sample(c("a", "b", "c"), n, TRUE), g = sample(c("u", "v"), n, TRUE), x = round(rnorm(n), 4))
d$f[1] <- "d"; d$g[1] <- "u"  # level d of f: one row
d$y <- round(1 + (d$f == "b") + 0.5 * d$x + rnorm(n), 4)
write.csv(d, "tests/analysis/fixtures/leverage_one.csv", row.names = FALSE)
d <- read.csv("tests/analysis/fixtures/leverage_one.csv")
by_hand <- function(formula, type) {
  m <- lm(formula, d); X <- model.matrix(m); e <- resid(m)
  M <- solve(crossprod(X)); h <- rowSums((X %*% M) * X)
  stopifnot(sum(h > 1 - 1e-10) == 1)
  om <- ifelse(h > 1 - 1e-10, 0, if (type == "HC2") e^2 / (1 - h) else e^2 / (1 - h)^2)
  se <- sqrt(diag(M %*% crossprod(X * om, X) %*% M))
  unname(lapply(seq_along(se), function(i) list(names(coef(m))[i], unname(coef(m)[i]), unname(se[i]))))
}
# Every coefficient but fd's equals lm_robust on the data without the row (it is then the fit without that row).
without <- tidy(lm_robust(y ~ f + x, d[-1, ], se_type = "HC2"))
out <- list(
  hc2 = by_hand(y ~ f + x, "HC2"),
  hc3 = by_hand(y ~ f + x, "HC3"),
  hc2_without_row = unname(lapply(seq_len(nrow(without)), function(i) list(without$term[i], without$std.error[i]))),
  estimatr_hc2 = tidy(lm_robust(y ~ f + x, d, se_type = "HC2"))$std.error,
  estimatr_hc3 = tidy(lm_robust(y ~ f + x, d, se_type = "HC3"))$std.error
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = FALSE))

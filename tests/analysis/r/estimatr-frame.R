# Expected values for tests/analysis/estimatr-frame.test.ts: three ways vlab's model frame or solver differed from
# estimatr's, found by the second trial against R (2026-12-03, /tmp/rtrial outside the repo):
#  1. A formula with "." is expanded by the Formula package as estimatr calls it (update(formula(terms(f, data)),
#     . ~ .)): a column only removed by "- cl" is then not a model variable, and its missing values drop no row.
#     Without ".", `y ~ f + x - cl` keeps cl in the frame and drops those rows (as lm).
#  2. poly(x, 3, raw = TRUE) allows missing x (only the orthogonal poly() refuses them): the rows are dropped.
#  4. A fit with as many rows as kept columns (n = rank): estimatr warns "Some degrees of freedom have been
#     estimated as negative or zero" and gives df, p and the interval as NA (vlab printed df 0).
#  3. Eigen's rank threshold is relative to the largest column norm, so a covariate of ~5e21 leaves the intercept
#     and a second covariate aliased, with or without clusters.
# Usage, from the repository root: Rscript tests/analysis/r/estimatr-frame.R   (R 4.2.2, estimatr 1.0.0)
suppressMessages({ library(estimatr); library(jsonlite) })
set.seed(20261203)
n <- 40
d <- data.frame(y = round(rnorm(n), 4), f = sample(c("a", "b", "c"), n, TRUE), x = round(rnorm(n, 2), 4),
                cl = sprintf("c%d", sample(1:8, n, TRUE)), w = round(runif(n, 0.5, 2), 3), k = sample(1:5, n, TRUE))
d$y <- round(1 + d$x + (d$f == "b") + rnorm(n), 4)
d$cl[c(3, 11, 25)] <- NA
d$x[c(7, 19)] <- NA
d$huge <- round(exp(50 + rnorm(n, 0, 0.01)), -6)   # ~5e21
write.csv(d, "tests/analysis/fixtures/estimatr_frame.csv", row.names = FALSE, na = "")
d <- read.csv("tests/analysis/fixtures/estimatr_frame.csv", na.strings = c("", "NA"))
tidy_list <- function(fit) { t <- tidy(fit); unname(lapply(seq_len(nrow(t)), function(i) list(t$term[i], t$estimate[i], t$std.error[i], t$df[i]))) }
fits <- list(
  dot_minus = lm_robust(y ~ . - cl - w - huge, data = d),                       # nobs 38: cl's NAs drop nothing
  dot_minus_clustered = lm_robust(y ~ . - w - huge - cl, data = d, clusters = cl, se_type = "stata"),  # the clusters drop them
  explicit_minus = lm_robust(y ~ f + x + k - cl, data = d),                     # nobs 35: cl stays in the frame
  poly_raw_missing = lm_robust(y ~ poly(x, 3, raw = TRUE) + f, data = d, se_type = "HC1"),
  huge_hc2 = lm_robust(y ~ huge + k, data = d),                                 # intercept and k aliased
  huge_cr0 = lm_robust(y ~ huge + k, data = d, clusters = cl, se_type = "CR0")
)
# n = rank: 4 rows, y ~ f + x with f's three levels present (rows chosen in R, written to their own file)
sat <- d[!is.na(d$x), ]; sat <- sat[c(match(c("a", "b", "c"), sat$f), which(sat$f == "a")[2]), ]
stopifnot(length(unique(sat$f)) == 3)
write.csv(sat[c("y", "f", "x")], "tests/analysis/fixtures/estimatr_frame_saturated.csv", row.names = FALSE)
sat <- read.csv("tests/analysis/fixtures/estimatr_frame_saturated.csv")
saturated <- lapply(c("classical", "HC0", "HC1"), function(se) {
  t <- tidy(lm_robust(y ~ f + x, data = sat, se_type = se))
  list(se_type = se, rows = unname(lapply(seq_len(nrow(t)), function(i) list(t$term[i], t$estimate[i], t$std.error[i], t$statistic[i], t$p.value[i], t$conf.low[i], t$df[i]))))
})
out <- lapply(fits, function(fit) list(nobs = fit$nobs, rows = tidy_list(fit)))
out$saturated <- saturated
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"), "tests/analysis/fixtures/estimatr_frame.expected.json")

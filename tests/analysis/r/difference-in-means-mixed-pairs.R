# R's values for tests/analysis/difference-in-means-mixed-pairs.test.ts (R trial 41): blocks of two units beside a
# block of four, and blocks of two clusters beside one of four. estimatr takes the matched-pair estimator for every
# block and warns; with blocks of two only it does not warn. R 4.2.2, estimatr 1.0.0:
#   Rscript tests/analysis/r/difference-in-means-mixed-pairs.R
suppressMessages(library(estimatr))
d <- data.frame(y = c(1.2, 2.5, 0.8, 1.9, 2.2, 1.1, 3.0, 2.4), t = c(0, 1, 0, 1, 0, 1, 0, 1), b = c("a", "a", "b", "b", "b", "b", "c", "c"),
  k = c(1, 2, 3, 3, 4, 4, 5, 6))
show <- function(...) {
  t <- withCallingHandlers(tidy(difference_in_means(...)), warning = function(w) { cat("warning:", conditionMessage(w), "\n"); invokeRestart("muffleWarning") })
  cat(sprintf("%.15g", unlist(t[1, c("estimate", "std.error", "df")])), "\n")
}
show(y ~ t, data = d, blocks = b)
show(y ~ t, data = d[d$b != "b", ], blocks = b)
e <- data.frame(y = c(1.2, 2.5, 0.8, 1.9, 2.2, 1.1, 3.0, 2.4, 1.7, 2.6), t = c(0, 1, 0, 1, 0, 1, 0, 1, 0, 1),
  b = c("a", "a", "a", "a", "b", "b", "b", "b", "b", "b"), k = c(1, 2, 1, 2, 3, 4, 5, 4, 3, 6))
show(y ~ t, data = e, blocks = b, clusters = k)

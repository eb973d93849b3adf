# R's values for tests/analysis/matrix-column-as-vector.test.ts (R trial 40): scale(x)[, 1], poly(x, 2)[, 2],
# as.vector() and c() of one column in a formula, and the calls where R stops. R 4.2.2, estimatr 1.0.0:
#   Rscript tests/analysis/r/matrix-column-as-vector.R
suppressMessages(library(estimatr))
d <- data.frame(y = c(3.1, 4.2, 2.9, 5.8, 6.1, 4.4, 7.3, 5.0, 6.6, 3.7), x = c(1, 2, 2, 4, 5, 3, 7, 4, 6, 2), z = c(0, 1, 0, 1, 1, 0, 1, 0, 1, 0),
  g = c("b", "a", "b", "c", "a", "c", "b", "a", "c", "a"))
show <- function(f) { t <- tidy(lm_robust(f, data = d)); cat(deparse(f), "\n"); print(data.frame(term = t$term, est = sprintf("%.15g", t$estimate), se = sprintf("%.15g", t$std.error))) }
show(y ~ z * scale(x)[, 1])
show(y ~ z + poly(x, 2)[, 2])
show(y ~ z * as.vector(scale(x)))
show(y ~ z + c(scale(x, scale = FALSE)))
show(y ~ as.vector(g) + x)
show(y ~ c(factor(g, levels = c("c", "b", "a"))) + x)
for (f in c("y ~ x[, 1]", "y ~ poly(x, 2)[, 3]", "y ~ c(x, z)", "y ~ as.vector(poly(x, 2))", "y ~ c(poly(x, 2))", "y ~ poly(x, 2)[1, 1]", "y ~ as.vector(x, mode = 'character')"))
  cat(f, ":", tryCatch({lm_robust(as.formula(f), data = d); "fits"}, error = function(e) conditionMessage(e)), "\n")
print(tidy(lm_robust(y ~ as.vector(x, mode = 'character'), data = d))$term)

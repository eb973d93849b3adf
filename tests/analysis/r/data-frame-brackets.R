# R's values for tests/analysis/data-frame-brackets.test.ts (R trial 42): d[["x"]] and d[, "x"] in a formula, as analysts
# paste them from their R code. As with d$x, model.frame looks d up outside the data and takes its column, so the term is
# that column, named as typed ("d[[\"x\"]]", "d[, \"x\"]"). R 4.2.2, estimatr 1.0.0:
#   Rscript tests/analysis/r/data-frame-brackets.R
suppressMessages(library(estimatr))
d <- data.frame(y = c(3.1, 4.2, 2.9, 5.8, 6.1, 4.4, 7.3, 5.0, 6.6, 3.7), x = c(1, 2, 2, 4, 5, 3, 7, 4, 6, 2), z = c(0, 1, 0, 1, 1, 0, 1, 0, 1, 0),
  g = c("b", "a", "b", "c", "a", "c", "b", "a", "c", "a"))
show <- function(f, ...) { t <- tidy(lm_robust(f, data = d, ...)); cat(deparse(f), "\n"); print(data.frame(term = t$term, est = sprintf("%.15g", t$estimate), se = sprintf("%.15g", t$std.error))) }
show(y ~ d[["x"]])
show(d[["y"]] ~ z * d[, "x"])
show(y ~ d[["g"]] + log(d[, "x"]))
show(y ~ I(d[["x"]]^2) + z, subset = x > 1)
# Where R stops or takes another object: d[[2]] is d's second column (x here), d[["nope"]] NULL, x[["z"]] a subscript of a vector.
for (f in c('y ~ d[["nope"]]', 'y ~ x[["z"]]', 'y ~ d[[2]]', 'y ~ d[, 2]', 'y ~ d[["x"]] + x'))
  cat(f, ":", tryCatch({t <- tidy(lm_robust(as.formula(f), data = d)); paste(t$term, signif(t$estimate, 6), collapse = "; ")}, error = function(e) conditionMessage(e)), "\n")

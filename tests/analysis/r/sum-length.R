# The model matrices tests/analysis/sum-length.test.ts compares with: sum() and length() inside I() on the analyst-function
# tests' CSV (design-support.ts; x is NA in row 7), as R 4.2.2's model.matrix gives them (and R's error where it stops),
# and the rows lm keeps where log() makes NaN inside rank() and is.na(). Usage: Rscript tests/analysis/r/sum-length.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "analyst-design.R"))
invisible(Sys.setlocale("LC_COLLATE", "C"))
for (f in c(
  'y ~ I(rank(x)/length(x))', 'y ~ I(x/length(x))', 'y ~ I(length(a) + z)', 'y ~ I(length(poly(z, 2)) + z)',
  'y ~ I(z/sum(z))', 'y ~ I(z/sum(z, age))', 'y ~ I(sum(z > 0) * z)', 'y ~ I(x/sum(x, na.rm = TRUE))',
  'y ~ I(x/sum(x))', 'y ~ length(x)', 'y ~ rank(x)/length(x)'
)) show(f)
# lm stops where sum(x) is NA on every row; nobs where log(x) makes NaN (row 4) inside rank() and is.na(), and alone;
# log(z) is NaN in rows 1, 5 and 7, and row 7 goes for x's NA.
cat("lm(y ~ I(x/sum(x))):", tryCatch(conditionMessage(lm(y ~ I(x/sum(x)), d)), error = function(e) conditionMessage(e)), "\n")
for (f in c('y ~ rank(log(x))', 'y ~ is.na(log(x))', 'y ~ log(x)', 'y ~ log(x) + rank(log(x))', 'y ~ as.numeric(is.na(log(z))) + x',
  'y ~ rank(log(x)) + factor(round(log(x)))')) {
  cat(f, ": nobs", withCallingHandlers(nobs(lm(as.formula(f), d)), warning = function(w) { cat(" [", conditionMessage(w), "] "); invokeRestart("muffleWarning") }), "\n")
}

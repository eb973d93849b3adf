# The model matrices tests/analysis/rank-function.test.ts compares with: column names, rows kept and columns of each
# rank() formula on the analyst-function tests' CSV (design-support.ts; x is NA in row 7, k has ties), as R 4.2.2's
# model.matrix gives them (and R's error where it stops). Usage: Rscript tests/analysis/r/rank-function.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "analyst-design.R"))
invisible(Sys.setlocale("LC_COLLATE", "C"))
cat("rank(c(2, NA, 1)):", rank(c(2, NA, 1)), "\n")
for (f in c(
  'y ~ rank(x)', 'y ~ x + rank(x)', 'y ~ rank(x, na.last = FALSE)', 'y ~ rank(x, na.last = "keep")', 'y ~ rank(x, na.last = NA)',
  'y ~ rank(k)', 'y ~ rank(k, ties.method = "min") + rank(k, ties.method = "max")',
  'y ~ rank(k, ties.method = "first") + rank(k, ties.method = "last")', 'y ~ rank(k, ties.method = "mi")',
  'y ~ rank(a)', 'y ~ rank(factor(b, levels = c("r", "q", "p")))', 'y ~ rank(z > 0)', 'y ~ I(rank(-x)/8)', 'y ~ rank(log(x))'
)) show(f)

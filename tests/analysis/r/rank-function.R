# The model matrices tests/analysis/rank-function.test.ts compares with: column names, rows kept and columns of each
# rank() formula on the analyst-function tests' CSV (design-support.ts; x is NA in row 7, k has ties), as R 4.2.2's
# model.matrix gives them (and R's error where it stops). Usage: Rscript tests/analysis/r/rank-function.R
d <- read.csv(text = "y,x,age,id,a,b,k,z
1.5,0.25,23,1,u,p,1,-2.5
2.1,1.5,37,2,v,p,2,0.5
0.7,2.5,41,3,u,q,10,1.5
3.2,-1.35,58,4,v,q,1,2.5
2.2,4.75,62,5,u,r,2,-0.5
1.1,5,19,6,v,r,10,3.5
0.4,NA,30,7,u,p,1,-1.5
2.9,3.14159,45,8,u,q,2,4.5", stringsAsFactors = FALSE)
invisible(Sys.setlocale("LC_COLLATE", "C"))
show <- function(f) {
  cat(f, "\n")
  tryCatch({
    m <- suppressWarnings(model.matrix(as.formula(f), d))
    cat("  names:", paste0('"', colnames(m), '"', collapse = ", "), "\n  rows:", paste(rownames(m), collapse = ", "), "\n")
    for (j in seq_len(ncol(m))[-1]) cat("  ", colnames(m)[j], ":", paste(format(m[, j], digits = 15), collapse = ", "), "\n")
  }, error = function(e) cat("  error:", conditionMessage(e), "\n"))
}
cat("rank(c(2, NA, 1)):", rank(c(2, NA, 1)), "\n")
for (f in c(
  'y ~ rank(x)', 'y ~ x + rank(x)', 'y ~ rank(x, na.last = FALSE)', 'y ~ rank(x, na.last = "keep")', 'y ~ rank(x, na.last = NA)',
  'y ~ rank(k)', 'y ~ rank(k, ties.method = "min") + rank(k, ties.method = "max")',
  'y ~ rank(k, ties.method = "first") + rank(k, ties.method = "last")', 'y ~ rank(k, ties.method = "mi")',
  'y ~ rank(a)', 'y ~ rank(factor(b, levels = c("r", "q", "p")))', 'y ~ rank(z > 0)', 'y ~ I(rank(-x)/8)', 'y ~ rank(log(x))'
)) show(f)

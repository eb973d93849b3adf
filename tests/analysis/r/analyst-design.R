# The analyst-function tests' CSV (analystTable of tests/analysis/design-support.ts) as `d`, and show(f): the column
# names, rows kept and columns of model.matrix(f, d), or R's error. Sourced by r-functions.R and rank-function.R.
d <- read.csv(text = "y,x,age,id,a,b,k,z
1.5,0.25,23,1,u,p,1,-2.5
2.1,1.5,37,2,v,p,2,0.5
0.7,2.5,41,3,u,q,10,1.5
3.2,-1.35,58,4,v,q,1,2.5
2.2,4.75,62,5,u,r,2,-0.5
1.1,5,19,6,v,r,10,3.5
0.4,NA,30,7,u,p,1,-1.5
2.9,3.14159,45,8,u,q,2,4.5", stringsAsFactors = FALSE)
show <- function(f) {
  cat(f, "\n")
  tryCatch({
    m <- model.matrix(as.formula(f), d)
    cat("  names:", paste0('"', colnames(m), '"', collapse = ", "), "\n  rows:", paste(rownames(m), collapse = ", "), "\n")
    for (j in seq_len(ncol(m))[-1]) cat("  ", colnames(m)[j], ":", paste(format(m[, j], digits = 15), collapse = ", "), "\n")
  }, error = function(e) cat("  error:", conditionMessage(e), "\n"))
}

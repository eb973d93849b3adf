# Expected values for tests/analysis/cr2-identity.test.ts (R 4.2.2, base R only, jsonlite to write). Run from the
# repository root:
#   Rscript tests/analysis/r/cr2-identity.R
# Writes tests/analysis/fixtures/cr2_identity.json: six small designs (x, residuals, clusters, weights; 10 significant
# digits, so JavaScript reads the very doubles R used) and the CR2
# variance and Bell-McCaffrey df computed from their definition on n x n matrices, with R's own linear algebra:
#   M = (X'WX)^-1, H = X M X'W, A_s = ([(I - H)(I - H)']_ss)^(+-1/2) by eigen() (LAPACK dsyevr), eigenvalues at or
#   below 1e-12 mapped to 0 as estimatr does; V = M (sum_s X_s'W_s A_s e_s e_s' A_s W_s X_s) M;
#   df_j = tr(P)^2 / ||P||_F^2 with P_st = v_s' [(I - H)(I - H)']_st v_t, v_s = A_s W_s X_s M e_j.
# This is the route analysis/helpers/cr2.ts avoids (it works per cluster in r x r space and has its own Jacobi
# eigen-solver), so the test compares two independent computations.
# Cases 1-4: 36 rows in clusters of 1-6 (odd cases unweighted, even weighted); cases 5-6: three clusters of 30 and
# a dummy for cluster 1, so H_11 has eigenvalues of exactly 1 (the pseudo-inverse case), unweighted then weighted.
library(jsonlite)
set.seed(20261202)

cr2_brute_force <- function(x, resid, cl, w) {
  n <- nrow(x)
  M <- solve(crossprod(x, w * x))
  H <- x %*% M %*% t(w * x)
  IH <- diag(n) - H
  big <- IH %*% t(IH)
  members <- split(seq_len(n), cl)
  v_of <- lapply(members, function(rows) {
    e <- eigen(big[rows, rows, drop = FALSE], symmetric = TRUE)
    f <- ifelse(e$values > 1e-12, 1 / sqrt(pmax(e$values, 1e-300)), 0)
    A <- e$vectors %*% (f * t(e$vectors))
    A %*% (w[rows] * x[rows, , drop = FALSE])
  })
  meat <- Reduce(`+`, lapply(seq_along(members), function(s) {
    u <- crossprod(v_of[[s]], resid[members[[s]]])
    u %*% t(u)
  }))
  vcov <- M %*% meat %*% M
  df <- sapply(seq_len(ncol(x)), function(j) {
    v <- lapply(v_of, function(vs) vs %*% M[, j])
    P <- outer(seq_along(members), seq_along(members), Vectorize(function(s, t) {
      drop(t(v[[s]]) %*% big[members[[s]], members[[t]], drop = FALSE] %*% v[[t]])
    }))
    sum(diag(P))^2 / sum(P^2)
  })
  list(vcov = vcov, df = df)
}

cases <- lapply(1:6, function(case) {
  weighted <- case %% 2 == 0
  large <- case >= 5
  n <- if (large) 90 else 36
  sizes <- if (large) rep(30, 3) else sample(1:6, 36, replace = TRUE)
  cl <- rep(seq_along(sizes), sizes)[1:n]
  x <- cbind(1, rbinom(n, 1, 0.5), signif(runif(n, -1, 2), 10))
  if (large) x <- cbind(x, as.numeric(cl == 1))
  w <- if (weighted) runif(n, 0.3, 2.3) else rep(1, n)
  w <- signif(w / mean(w), 10)
  resid <- signif(runif(n, -1, 1), 10)
  expected <- cr2_brute_force(x, resid, cl, w)
  list(case = case, weighted = weighted, large = large, n = n, r = ncol(x), x = as.vector(x), resid = resid,
       clusters = cl - 1, weights = w, vcov = as.vector(t(expected$vcov)), df = expected$df)
})
writeLines(toJSON(cases, digits = NA, auto_unbox = TRUE), "tests/analysis/fixtures/cr2_identity.json")

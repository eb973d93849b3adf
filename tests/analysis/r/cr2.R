# Expected values for tests/analysis/cr2.test.ts (R 4.2.2, estimatr 1.0.0). Run from the repository root:
#   Rscript tests/analysis/r/cr2.R
# Writes the designs (tests/analysis/fixtures/cr2_designs.csv.gz, every number with 17 significant digits so that
# JavaScript reads R's doubles), the calls (cr2_designs.calls.csv) and tidy(lm_robust(...)) of each
# (cr2_designs.expected.csv). Three families, 20 designs each:
#   df:        a factor x numeric interaction, 3 clusters, one level only in cluster 1 (its dummies are zero in the
#              other clusters, so H_11 has eigenvalues of exactly 1: the pseudo-inverse case), x = 5 + N(0, 1);
#              weighted and unweighted. The Bell-McCaffrey df of those terms came out near 0 or negative.
#   far:       weighted, 3-6 clusters, a covariate near 1000 (sd 1 or 10). Weighted SEs were off by up to 3e-4.
#   large:     3-5 clusters of 60-250 rows, so that each cluster's adjustment is computed in K x K space: a
#              cluster-level dummy (pseudo-inverse case), a level absent from one cluster (a rank-deficient
#              cluster block), weighted and unweighted.
# Where estimatr itself is inaccurate, the expected values come from cr2_reference() instead (column `source`):
# estimatr forms X M X' with M = (X'WX)^-1, which loses digits when a covariate is far from zero relative to its
# spread; cr2_reference() is the same estimator written from its definition on n x n matrices, but with the hat
# matrix from the QR's orthonormal factor (H = Z Z'W, Z = W^-1/2 Q), which keeps every digit. A design takes the
# reference when some SE or df of estimatr differs from it by more than 1e-8 (relative).
suppressMessages(library(estimatr))
fixtures <- "tests/analysis/fixtures"
set.seed(20261203)

cr2_reference <- function(formula, d, weighted) {
  d <- d[order(d$cl), ]
  X <- model.matrix(formula, d)
  n <- nrow(X)
  p <- ncol(X)
  w <- if (weighted) d$w / mean(d$w) else rep(1, n)
  q <- qr(sqrt(w) * X)
  stopifnot(q$rank == p)
  B <- matrix(0, p, p)
  B[q$pivot, ] <- backsolve(qr.R(q), diag(p)) # (X'WX)^-1 = B B'
  Z <- qr.Q(q) / sqrt(w)                       # X B
  beta <- B %*% crossprod(qr.Q(q), sqrt(w) * d$y)
  e <- d$y - X %*% beta
  H <- Z %*% t(w * Z)                          # X M X'W
  Psi <- diag(n) - H - t(H) + Z %*% crossprod(w * Z) %*% t(Z) # (I - H)(I - H)'
  clusters <- split(seq_len(n), d$cl)
  adjust <- lapply(clusters, function(s) {
    ev <- eigen(Psi[s, s, drop = FALSE], symmetric = TRUE)
    ev$vectors %*% diag(ifelse(ev$values > 1e-12, 1 / sqrt(ev$values), 0), length(s)) %*% t(ev$vectors)
  })
  awz <- Map(function(s, A) A %*% (w[s] * Z[s, , drop = FALSE]), clusters, adjust) # A_s W_s X_s M = A_s W_s Z_s B'
  meat <- Reduce(`+`, Map(function(s, m) tcrossprod(crossprod(m, e[s])), clusters, awz))
  vcov <- B %*% meat %*% t(B)
  df <- vapply(seq_len(p), function(j) {
    v <- lapply(awz, function(m) m %*% B[j, ])
    P <- outer(seq_along(clusters), seq_along(clusters), Vectorize(function(s, t) {
      drop(t(v[[s]]) %*% Psi[clusters[[s]], clusters[[t]], drop = FALSE] %*% v[[t]])
    }))
    sum(diag(P))^2 / sum(P^2)
  }, numeric(1))
  list(estimate = drop(beta), std.error = sqrt(diag(vcov)), df = df)
}

design_df <- function(id) {
  sizes <- sample(6:12, 3, replace = TRUE)
  cl <- rep(1:3, sizes)
  f <- ifelse(cl == 1 & seq_along(cl) %% 3 == 0, "c", sample(c("a", "b"), length(cl), replace = TRUE))
  for (g in 1:3) {
    rows <- which(cl == g & f != "c")
    f[rows[1:4]] <- c("a", "b", "a", "b")
  }
  list(cl = cl, f = f, x = 5 + rnorm(length(cl)), formula = y ~ f * x, weighted = id %% 2 == 0)
}
design_far <- function(id) {
  groups <- sample(3:6, 1)
  cl <- sort(rep_len(1:groups, sample(20:45, 1)))
  list(cl = cl, f = sample(c("a", "b", "c"), length(cl), replace = TRUE),
       x = 1000 + rnorm(length(cl)) * sample(c(1, 10), 1), formula = y ~ x + f, weighted = TRUE)
}
design_large <- function(id) {
  groups <- sample(3:5, 1)
  cl <- rep(1:groups, sample(60:250, groups, replace = TRUE))
  f <- sample(c("a", "b", "c"), length(cl), replace = TRUE)
  f[cl == 2 & f == "c"] <- "a"
  list(cl = cl, f = f, x = rnorm(length(cl)), g = sample(c("u", "v", "w"), length(cl), replace = TRUE),
       site1 = as.numeric(cl == 1), formula = y ~ f * x + g + site1, weighted = id %% 2 == 0)
}

data <- list()
calls <- list()
expected <- list()
families <- rep(c("df", "far", "large"), each = 20)
for (id in seq_along(families)) {
  family <- families[id]
  spec <- switch(family, df = design_df(id), far = design_far(id), large = design_large(id))
  n <- length(spec$cl)
  d <- data.frame(id = id, y = rnorm(n) + 0.1 * spec$x, f = spec$f, x = spec$x, cl = spec$cl,
                  g = if (is.null(spec$g)) "u" else spec$g, site1 = if (is.null(spec$site1)) 0 else spec$site1,
                  w = runif(n, 0.2, 3))
  fit <- if (spec$weighted) {
    lm_robust(spec$formula, data = d, clusters = cl, weights = w)
  } else {
    lm_robust(spec$formula, data = d, clusters = cl)
  }
  t <- tidy(fit)[, c("term", "estimate", "std.error", "statistic", "p.value", "conf.low", "conf.high", "df")]
  ref <- cr2_reference(spec$formula, d, spec$weighted)
  gap <- max(abs(t$std.error / ref$std.error - 1), abs(t$df / ref$df - 1))
  source <- "estimatr"
  if (!(gap <= 1e-8)) {
    source <- sprintf("reference (estimatr differs by %.1e)", gap)
    t$std.error <- ref$std.error
    t$df <- ref$df
    t$statistic <- t$estimate / t$std.error
    t$p.value <- 2 * pt(abs(t$statistic), t$df, lower.tail = FALSE)
    t$conf.low <- t$estimate - qt(0.975, t$df) * t$std.error
    t$conf.high <- t$estimate + qt(0.975, t$df) * t$std.error
  }
  expected[[id]] <- cbind(id = id, t)
  data[[id]] <- d
  calls[[id]] <- data.frame(id = id, family = family, formula = deparse(spec$formula), weighted = spec$weighted,
                            source = source)
}

digits17 <- function(t) {
  num <- vapply(t, is.numeric, logical(1))
  t[num] <- lapply(t[num], function(x) ifelse(is.na(x), NA, sprintf("%.17g", x)))
  t
}
con <- gzfile(file.path(fixtures, "cr2_designs.csv.gz"), "w")
write.csv(digits17(do.call(rbind, data)), con, row.names = FALSE, quote = FALSE)
close(con)
write.csv(digits17(do.call(rbind, expected)), file.path(fixtures, "cr2_designs.expected.csv"), row.names = FALSE,
          quote = 2, na = "NA")
write.csv(do.call(rbind, calls), file.path(fixtures, "cr2_designs.calls.csv"), row.names = FALSE)

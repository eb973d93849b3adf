# Expected values of tests/analysis/cregg-near-collinear.test.ts (R 4.2.2, survey 4.1-1): svyglm (se type cregg) of a
# covariate beside x + 1e-7·u. glm's QR (dqrdc2, tol = min(1e-7, epsilon / 1000) = 1e-11 on the norm) keeps it; the
# estimates are svyglm's on X, the SEs svyglm's on the orthonormal Q of X = QR mapped back (on X they lose κ²ε).
# Run: Rscript tests/analysis/r/cregg-near-collinear.R
suppressMessages(library(survey))
i <- 1:40
d <- data.frame(x = (i %% 7) + 0.1 * i, u = ((i * 13) %% 11) - 5, y = 1 + 0.5 * ((i %% 7) + 0.1 * i) + ((i * 7) %% 5) / 10 + (i %% 3) * 0.2, cl = ceiling(i / 4))
d$x2 <- d$x + 1e-7 * d$u
m <- svyglm(y ~ x + x2, design = svydesign(ids = ~cl, data = d))
X <- model.matrix(m); qx <- qr(X, tol = 1e-300); Rinv <- backsolve(qr.R(qx), diag(3))
dq <- data.frame(y = d$y, qr.Q(qx), cl = d$cl)
mq <- svyglm(y ~ 0 + X1 + X2 + X3, design = svydesign(ids = ~cl, data = dq))
p <- function(label, x) cat(label, paste(format(x, digits = 17), collapse = ", "), "\n")
p("estimates (svyglm on X):", coef(m))
p("estimates (on Q):", Rinv %*% coef(mq))
p("SEs (on Q):", sqrt(diag(Rinv %*% vcov(mq) %*% t(Rinv))))
p("SEs (svyglm on X):", sqrt(diag(vcov(m))))

# Expected values of tests/analysis/cregg-aliasing.test.ts: survey::svyglm (cregg's fit) aliases the last of dependent
# columns (LINPACK dqrdc2, in order); estimatr's lm_robust aliases another. Run: Rscript tests/analysis/r/cregg-aliasing.R
suppressMessages(library(survey)); suppressMessages(library(estimatr))
i <- 0:39; d <- data.frame(x2 = 10 * ((i * 3) %% 11 - 5)); d$x1 <- i %% 7 - 3 + d$x2 / 10; d$x3 <- d$x1 + d$x2
d$y <- 0.5 * d$x1 - 0.05 * d$x2 + ((i * 7) %% 13) / 4; d$cl <- i %/% 4
m <- svyglm(y ~ x1 + x2 + x3, design = svydesign(ids = ~cl, weights = ~1, data = d))
print(coef(m), digits = 17); print(sqrt(diag(vcov(m))), digits = 17)
print(coef(lm_robust(y ~ x1 + x2 + x3, data = d, clusters = cl, se_type = "stata")))

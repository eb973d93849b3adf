# A rank-deficient design with fixed effects where estimatr leaves out another column than lm's in-order rule
# (tests/analysis/fixed-effects.test.ts, "fixedEffects in a rank-deficient design"): a rare level of z (3 rows)
# makes a:z and z:b collinear. estimatr demeans within g and lets its pivoted QR pick (aa2:zrare, zrare:bb2 NA);
# lm(y ~ factor(g) + a * z + b * z) leaves out the last of each dependent set (aa3:zrare, zrare:bb2 NA).
#   Rscript tests/reference/r/fixed-effects-rare-cell.R
suppressMessages(library(estimatr))
set.seed(2)
n <- 40
d <- data.frame(a = sample(c("a1", "a2", "a3"), n, TRUE), b = sample(c("b1", "b2"), n, TRUE), z = "common", g = sample(c("g1", "g2", "g3", "g4"), n, TRUE))
rare <- sample(n, 3); d$z[rare] <- "rare"
d$y <- round(rnorm(n) + (d$a == "a2") + 0.5 * (d$z == "rare"), 3)
d$w <- round(runif(n, 0.5, 2), 2); d$cl <- rep(1:8, 5)
cat("rows:", paste(sprintf("%s %s %s %s %s %s %s", d$a, d$b, d$z, d$g, d$y, d$w, d$cl), collapse = ", "), "\n")
options(digits = 17)
columns <- c("term", "estimate", "std.error", "df")
for (se in c("HC2", "classical")) print(tidy(lm_robust(y ~ a * z + b * z, data = d, fixed_effects = ~ g, se_type = se))[, columns])
print(tidy(lm_robust(y ~ a * z + b * z, data = d, fixed_effects = ~ g, weights = w, se_type = "HC1"))[, columns])
print(tidy(lm_robust(y ~ a * z + b * z, data = d, fixed_effects = ~ g, clusters = cl, se_type = "stata"))[, columns])

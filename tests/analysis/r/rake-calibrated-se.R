# R trial 29: survey's estimates after rake() (the calibrated design) against the same raked weights used as plain
# weights, which is what a vlab fit with rake()'s weights computes (docs/analysis.md, rake). The data are the trial's
# (tests/reference/differential/trial29-designs.ts), written by write-inputs.ts:
#   node --import tsx tests/reference/differential/write-inputs.ts DIR && Rscript tests/analysis/r/rake-calibrated-se.R DIR
# R 4.2.2, survey 4.1-1, estimatr 1.0.0 printed: svymean 2.810196, SE 0.190565 on the raked design and 0.213165 with
# its weights as plain weights; svyglm(y ~ z + x) SEs 0.5002, 0.4451, 0.1468 on the raked design and 0.5350, 0.3686,
# 0.1472 with plain weights (= lm_robust HC0 · n/(n − 1)); the coefficients equal; a raked margin's share has SE 2e-13
# on the raked design and 0.104 with plain weights.
suppressMessages({library(survey); library(estimatr)})
d <- read.csv(file.path(commandArgs(TRUE)[1], "t29-data.csv"), stringsAsFactors = FALSE)
pop <- list(data.frame(sex = c("male", "female"), Freq = c(0.49, 0.51) * sum(d$bw)),
            data.frame(age = c("young", "mid", "old"), Freq = c(0.3, 0.35, 0.35) * sum(d$bw)),
            data.frame(edu = c("low", "mid", "high"), Freq = c(0.25, 0.45, 0.3) * sum(d$bw)))
des <- svydesign(ids = ~1, weights = ~bw, data = d)
rk <- rake(des, list(~sex, ~age, ~edu), pop, control = list(maxit = 1000, epsilon = 1e-12))
d$rw <- weights(rk)
plain <- svydesign(ids = ~1, weights = ~rw, data = d)
m1 <- svymean(~y, rk); m2 <- svymean(~y, plain)
cat(sprintf("svymean: raked design %.6f (SE %.6f), raked weights as plain weights %.6f (SE %.6f)\n", coef(m1), SE(m1), coef(m2), SE(m2)))
g1 <- svyglm(y ~ z + x, design = rk); g2 <- svyglm(y ~ z + x, design = plain)
l <- lm_robust(y ~ z + x, data = d, weights = rw, se_type = "HC0")
print(rbind(raked_design = sqrt(diag(vcov(g1))), plain_weights = sqrt(diag(vcov(g2))), lm_robust_HC0_x_n_over_n_minus_1 = sqrt(diag(vcov(l)) * nrow(d) / (nrow(d) - 1))))
print(rbind(coef(g1), coef(g2), coef(l)))
# svymean by a raked margin: the calibrated design's SE of a margin variable's share is ~0
m3 <- svymean(~factor(sex), rk); m4 <- svymean(~factor(sex), plain); print(rbind(SE(m3), SE(m4)))

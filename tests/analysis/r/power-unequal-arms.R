# R's numbers for tests/analysis/power-unequal-arms.test.ts: two arms of unequal size (pwr::pwr.t2n.test, which
# counts both rejection regions of a two-sided test: power.t.test's strict = TRUE). Solved values with uniroot at
# tol 1e-13 on pwr's own power function (pwr.t2n.test's uniroot stops at ~1e-4), and pwr.t2n.test's answer beside.
# Usage, from the repository root: Rscript tests/analysis/r/power-unequal-arms.R   (R 4.2.2, pwr 1.3-0, Debian r-cran-pwr)
suppressMessages(library(pwr))
p2n <- function(n1, n2, d, a, alt = "two.sided") pwr.t2n.test(n1 = n1, n2 = n2, d = d, sig.level = a, alternative = alt)$power
p <- function(x) cat(sprintf("%.15g", x), "\n")
# Power: 100 and 50 respondents, effect 0.4 sd; 30 and 90, effect -0.3 sd at alpha 0.01; one-sided (greater) 40 / 160, 0.35.
p(p2n(100, 50, 0.4, 0.05)); p(p2n(30, 90, -0.3, 0.01)); p(p2n(40, 160, 0.35, 0.05, "greater"))
# n1 for 80 % power with n2 = 60 and effect 0.5 sd.
n1 <- uniroot(function(n1) p2n(n1, 60, 0.5, 0.05) - 0.8, c(2 + 1e-10, 1e9), tol = 1e-13)$root
p(n1); p(pwr.t2n.test(n2 = 60, d = 0.5, power = 0.8)$n1)
# The effect (in sd) with 80 % power at 120 and 40 respondents.
d <- uniroot(function(d) p2n(120, 40, d, 0.05) - 0.8, c(1e-7, 10), tol = 1e-13)$root
p(d); p(pwr.t2n.test(n1 = 120, n2 = 40, power = 0.8)$d)
# R trial 22: n2 for a given n1 (pwr.t2n.test(n1 =, d =, power =)$n2) — n1 60, effect 0.5 sd, 80 % (the n1 above, by
# symmetry), and one-sided (greater) n1 25, d 0.6, alpha 0.1, 90 %.
n2 <- uniroot(function(n2) p2n(60, n2, 0.5, 0.05) - 0.8, c(2 + 1e-10, 1e9), tol = 1e-13)$root
p(n2); p(pwr.t2n.test(n1 = 60, d = 0.5, power = 0.8)$n2)
n2 <- uniroot(function(n2) p2n(25, n2, 0.6, 0.1, "greater") - 0.9, c(2 + 1e-10, 1e9), tol = 1e-13)$root
p(n2); p(pwr.t2n.test(n1 = 25, d = 0.6, sig.level = 0.1, power = 0.9, alternative = "greater")$n2)
# A power no n2 reaches with n1 = 10 and d 0.5 (at most pnorm(0.5 * sqrt(10) - qnorm(0.975)) + its far tail): pwr stops.
p(pnorm(0.5 * sqrt(10) - qnorm(0.975)) + pnorm(-0.5 * sqrt(10) - qnorm(0.975)))
print(tryCatch(pwr.t2n.test(n1 = 10, d = 0.5, power = 0.5), error = conditionMessage))
# The second arm for 80 % power given the first, n1 = 50, effect 0.5 sd (vlab power --n 50 --n2 solve; newcomer walk-through 17).
n2 <- uniroot(function(n2) p2n(50, n2, 0.5, 0.05) - 0.8, c(2 + 1e-10, 1e9), tol = 1e-13)$root
p(n2); p(pwr.t2n.test(n1 = 50, d = 0.5, power = 0.8)$n2)

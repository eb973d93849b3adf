# Expected values of tests/analysis/power-tiny-alpha.test.ts: power.t.test, pwr.t2n.test and the MDE (power.t.test's
# delta) at alpha 1e-15 and 1e-12, where R takes the critical value as qt(sig.level / tside, nu, lower = FALSE).
# Run: Rscript tests/analysis/r/power-tiny-alpha.R (R 4.2.2, pwr 1.3-0).
suppressMessages(library(pwr))
p <- function(x) cat(format(x, digits = 17), "\n")
p(power.t.test(n = 60, delta = 1, sd = 1, sig.level = 1e-15, strict = FALSE, tol = 1e-12)$power)
p(power.t.test(n = 200, delta = 0.7, sd = 1, sig.level = 1e-12, strict = TRUE, tol = 1e-12)$power)
p(power.t.test(n = 40, delta = 1, sd = 1, sig.level = 1e-15, type = "one.sample", alternative = "one.sided", tol = 1e-12)$power)
p(pwr.t2n.test(n1 = 80, n2 = 40, d = 1, sig.level = 1e-12)$power)
p(power.t.test(n = 100, sd = 1, power = 0.8, sig.level = 1e-15, strict = FALSE, tol = 1e-12)$delta)

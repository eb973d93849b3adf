# R's numbers for tests/analysis/power-prop-no-variance.test.ts (R 4.2.2): power.prop.test where a proportion is 0 or 1.
#   Rscript tests/analysis/r/power-prop-no-variance.R
show <- function(call) cat(sprintf("%-100s %s\n", call, tryCatch(format(eval(parse(text = call)), digits = 17), error = function(e) paste("Error:", conditionMessage(e)))))
# Both proportions 0 (or both 1): the test statistic is 0/0, the power NaN.
show('power.prop.test(n = 100, p1 = 0, p2 = 0)$power')
show('power.prop.test(n = 100, p1 = 1, p2 = 1)$power')
show('power.prop.test(n = 30, p1 = 0, p2 = 0, strict = TRUE)$power')
# p2 for p1 = 0 (p1 for p2 = 1): R's uniroot starts at the end where both are equal, whose power is NaN, and stops;
# the power tends to alpha/2 there, and uniroot on (1e-300, 1) finds the p2 a user asks for.
show('power.prop.test(n = 100, p1 = 0, power = 0.8, tol = 1e-12)$p2')
show('uniroot(function(p2) power.prop.test(n = 100, p1 = 0, p2 = p2)$power - 0.8, c(1e-300, 1), tol = 1e-12)$root')
show('power.prop.test(n = 100, p2 = 1, power = 0.8, tol = 1e-12)$p1')
show('uniroot(function(p1) power.prop.test(n = 100, p1 = p1, p2 = 1)$power - 0.8, c(0, 1 - 1e-16), tol = 1e-12)$root')

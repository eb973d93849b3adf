# R's values in tests/analysis/power-one-sided.test.ts (the sixteenth R trial's one-sided, one-sample and paired
# power.t.test); before R trial 43 the test held them without this script.
# Usage, from the repository root: Rscript tests/analysis/r/power-one-sided.R   (R 4.2.2)
show <- function(call) cat(call, " ", tryCatch(format(eval(parse(text = call)), digits = 17), error = function(e) paste("Error:", conditionMessage(e))), "\n")
show('power.t.test(n = 50, delta = 0.4, alternative = "one.sided")$power')
show('power.t.test(n = 50, delta = -0.4, alternative = "one.sided")$power')
show('power.t.test(delta = 0.4, power = 0.8, alternative = "one.sided", tol = 1e-12)$n')
show('power.t.test(n = 50, power = 0.8, alternative = "one.sided", tol = 1e-12)$delta')
show('power.t.test(n = 30, delta = 0.5, type = "one.sample")$power')
show('power.t.test(delta = 0.5, power = 0.9, type = "paired", tol = 1e-12)$n')
show('power.t.test(n = 30, power = 0.8, sd = 2, type = "paired", alternative = "one", tol = 1e-12)$delta')
show('power.t.test(n = 30, delta = 0.3, type = "one.sample", alternative = "one.sided", strict = TRUE)$power')
show('power.t.test(n = 30, delta = 0.3, type = "o", alternative = "t")$power')
show('power.t.test(delta = -0.4, power = 0.8, alternative = "one.sided")$n')

# R's values in tests/analysis/cli.test.ts, 'vlab power says the n to field, rounded up, …' (walk-through 28): the solved
# n that the table prints (393.407, 1564.67, 1569.77) and the CLI rounds up to the number to field. Before R trial 43 the
# test held these values without this script.
# Usage, from the repository root: Rscript tests/analysis/r/power-to-field.R   (R 4.2.2, pwr 1.3-0)
suppressMessages(library(pwr))
cat("power.t.test(delta = .2, sd = 1, power = .8)$n        ", format(power.t.test(delta = .2, sd = 1, power = .8)$n, digits = 17), "\n")
cat("power.prop.test(p1 = .5, p2 = .55, power = .8)$n      ", format(power.prop.test(p1 = .5, p2 = .55, power = .8)$n, digits = 17), "\n")
cat("pwr::pwr.2p.test(h = .1, power = .8)$n                ", format(pwr.2p.test(h = .1, power = .8)$n, digits = 17), "\n")

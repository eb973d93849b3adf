# R's numbers for tests/analysis/power-prop.test.ts: stats::power.t.test's sibling power.prop.test (R 4.2.2), each
# solved at tol = 1e-12 (R's default tol, 1.2e-4, is absolute on n, p1 and p2).
#   Rscript tests/analysis/r/power-prop.R
calls <- c(
  'power.prop.test(n = 100, p1 = 0.5, p2 = 0.65)$power',
  'power.prop.test(p1 = 0.5, p2 = 0.6, power = 0.8, tol = 1e-12)$n',
  'power.prop.test(p1 = 0.3, p2 = 0.2, power = 0.9, sig.level = 0.01, tol = 1e-12)$n',
  'power.prop.test(n = 50, p1 = 0.5, p2 = 0.75, alternative = "one.sided")$power',
  'power.prop.test(p1 = 0.1, p2 = 0.15, power = 0.8, alternative = "one.sided", tol = 1e-12)$n',
  'power.prop.test(n = 20, p1 = 0.4, p2 = 0.45, strict = TRUE)$power',
  'power.prop.test(n = 20, p1 = 0.4, p2 = 0.45)$power',
  'power.prop.test(n = 200, p2 = 0.5, power = 0.8, tol = 1e-12)$p1',
  'power.prop.test(n = 200, p1 = 0.5, power = 0.8, tol = 1e-12)$p2',
  'power.prop.test(n = 500, p1 = 0.02, power = 0.9, alternative = "one", tol = 1e-12)$p2',
  'power.prop.test(n = 100, p1 = 0.5, p2 = 0.5)$power',
  'power.prop.test(p1 = 0.5, p2 = 0.9, power = 0.8, tol = 1e-12)$n',
  'power.prop.test(n = 1e6, p1 = 0.5, p2 = 0.501, strict = TRUE)$power'
)
for (call in calls) cat(sprintf("%s  # %s\n", format(eval(parse(text = call)), digits = 17), call))

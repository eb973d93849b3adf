# The model matrices tests/analysis/math-row-functions.test.ts compares with: trigonometric and hyperbolic functions,
# seq_along(), cumsum(), weighted.mean() and xor() on the analyst-function tests' CSV (design-support.ts; x is NA in row 7), as
# R 4.2.2's model.matrix gives them. Usage: Rscript tests/analysis/r/math-row-functions.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "analyst-design.R"))
invisible(Sys.setlocale("LC_COLLATE", "C"))
for (f in c(
  'y ~ sin(2 * pi * k/12) + cos(2 * pi * k/12)', 'y ~ tan(z) + atan(z)', 'y ~ asin(z/5) + acos(z/5)', 'y ~ asin(z/2)',
  'y ~ sinh(z) + cosh(z) + tanh(z)', 'y ~ asinh(z) + acosh(age/10) + atanh(z/5)',
  'y ~ seq_along(x)', 'y ~ seq_along(x) * a', 'y ~ cumsum(z)', 'y ~ cumsum(x)', 'y ~ cumsum(a == "u")',
  'y ~ I(age - weighted.mean(age, z + 3))', 'y ~ I(x - weighted.mean(x, age, na.rm = TRUE))', 'y ~ I(z - weighted.mean(z))',
  'y ~ I(x - weighted.mean(x, age))', 'y ~ xor(x > 2, k == 1)', 'y ~ I(xor(a == "u", z > 0))'
)) show(f)

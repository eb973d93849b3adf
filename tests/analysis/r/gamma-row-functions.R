# The values tests/analysis/gamma-row-functions.test.ts compares with: lgamma(), gamma() and factorial() at points near
# 1 and 2, below 0, across the switch at 10 and near overflow, printed to 17 digits; and the model matrices of
# rowSums()/rowMeans() of cbind() and of the gamma functions on the analyst-function tests' CSV (design-support.ts; x is
# NA in row 7), as R 4.2.2 gives them. Usage: Rscript tests/analysis/r/gamma-row-functions.R
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "analyst-design.R"))
digits <- function(label, v) cat(label, ": [", paste(sprintf("%.17g", v), collapse = ", "), "]\n")
lx <- c(1e-8, 0.1, 0.5, 0.9, 0.999, 1.001, 1.1, 1.3, 1.5, 1.7, 1.9, 1.999, 2.001, 2.1, 2.4, 2.6, 3.7, 9.99, 10.5, 55.5,
  10000.3, -0.5, -2.3, -11.5, 1, 2, 3)
digits("lgamma", lgamma(lx))
gx <- c(1e-8, 0.1, 0.5, 1.1, 1.9, 2.1, 5, 4.5, 9.7, 10, 10.5, 20, 25.3, 50, 100.5, -0.5, -2.3, -11.5, 170.5)
digits("gamma", gamma(gx))
digits("factorial", factorial(c(0, 1, 3, 3.5, 20, 25, 0.5, 49)))
digits("edges", suppressWarnings(c(gamma(0), gamma(-2), gamma(172), lgamma(0), lgamma(-3), factorial(-1))))
for (f in c(
  'y ~ lgamma(age) + gamma(z)', 'y ~ factorial(k) + I(lgamma(x + 1))',
  'y ~ rowMeans(cbind(x, z))', 'y ~ rowMeans(cbind(x, z, 1), na.rm = TRUE)', 'y ~ rowSums(cbind(x, z, a == "u"), na.rm = TRUE)',
  'y ~ rowSums(cbind(x, age)) * a', 'y ~ rowSums(cbind(b, k))', 'y ~ rowMeans(x)', 'y ~ rowSums(cbind(x, a))', 'y ~ I(1:8)',
  'y ~ rowSums(cbind(factor(a), x))', 'y ~ rowMeans(cbind(relevel(factor(b), ref = "r"), k))',
  'y ~ cbind(x, z) + a', 'y ~ cbind(k, w = z^2)', 'y ~ a + I(cbind(x, 2 * z))'
)) show(f)
# cbind() as a predictor: lm_robust names its coefficients as model.matrix does (vlab refuses the term, naming them).
if (requireNamespace("estimatr", quietly = TRUE)) {
  cat("lm_robust:", names(coef(estimatr::lm_robust(y ~ cbind(x, z) + a, d))), "\n")
  cat("lm_robust:", names(coef(estimatr::lm_robust(y ~ cbind(k, w = z^2), d))), "\n")
}

# Expected values for tests/analysis/correctly-rounded.test.ts (R 4.2.2 on Debian 12, glibc 2.36's pow), printed exactly
# (C's %a): one-decimal x whose x^y V8's ** gives an ulp off (28 of 300 x = 0.1 … 6 by 0.1 with y = 1.5, 0.5, 2.5,
# -1.5, 1/3; R trial 27), and R's special cases (x^2 is x*x; 1^NA and NA^0 are 1; a negative x with a whole y).
# Run from the repository root: Rscript tests/analysis/r/correctly-rounded-power.R
x <- c(1.3, 2, 4.5, 0.7, 2.6, 1.1, 2.7, 3.4, 5, -1.7, -1.7)
y <- c(1.5, 1.5, 1.5, 2.5, 2.5, -1.5, -1.5, 1/3, 1/3, 3, -2)
cat(sprintf("  ['%a', '%a', '%a'],\n", x, y, x^y), sep = "")
cat("1^NA:", 1^NA, " NA^0:", NA^0, " (-8)^(1/3):", (-8)^(1/3), "\n")

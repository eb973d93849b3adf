# Expected values for tests/analysis/correctly-rounded.test.ts (R 4.2.2 on Debian 12, glibc 2.36's log10 and log2),
# printed exactly (C's %a): the first x of 0.01 … 100 by 0.01 whose log10 and log2 V8's Math.log10 and Math.log2 give
# an ulp off R's (198 and 40 of 30,000 with 20,000 drawn, polish20), and edges. Run from the repository root:
# Rscript tests/analysis/r/correctly-rounded-log-bases.R
x10 <- c(0.17, 0.68, 1.09, 1.23, 1.6, 1.61, 1000, 0.001, 1e-300, 2^-1074, 1.7976931348623157e308)
cat(sprintf("  ['%a', '%a'],\n", x10, log10(x10)), sep = "")
cat("\n")
x2 <- c(1.06, 1.3, 1.36, 1.47, 1.49, 5.11, 8, 1024, 2^-1074, 3, 1.7976931348623157e308)
cat(sprintf("  ['%a', '%a'],\n", x2, log2(x2)), sep = "")

# Expected values for tests/analysis/correctly-rounded.test.ts (R 4.2.2 on Debian 12, glibc 2.36's log), printed
# exactly (C's %a): x values whose log V8's Math.log gives an ulp off (the six of 0.1 … 5.0 in R trial 27's data),
# and edges. Run from the repository root: Rscript tests/analysis/r/correctly-rounded-log.R
x <- c(1.4, 1.6, 2.3, 2.6, 3, 3.6, 0.5, 1 + 1e-10, 1e-300, 2^-1074, 1.7976931348623157e308, 2.5582256237976253)
cat(sprintf("  ['%a', '%a'],\n", x, log(x)), sep = "")

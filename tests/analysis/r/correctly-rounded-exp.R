# Expected values for tests/analysis/correctly-rounded.test.ts (R 4.2.2 on Debian 12, glibc 2.36's exp), printed
# exactly (C's %a): x of one decimal in -6 … 6 whose exp V8's Math.exp gives an ulp off (11 of the 121; R trial 27), and edges.
# Run from the repository root: Rscript tests/analysis/r/correctly-rounded-exp.R
x <- c(-4.4, -3.2, -2.9, -1.2, -0.6, 1.7, 2.1, 5.8, 1e-10, -700, 707.5, 0)
cat(sprintf("  ['%a', '%a'],\n", x, exp(x)), sep = "")
